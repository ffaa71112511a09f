import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { createTestStores } from '../__testUtils__/createTestStores';
import { StoredIncident } from '../incidents/IncidentStore';
import { openIncident } from '../incidents/__testUtils__/incidentFixtures';
import { fakeNotifications } from './__testUtils__/notificationFixtures';
import { DatabaseSentNotificationStore } from './DatabaseSentNotificationStore';
import { INCIDENT_TOPIC, IncidentNotifier } from './IncidentNotifier';
import { ServiceOwnerIndex } from './ServiceOwnerIndex';

jest.setTimeout(60_000);

const NOW = new Date('2026-12-02T09:00:00Z');

const incident = (id: string, patch?: Partial<StoredIncident>) =>
  openIncident(id, '2026-12-02T08:55:00.000Z', ['checkout'], patch);

function component(
  name: string,
  owner: string,
  annotations: Record<string, string> = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { owner, type: 'service', lifecycle: 'production' },
    relations: [{ type: 'ownedBy', targetRef: owner }],
  };
}

const entities: Entity[] = [
  component('checkout-api', 'group:default/payments', {
    'blameless.com/service': 'checkout',
  }),
  component('checkout-web', 'group:default/web', {
    'blameless.com/service': 'Checkout',
  }),
  component('search', 'group:default/discovery'),
];

async function setup() {
  const { knex } = await createTestStores('SQLITE_3');
  const owners = new ServiceOwnerIndex({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
  });
  const notifications = fakeNotifications();
  const replica = (service: NotificationService = notifications) =>
    new IncidentNotifier({
      notifications: service,
      sent: DatabaseSentNotificationStore.create({ knex }),
      owners,
      minSeverity: 'sev1',
      logger: mockServices.logger.mock(),
      now: () => NOW,
    });
  return { notifications, replica };
}

describe('IncidentNotifier', () => {
  it('tells the owning Groups of every affected service about an opened SEV1', async () => {
    const { notifications, replica } = await setup();
    const notifier = replica();

    const notified = await notifier.notifyOpen([
      incident('42', {
        commander: { name: 'Ada Lovelace' },
        slackChannel: {
          name: '#inc-42-card-payments',
          url: 'https://slack.example.com/archives/C42',
        },
      }),
    ]);

    expect(notified).toEqual(['42']);
    expect(notifications.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['group:default/payments', 'group:default/web'],
        },
        payload: {
          title: 'SEV1 opened: Card payments failing',
          description:
            'Incident Commander: Ada Lovelace. Slack: #inc-42-card-payments (https://slack.example.com/archives/C42). Services: checkout.',
          link: '/catalog/default/component/checkout-api/incidents',
          severity: 'high',
          topic: INCIDENT_TOPIC,
          scope: 'oncall-incident:42',
        },
      },
    ]);
  });

  it('says when there is no Incident Commander or Slack channel yet', async () => {
    const { notifications, replica } = await setup();
    await replica().notifyOpen([incident('1', { severity: 'sev0' })]);
    expect(notifications.sent[0].payload).toMatchObject({
      title: 'SEV0 opened: Card payments failing',
      description:
        'No Incident Commander assigned yet. No Slack channel yet. Services: checkout.',
      severity: 'critical',
    });
  });

  it('leaves incidents below the minimum severity alone until they are raised', async () => {
    const { notifications, replica } = await setup();
    const notifier = replica();
    expect(
      await notifier.notifyOpen([incident('5', { severity: 'sev2' })]),
    ).toEqual([]);
    expect(notifications.sent).toEqual([]);
    expect(
      await notifier.notifyOpen([incident('5', { severity: 'sev1' })]),
    ).toEqual(['5']);
    // raised further: the same event, not told again
    expect(
      await notifier.notifyOpen([incident('5', { severity: 'sev0' })]),
    ).toEqual([]);
    expect(notifications.sent).toHaveLength(1);
  });

  it('sends each event once across two replicas and a restart', async () => {
    const { notifications, replica } = await setup();
    const open = [incident('42'), incident('43', { services: ['search'] })];

    const [a, b] = await Promise.all([
      replica().notifyOpen(open),
      replica().notifyOpen(open),
    ]);
    expect([...a, ...b].sort()).toEqual(['42', '43']);
    // a restarted replica sees the same open incidents: nothing is sent again
    expect(await replica().notifyOpen(open)).toEqual([]);
    expect(notifications.sent.map(n => n.payload.scope).sort()).toEqual([
      'oncall-incident:42',
      'oncall-incident:43',
    ]);
  });

  it('sends again on the next check when sending failed', async () => {
    const { notifications, replica } = await setup();
    const failing: NotificationService = {
      send: jest.fn().mockRejectedValue(new Error('notifications is down')),
    };
    expect(await replica(failing).notifyOpen([incident('42')])).toEqual([]);
    expect(await replica().notifyOpen([incident('42')])).toEqual(['42']);
    expect(notifications.sent).toHaveLength(1);
  });

  it('skips an incident no catalog entity owns, without failing', async () => {
    const { notifications, replica } = await setup();
    expect(
      await replica().notifyOpen([incident('9', { services: ['unknown'] })]),
    ).toEqual([]);
    expect(notifications.sent).toEqual([]);
  });

  it('waits for the next check when the catalog cannot be read', async () => {
    const { knex } = await createTestStores('SQLITE_3');
    const notifications = fakeNotifications();
    const logger = mockServices.logger.mock();
    const load = jest
      .fn()
      .mockRejectedValueOnce(new Error('catalog is down'))
      .mockImplementation(() =>
        new ServiceOwnerIndex({
          catalog: catalogServiceMock({ entities }),
          auth: mockServices.auth(),
        }).load(),
      );
    const notifier = new IncidentNotifier({
      notifications,
      sent: DatabaseSentNotificationStore.create({ knex }),
      owners: { load },
      minSeverity: 'sev1',
      logger,
      now: () => NOW,
    });
    expect(await notifier.notifyOpen([incident('42')])).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Could not read the owners of opened incidents',
      expect.objectContaining({ incidents: 1 }),
    );
    expect(await notifier.notifyOpen([incident('42')])).toEqual(['42']);
    expect(notifications.sent).toHaveLength(1);
  });
});
