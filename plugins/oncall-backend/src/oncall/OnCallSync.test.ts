import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { migrationsDir } from '../database/migrations';
import { SyncStateStore } from '../database/SyncStateStore';
import { VendorError } from '../lib/VendorError';
import { OnCallProvider } from './OnCallProvider';
import { DatabaseOnCallStore } from './DatabaseOnCallStore';
import { OnCallSync, teamScope } from './OnCallSync';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const now = new Date('2026-11-27T12:00:00Z');
const team = { id: 't1', name: 'payments-team' };

function fakeProvider(): jest.Mocked<OnCallProvider> {
  return {
    id: 'opsgenie',
    listTeams: jest.fn(async () => {
      await new Promise(resolve => setTimeout(resolve, 20));
      return [team];
    }),
    getTeam: jest.fn(async (_teamId: string) => ({
      ...team,
      members: ['ana@example.com'],
    })),
    listSchedules: jest.fn(async () => [
      {
        id: 's1',
        name: 'payments_schedule',
        timezone: 'UTC',
        enabled: true,
        ownerTeam: team,
        rotations: [],
      },
      {
        id: 's2',
        name: 'old_schedule',
        timezone: 'UTC',
        enabled: false,
        ownerTeam: team,
        rotations: [],
      },
    ]),
    getTimeline: jest.fn(async (scheduleId: string, from: Date, to: Date) => ({
      scheduleId,
      start: from,
      end: to,
      periods: [
        {
          rotationId: 'r1',
          rotationName: 'primary',
          start: from,
          end: to,
          recipient: {
            type: 'user' as const,
            id: 'u1',
            name: 'ana@example.com',
          },
          override: false,
        },
      ],
    })),
    listEscalations: jest.fn(async () => []),
    listUsers: jest.fn(async () => [
      { id: 'u1', username: 'ana@example.com', fullName: 'Ana' },
    ]),
    createAlert: jest.fn(),
    getRequestStatus: jest.fn(),
    waitForRequest: jest.fn(),
    scheduleUrl: jest.fn(
      (_schedule: { id: string; name: string }): string | undefined =>
        undefined,
    ),
  };
}

describe('OnCallSync', () => {
  async function setup() {
    const knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: migrationsDir });
    const store = DatabaseOnCallStore.create({ knex: knex });
    const syncState = new SyncStateStore(knex);
    const provider = fakeProvider();
    const refresher = new OnCallSync({
      provider,
      store,
      syncState,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    return { store, syncState, provider, refresher };
  }

  it('fetches a cold team once for many concurrent callers, then serves the store', async () => {
    const { provider, refresher } = await setup();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => refresher.ensureTeam('Payments-Team')),
    );
    expect(results.every(r => r?.team.name === 'payments-team')).toBe(true);
    expect(provider.listTeams).toHaveBeenCalledTimes(1);
    expect(provider.getTeam).toHaveBeenCalledTimes(1);
    // Only the enabled schedule's timeline, from now for 8 weeks.
    expect(provider.getTimeline).toHaveBeenCalledTimes(1);
    expect(provider.getTimeline).toHaveBeenCalledWith(
      's1',
      now,
      new Date('2027-01-22T12:00:00Z'),
    );
    await refresher.ensureTeam('payments-team');
    expect(provider.listTeams).toHaveBeenCalledTimes(1);
  });

  it('answers undefined for a team Opsgenie does not have', async () => {
    const { refresher } = await setup();
    expect(await refresher.ensureTeam('nope')).toBeUndefined();
    expect(await refresher.teamExists('nope')).toBe(false);
    expect(await refresher.teamExists('PAYMENTS-TEAM')).toBe(true);
  });

  it('records the failure per team when Opsgenie fails, and keeps the stored data', async () => {
    const { provider, refresher, store, syncState } = await setup();
    await refresher.refreshAll();
    expect(
      (await syncState.get('opsgenie', teamScope('payments-team')))?.asOf,
    ).toEqual(now);
    provider.listTeams.mockRejectedValue(
      new VendorError({
        vendor: 'opsgenie',
        kind: 'http',
        status: 503,
        message: 'opsgenie answered 503',
      }),
    );
    await expect(refresher.refreshAll()).resolves.toEqual({
      teams: 0,
      failed: 1,
    });
    const state = await syncState.get('opsgenie', teamScope('payments-team'));
    expect(state?.lastError?.message).toBe('opsgenie answered 503');
    expect(state?.asOf).toEqual(now);
    expect((await store.getTeamData('payments-team'))?.schedules).toHaveLength(
      2,
    );
  });
});
