import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { DatabaseOnCallStore } from './DatabaseOnCallStore';
import {
  createTestStores,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';
import { paymentsSchedule } from '../__testUtils__/paymentsSchedule';
import { tablesPresent } from '../__testUtils__/tablesPresent';

jest.setTimeout(60_000);

const team = { id: 't1', name: 'Payments-Team' };
const schedule = paymentsSchedule(team, [
  {
    id: 'r1',
    name: 'primary',
    participants: [{ type: 'user', id: 'u1', name: 'ana@example.com' }],
  },
]);
const at = (iso: string) => new Date(iso);

describe.each(testDatabaseIds())('DatabaseOnCallStore (%s)', databaseId => {
  let knex: Knex;
  let store: DatabaseOnCallStore;

  beforeAll(async () => {
    const stores = await createTestStores(databaseId);
    knex = stores.knex;
    store = stores.onCall;
  });

  it('migrates down and up again', async () => {
    await knex.migrate.rollback({ directory: migrationsDir }, true);
    expect(
      await tablesPresent(knex, ['oncall_periods', 'oncall_sync_state']),
    ).toEqual([]);
    await knex.migrate.latest({ directory: migrationsDir });
    expect(
      await tablesPresent(knex, ['oncall_periods', 'oncall_users']),
    ).toEqual(['oncall_periods', 'oncall_users']);
  });

  it('keeps a team cold until its data is synced, then answers by name in any case', async () => {
    await store.replaceTeams([team, { id: 't2', name: 'checkout' }]);
    expect(await store.findTeamByName('payments-team')).toEqual(team);
    expect(await store.getTeamData('payments-team')).toBeUndefined();

    await store.replaceTeamData(
      { ...team, members: ['ana@example.com', 'ben@example.com'] },
      {
        schedules: [schedule],
        timelines: [
          {
            scheduleId: 's1',
            start: at('2026-11-27T00:00:00Z'),
            end: at('2026-12-11T00:00:00Z'),
            periods: [
              {
                rotationId: 'r1',
                rotationName: 'primary',
                start: at('2026-11-27T00:00:00Z'),
                end: at('2026-11-28T00:00:00Z'),
                recipient: {
                  type: 'user',
                  id: 'u1',
                  name: 'Ana@example.com',
                },
                override: true,
              },
              {
                rotationId: 'r1',
                rotationName: 'primary',
                start: at('2026-11-28T00:00:00Z'),
                end: at('2026-12-05T00:00:00Z'),
                recipient: {
                  type: 'user',
                  id: 'u2',
                  name: 'ben@example.com',
                },
                override: false,
              },
            ],
          },
        ],
        escalations: [
          {
            id: 'e1',
            name: 'payments-team_escalation',
            rules: [
              {
                condition: 'if-not-acked',
                notifyType: 'next',
                delayMinutes: 10,
                recipient: {
                  type: 'schedule',
                  id: 's1',
                  name: 'payments_schedule',
                },
              },
            ],
          },
        ],
      },
      at('2026-11-27T10:00:00Z'),
    );
    const data = await store.getTeamData('PAYMENTS-TEAM');
    expect(data?.schedules).toEqual([schedule]);
    expect(data?.team.members).toEqual(['ana@example.com', 'ben@example.com']);
    expect(data?.escalations[0].rules[0]).toMatchObject({
      notifyType: 'next',
      delayMinutes: 10,
    });
    expect(data?.syncedAt?.toISOString()).toBe('2026-11-27T10:00:00.000Z');

    const periods = await store.getPeriods(
      ['s1'],
      at('2026-11-27T12:00:00Z'),
      at('2026-11-28T12:00:00Z'),
    );
    expect(
      periods.map(p => [p.recipient.name, p.override, p.start.toISOString()]),
    ).toEqual([
      ['Ana@example.com', true, '2026-11-27T00:00:00.000Z'],
      ['ben@example.com', false, '2026-11-28T00:00:00.000Z'],
    ]);
    const mine = await store.getPeriodsForRecipient(
      'ana@example.com',
      at('2026-11-27T00:00:00Z'),
      at('2026-12-11T00:00:00Z'),
    );
    expect(mine).toHaveLength(1);
    // shifts that start soon: both bounds inclusive
    expect(
      (
        await store.getPeriodsStarting(
          at('2026-11-27T23:00:00Z'),
          at('2026-11-28T00:00:00Z'),
        )
      ).map(p => p.recipient.name),
    ).toEqual(['ben@example.com']);
    expect(
      await store.getPeriodsStarting(
        at('2026-11-28T00:00:00.001Z'),
        at('2026-11-28T01:00:00Z'),
      ),
    ).toEqual([]);
    expect(await store.findSchedulesByName(['PAYMENTS_SCHEDULE'])).toEqual([
      schedule,
    ]);
    // names from an annotation: any number of them, repeated, in any case
    expect(
      await store.findSchedulesByName([
        ...Array.from({ length: 70_000 }, (_, i) => `schedule-${i}`),
        'payments_schedule',
        'Payments_Schedule',
      ]),
    ).toEqual([schedule]);
    expect(
      (await store.listSchedulesPage(undefined, 10)).map(s => s.id),
    ).toEqual(['s1']);
  });

  it('replaces a team’s data on the next sync and drops teams that disappeared', async () => {
    await store.replaceTeamData(
      { ...team, members: [] },
      {
        schedules: [{ ...schedule, rotations: [] }],
        timelines: [],
        escalations: [],
      },
      at('2026-11-27T11:00:00Z'),
    );
    const data = await store.getTeamData('payments-team');
    expect(data?.schedules[0].rotations).toEqual([]);
    expect(data?.escalations).toEqual([]);
    expect(
      await store.getPeriods(
        ['s1'],
        at('2026-11-01T00:00:00Z'),
        at('2026-12-31T00:00:00Z'),
      ),
    ).toEqual([]);

    await store.replaceTeams([{ id: 't2', name: 'checkout' }]);
    expect(await store.findTeamByName('payments-team')).toBeUndefined();
    expect(await store.getSchedulesByIds(['s1'])).toEqual([]);
  });

  it('stores users and finds them by username in any case', async () => {
    await store.replaceUsers([
      {
        id: 'u1',
        username: 'ana@example.com',
        fullName: 'Ana A',
        email: 'ana@example.com',
      },
      {
        id: 'u1',
        username: 'ana@example.com',
        fullName: 'Ana A',
        email: 'ana@example.com',
      },
      { id: 'u3', username: 'nomail' },
    ]);
    expect(await store.getUsers(['ANA@example.com', 'nomail'])).toEqual([
      {
        id: 'u1',
        username: 'ana@example.com',
        fullName: 'Ana A',
        email: 'ana@example.com',
      },
      { id: 'u3', username: 'nomail', fullName: undefined, email: undefined },
    ]);
  });
});
