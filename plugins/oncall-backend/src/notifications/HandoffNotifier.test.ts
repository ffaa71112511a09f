import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { DatabaseHealthStore } from '../health/DatabaseHealthStore';
import { StoredPage } from '../health/HealthStore';
import { storedPage } from '../health/__testUtils__/storedPage';
import { TimelinePeriod } from '../oncall/OnCallProvider';
import {
  seedNotifierReplicas,
  timelinePeriod,
  userEntity,
} from './__testUtils__/notificationFixtures';
import { HANDOFF_TOPIC, HandoffNotifier } from './HandoffNotifier';

jest.setTimeout(60_000);

const HANDOFF = '2026-12-02T08:00:00Z';
const now = new Date('2026-12-02T08:02:00Z');
const period = timelinePeriod;
const user = userEntity;

const entities: Entity[] = [
  user('ana', 'ana@example.com'),
  user('ben', 'Ben@example.com'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-ops', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
];

function page(id: string, createdAt: string, responder: string): StoredPage {
  return storedPage(id, 't1', new Date(createdAt), { responder });
}

const handoff = [
  period('ana@example.com', '2026-11-25T08:00:00Z', HANDOFF),
  period('ben@example.com', HANDOFF, '2026-12-09T08:00:00Z'),
];

async function setup(periods: TimelinePeriod[]) {
  const { knex, notifications, replicaDeps } = await seedNotifierReplicas(
    periods,
    { syncedFrom: '2026-11-01T00:00:00Z', catalog: entities },
  );
  const health = DatabaseHealthStore.fromClient(knex);
  const replica = (withHealth = true) =>
    HandoffNotifier.create({
      ...replicaDeps(),
      health: withHealth ? health : undefined,
      logger: mockServices.logger.mock(),
    });
  return { knex, health, sent: notifications.sent, replica };
}

async function recordAnasShift(health: DatabaseHealthStore) {
  await health.replaceShifts(
    'opsgenie',
    't1',
    new Date('2026-11-25T08:00:00Z'),
    [
      {
        teamId: 't1',
        scheduleId: 's1',
        scheduleName: 'payments_schedule',
        rotation: 'primary',
        username: 'ana@example.com',
        start: new Date('2026-11-25T08:00:00Z'),
        end: new Date(HANDOFF),
      },
    ],
  );
  await health.upsertPages('opsgenie', [
    page('p1', '2026-11-26T03:00:00Z', 'Ana@example.com'),
    page('p2', '2026-11-30T14:00:00Z', 'ana@example.com'),
    page('p3', '2026-11-30T15:00:00Z', 'ben@example.com'),
    page('p4', '2026-12-02T08:01:00Z', 'ana@example.com'),
  ]);
}

describe('HandoffNotifier', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;

  it("tells the outgoing and the incoming responder, with the outgoing shift's page count", async () => {
    ctx = await setup(handoff);
    await recordAnasShift(ctx.health);
    const keys = await ctx.replica().run(now);
    expect(keys).toEqual([`${HANDOFF_TOPIC}:s1:r1:2026-12-02T08:00:00.000Z`]);
    expect(ctx.sent).toEqual([
      {
        recipients: {
          type: 'entity',
          entityRef: ['user:default/ana', 'user:default/ben'],
        },
        payload: {
          title:
            'On-call handoff on payments_schedule (primary): ana@example.com → ben@example.com',
          description:
            "ben@example.com is now on call; ana@example.com's shift has ended with 2 pages.",
          link: '/catalog/default/group/payments-ops/on-call',
          severity: 'normal',
          topic: HANDOFF_TOPIC,
          scope: keys[0],
        },
      },
    ]);
  });

  it('leaves the page count out when the health store does not hold the shift', async () => {
    ctx = await setup(handoff);
    await ctx.replica().run(now);
    await ctx.replica(false).run(now);
    expect(ctx.sent.map(s => s.payload.description)).toEqual([
      "ben@example.com is now on call; ana@example.com's shift has ended.",
    ]);
  });

  it('sends each handoff once across two replicas and a restart', async () => {
    ctx = await setup(handoff);
    const first = ctx.replica();
    await Promise.all([first.run(now), ctx.replica().run(now)]);
    await first.run(new Date('2026-12-02T08:03:00Z'));
    await ctx.replica().run(new Date('2026-12-02T08:04:00Z'));
    expect(ctx.sent).toHaveLength(1);
  });

  it('ignores a first shift, a continuation by the same person and a handoff long past', async () => {
    ctx = await setup([
      period('ana@example.com', '2026-11-25T08:00:00Z', HANDOFF),
      period('ANA@example.com', HANDOFF, '2026-12-09T08:00:00Z'),
    ]);
    expect(await ctx.replica().run(now)).toEqual([]);
    const later = await setup(handoff);
    expect(await later.replica().run(new Date('2026-12-02T08:10:01Z'))).toEqual(
      [],
    );
    const first = await setup([
      period('ben@example.com', HANDOFF, '2026-12-09T08:00:00Z'),
    ]);
    expect(await first.replica().run(now)).toEqual([]);
    expect([...ctx.sent, ...later.sent, ...first.sent]).toEqual([]);
  });
});
