import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SignalPayload, SignalsService } from '@backstage/plugin-signals-node';
import { JsonObject } from '@backstage/types';
import { ProviderIncident } from '../IncidentProvider';
import { DatabaseIncidentStore } from '../DatabaseIncidentStore';
import { IncidentStore } from '../IncidentStore';
import { IncidentEntityIndex } from './IncidentEntityIndex';
import { OpenIncidentPublisher } from './OpenIncidentPublisher';
import { openIncident } from '../__testUtils__/incidentFixtures';
import {
  createTestStores,
  testDatabaseIds,
} from '../../__testUtils__/createTestStores';

jest.setTimeout(120_000);

function component(
  name: string,
  owner: string,
  system?: string,
  service?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: service ? { 'blameless.com/service': service } : {},
    },
    spec: { type: 'service', owner, system },
    relations: [
      { type: 'ownedBy', targetRef: `group:default/${owner}` },
      ...(system
        ? [{ type: 'partOf', targetRef: `system:default/${system}` }]
        : []),
    ],
  };
}

const entities: Entity[] = [
  component('checkout-api', 'payments-team', 'checkout', 'checkout'),
  component('payments-api', 'payments-team', 'checkout'),
  component('search-api', 'discovery'),
];

const incident = (
  id: string,
  services: string[],
  patch?: Partial<ProviderIncident>,
) => openIncident(id, '2026-11-29T03:01:00.000Z', services, patch);

describe.each(testDatabaseIds())('open incident signals (%s)', databaseId => {
  let store: IncidentStore;
  let published: SignalPayload[];
  let publisher: OpenIncidentPublisher;

  beforeEach(async () => {
    const { knex } = await createTestStores(databaseId);
    store = DatabaseIncidentStore.create({ knex });
    published = [];
    const signals: SignalsService = {
      async publish<T extends JsonObject>(signal: SignalPayload<T>) {
        published.push(signal);
      },
    };
    publisher = new OpenIncidentPublisher({
      store,
      entities: new IncidentEntityIndex({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
      }),
      signals,
      logger: mockServices.logger.mock(),
      now: () => new Date('2026-11-29T03:02:00Z'),
    });
  });

  const channels = () => published.map(p => p.channel).sort();

  it('signals the service, its owning Group and its System when an incident opens', async () => {
    await publisher.publishChanges();
    expect(published).toEqual([]);

    await store.upsert('blameless', [incident('7', ['checkout'])]);
    const result = await publisher.publishChanges();

    expect(result.signalled).toEqual([
      'component:default/checkout-api',
      'group:default/payments-team',
      'system:default/checkout',
    ]);
    expect(channels()).toEqual([
      'oncall:incidents:component:default/checkout-api',
      'oncall:incidents:group:default/payments-team',
      'oncall:incidents:system:default/checkout',
    ]);
    expect(published[0]).toEqual({
      recipients: { type: 'broadcast' },
      channel: 'oncall:incidents:component:default/checkout-api',
      message: {
        entityRef: 'component:default/checkout-api',
        openIncidents: 1,
        changedAt: '2026-11-29T03:02:00.000Z',
      },
    });
  });

  it('stays quiet while nothing changes, signals a change and the resolution', async () => {
    await store.upsert('blameless', [incident('7', ['payments-api'])]);
    await publisher.publishChanges();
    published = [];

    await publisher.publishChanges();
    expect(published).toEqual([]);

    await store.upsert('blameless', [
      incident('7', ['payments-api'], { severity: 'sev0' }),
    ]);
    await publisher.publishChanges();
    expect(channels()).toContain(
      'oncall:incidents:component:default/payments-api',
    );
    published = [];

    await store.upsert('blameless', [
      incident('7', ['payments-api'], {
        status: 'resolved',
        resolvedAt: '2026-11-29T03:30:00.000Z',
      }),
    ]);
    await publisher.publishChanges();
    const page = published.find(
      p => p.channel === 'oncall:incidents:component:default/payments-api',
    );
    expect(page?.message).toMatchObject({ openIncidents: 0 });
    expect(channels()).not.toContain(
      'oncall:incidents:component:default/search-api',
    );
  });

  it('counts every open incident touching a Group', async () => {
    await store.upsert('blameless', [
      incident('7', ['checkout']),
      incident('8', ['payments-api'], { severity: 'sev2' }),
    ]);
    await publisher.publishChanges();
    const group = published.find(
      p => p.channel === 'oncall:incidents:group:default/payments-team',
    );
    expect(group?.message).toMatchObject({ openIncidents: 2 });
  });

  it('tells the pages again after a failed publish', async () => {
    await store.upsert('blameless', [incident('7', ['search-api'])]);
    const failing = new OpenIncidentPublisher({
      store,
      entities: new IncidentEntityIndex({
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
      }),
      signals: {
        publish: jest
          .fn()
          .mockRejectedValueOnce(new Error('events unavailable'))
          .mockResolvedValue(undefined),
      },
      logger: mockServices.logger.mock(),
    });
    await expect(failing.publishChanges()).rejects.toThrow(
      'events unavailable',
    );
    expect((await failing.publishChanges()).signalled).toEqual([
      'component:default/search-api',
      'group:default/discovery',
    ]);
  });
});
