import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { Interval } from 'luxon';
import { TimelinePeriod } from '../oncall/OnCallProvider';
import {
  seedNotifierReplicas,
  timelinePeriod,
  userEntity,
} from './__testUtils__/notificationFixtures';
import { SHIFT_TOPIC, ShiftReminderService } from './ShiftReminderService';

jest.setTimeout(60_000);

/** A period of `name` on the rotation `rotationName` over an ISO 8601 start/end or start/duration. */
function period(
  rotationName: string,
  name: string,
  interval: string,
): TimelinePeriod {
  const { start, end } = Interval.fromISO(interval, { setZone: true });
  if (!start || !end) throw new Error(`Not an ISO 8601 interval: ${interval}`);
  return timelinePeriod(name, start.toISO()!, end.toISO()!, {
    id: rotationName,
    name: rotationName,
  });
}

const user = userEntity;

/** Ana's week on the primary rotation, starting 30 minutes after the tests' `now`. */
const anasWeek = period(
  'primary',
  'ana@example.com',
  '2026-12-02T08:30:00Z/P7D',
);

const entities: Entity[] = [
  user('ana', 'Ana@Example.com'),
  user('ben', 'ben@example.com'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: { 'opsgenie.com/team': 'Payments-Ops' },
    },
    spec: { type: 'team', children: [] },
  },
];

async function setup(
  periods: TimelinePeriod[],
  options: { catalog?: Entity[]; timezone?: string } = {},
) {
  const { notifications, replicaDeps } = await seedNotifierReplicas(periods, {
    syncedFrom: '2026-10-01T00:00:00Z',
    timezone: options.timezone,
    catalog: options.catalog ?? entities,
  });
  const logger = mockServices.logger.mock();
  const replica = () =>
    ShiftReminderService.create({
      ...replicaDeps(),
      reminderMinutes: 60,
      logger,
    });
  return { notifications, logger, replica };
}

describe('ShiftReminderService', () => {
  const now = new Date('2026-12-02T08:00:00Z');

  it('reminds the primary and the secondary of a shift starting soon, matched by email in any case', async () => {
    const { notifications, replica } = await setup([
      anasWeek,
      period('Secondary', 'BEN@example.com', '2026-12-02T08:45:00Z/P7D'),
    ]);
    const result = await replica().run(now);
    expect(result.sent).toEqual([
      `${SHIFT_TOPIC}:s1:primary:2026-12-02T08:30:00.000Z:user:default/ana`,
      `${SHIFT_TOPIC}:s1:Secondary:2026-12-02T08:45:00.000Z:user:default/ben`,
    ]);
    expect(notifications.sent[0]).toEqual({
      recipients: { type: 'entity', entityRef: 'user:default/ana' },
      payload: {
        title:
          'Your primary on-call shift on payments_schedule starts in 30 min',
        description:
          'payments_schedule (primary): Wed 2 Dec, 09:30 to Wed 9 Dec, 09:30 Europe/Berlin. Team: payments-ops.',
        link: '/catalog/default/group/payments/on-call',
        severity: 'normal',
        topic: SHIFT_TOPIC,
        scope: result.sent[0],
      },
    });
    expect(notifications.sent[1].payload.title).toBe(
      'Your secondary on-call shift on payments_schedule starts in 45 min',
    );
  });

  it('includes a shift starting exactly at the edge of the window, and not one a moment later or already started', async () => {
    const { notifications, replica } = await setup([
      period('primary', 'ana@example.com', '2026-12-02T07:59:59Z/PT30M1S'),
      period('secondary', 'ben@example.com', '2026-12-02T09:00:00Z/P1D'),
      period(
        'tertiary',
        'ana@example.com',
        '2026-12-02T09:00:00.001Z/2026-12-03T09:00:00Z',
      ),
    ]);
    await replica().run(now);
    expect(notifications.sent.map(n => n.recipients)).toEqual([
      { type: 'entity', entityRef: 'user:default/ben' },
    ]);
    expect(notifications.sent[0].payload.title).toMatch(/starts in 60 min$/);
  });

  it('sends each shift once across two replicas, later runs and a restart', async () => {
    const { notifications, replica } = await setup([anasWeek]);
    const first = replica();
    await Promise.all([first.run(now), replica().run(now)]);
    await first.run(new Date('2026-12-02T08:01:00Z'));
    await replica().run(new Date('2026-12-02T08:02:00Z'));
    expect(notifications.sent).toHaveLength(1);
  });

  it('counts responders with no catalog User in one log line, without an error', async () => {
    const { notifications, logger, replica } = await setup([
      period('primary', 'zoe@example.com', '2026-12-02T08:30:00Z/P7D'),
      period('secondary', 'yan@example.com', '2026-12-02T08:40:00Z/P7D'),
    ]);
    const service = replica();
    expect(await service.run(now)).toEqual({ sent: [], unmatched: 2 });
    // the next run does not count them again
    expect(await service.run(new Date('2026-12-02T08:01:00Z'))).toEqual({
      sent: [],
      unmatched: 0,
    });
    expect(notifications.sent).toEqual([]);
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('match no catalog User'),
      { responders: 2 },
    );
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('counts minutes in instants across a DST change and shows the schedule clock', async () => {
    // Europe/Berlin falls back at 2026-10-25T01:00Z (03:00 CEST → 02:00 CET): at 00:30Z it is
    // 02:30 CEST, and a shift at 01:15Z starts at 02:15 CET, 45 minutes later (not before)
    const { notifications, replica } = await setup([
      period('primary', 'ana@example.com', '2026-10-25T01:15:00Z/P7D'),
    ]);
    await replica().run(new Date('2026-10-25T00:30:00Z'));
    expect(notifications.sent).toHaveLength(1);
    expect(notifications.sent[0].payload).toMatchObject({
      title: 'Your primary on-call shift on payments_schedule starts in 45 min',
      description:
        'payments_schedule (primary): Sun 25 Oct, 02:15 to Sun 1 Nov, 02:15 Europe/Berlin. Team: payments-ops.',
    });
  });

  it('does not remind a responder whose period merely continues in the same rotation', async () => {
    const { notifications, replica } = await setup([
      period('primary', 'ana@example.com', '2026-12-01T08:30:00Z/P1D'),
      period('primary', 'Ana@example.com', '2026-12-02T08:30:00Z/P7D'),
    ]);
    expect((await replica().run(now)).sent).toEqual([]);
    expect(notifications.sent).toEqual([]);
  });

  it('links to the home page when no Group maps to the team, and shows UTC for an unknown zone', async () => {
    const { notifications, replica } = await setup([anasWeek], {
      catalog: [user('ana', 'ana@example.com')],
      timezone: 'Not/AZone',
    });
    await replica().run(now);
    expect(notifications.sent[0].payload).toMatchObject({
      link: '/',
      description:
        'payments_schedule (primary): Wed 2 Dec, 08:30 to Wed 9 Dec, 08:30 UTC. Team: payments-ops.',
    });
  });
});
