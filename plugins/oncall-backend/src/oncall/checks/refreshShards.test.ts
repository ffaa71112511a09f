import {
  CHECKS,
  MINUTE,
  T0,
  checkedSync,
} from '../../__testUtils__/checkedSync';
import {
  createTestStores,
  testDatabaseIds,
} from '../../__testUtils__/createTestStores';
import { FakeCheckedVendor } from '../../__testUtils__/fakeCheckedVendor';
import { Shard, inShard, shardsOf } from '../../lib/shards';
import { DIRECTORY_SCOPE, OnCallChecks, teamScope } from '../OnCallSync';

jest.setTimeout(60_000);

const TEAMS = 12;

describe.each(testDatabaseIds())(
  'the on-call sync split into shards, one replica per shard (%s)',
  databaseId => {
    /** Two syncs on one store, as two replicas would run them, each with its own vendor counts. */
    async function setup(checks: OnCallChecks | undefined) {
      const stores = await createTestStores(databaseId);
      let now = T0;
      const replica = () => {
        const vendor = new FakeCheckedVendor(TEAMS);
        const sync = checkedSync({
          stores,
          provider: vendor.provider(),
          now: () => now,
          checks,
        });
        return { vendor, sync };
      };
      return {
        stores,
        a: replica(),
        b: replica(),
        advance: (minutes: number) => {
          now += minutes * MINUTE;
        },
        now: () => now,
      };
    }

    const [lead, second] = shardsOf(2);
    const teamsOf = (vendor: FakeCheckedVendor, shard: Shard) =>
      vendor.teams.filter(t => inShard(t.name, shard));

    it.each([
      ['reading what changed', CHECKS],
      ['reading every team', undefined],
    ])(
      '%s: each team is read by exactly one shard, and only the lead writes the directory',
      async (_, checks) => {
        const { stores, a, b } = await setup(checks);
        await Promise.all([a.sync.refresh(lead), b.sync.refresh(second)]);
        // both shards have teams: the split is not all-or-nothing
        expect(teamsOf(a.vendor, lead).length).toBeGreaterThan(0);
        expect(teamsOf(a.vendor, second).length).toBeGreaterThan(0);
        expect([...a.vendor.calls.getTeam.keys()].sort()).toEqual(
          teamsOf(a.vendor, lead)
            .map(t => t.id)
            .sort(),
        );
        expect([...b.vendor.calls.getTeam.keys()].sort()).toEqual(
          teamsOf(b.vendor, second)
            .map(t => t.id)
            .sort(),
        );
        expect([...a.vendor.calls.getTeam.values()].every(n => n === 1)).toBe(
          true,
        );
        // users are listed and the directory written by the lead shard alone
        expect(a.vendor.calls.listUsers).toBe(1);
        expect(b.vendor.calls.listUsers).toBe(0);
        expect(
          (await stores.syncState.get('opsgenie', DIRECTORY_SCOPE))?.asOf,
        ).toEqual(new Date(T0));
        // every team of both shards is in the store and marked synced
        expect(await stores.onCall.listTeams()).toHaveLength(TEAMS);
        for (const team of a.vendor.teams) {
          const state = await stores.syncState.get(
            'opsgenie',
            teamScope(team.name),
          );
          expect({
            team: team.name,
            asOf: state?.asOf,
            error: state?.lastError,
          }).toEqual({ team: team.name, asOf: new Date(T0), error: undefined });
        }
      },
    );

    it('a shard run alone leaves the other shard’s teams as they were, and picks up a change in its own', async () => {
      const { stores, a, b, advance, now } = await setup(CHECKS);
      await Promise.all([a.sync.refresh(lead), b.sync.refresh(second)]);
      const secondTeam = teamsOf(b.vendor, second)[0];
      const scheduleId = `s${secondTeam.id.slice(1)}`;
      for (const vendor of [a.vendor, b.vendor]) {
        vendor.overrides.push({
          scheduleId,
          user: 'cover@example.com',
          start: now() + MINUTE,
          end: now() + 3 * 60 * MINUTE,
        });
      }
      advance(2);
      // the lead's run checks its own schedules only: the override is not its to read
      await a.sync.refresh(lead);
      const at = now() + 2 * MINUTE;
      const onCall = async () =>
        (
          await stores.onCall.getPeriods(
            [scheduleId],
            new Date(at),
            new Date(at + 1),
          )
        ).map(p => p.recipient.name);
      expect(await onCall()).not.toEqual(['cover@example.com']);
      const secondState = await stores.syncState.get(
        'opsgenie',
        teamScope(secondTeam.name),
      );
      expect(secondState?.asOf).toEqual(new Date(T0));
      // the second shard's next run reads that team (and asks who is on call for itself)
      const before = b.vendor.calls.getTeam.get(secondTeam.id) ?? 0;
      await b.sync.refresh(second);
      expect(b.vendor.calls.getTeam.get(secondTeam.id)).toBe(before + 1);
      expect(await onCall()).toEqual(['cover@example.com']);
      // a shard other than the lead neither lists users nor moves the directory's as-of
      expect(b.vendor.calls.listUsers).toBe(0);
      expect(
        (await stores.syncState.get('opsgenie', DIRECTORY_SCOPE))?.asOf,
      ).toEqual(new Date(T0 + 2 * MINUTE));
    });
  },
);
