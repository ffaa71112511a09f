import { opsgenieAndJsm } from '../../__testUtils__/checkedSync';
import { clockedStores } from '../../__testUtils__/clockedStores';
import { testDatabaseIds } from '../../__testUtils__/createTestStores';
import { FakeCheckedVendor } from '../../__testUtils__/fakeCheckedVendor';

jest.setTimeout(60_000);

describe.each(testDatabaseIds())(
  'a provider failing when a replica starts (%s)',
  databaseId => {
    it("keeps the failing provider's teams, timelines and users in the store; the others sync", async () => {
      const opsgenie = new FakeCheckedVendor(3);
      const jsm = new FakeCheckedVendor(2, { name: 'ops', vendor: 'jsm' });
      const { stores, now, advance, sync } = await clockedStores(databaseId);
      /** A replica: a sync with a provider of its own (no earlier answers in memory). */
      const replica = () => sync(opsgenieAndJsm(opsgenie, jsm));
      await replica().refresh();
      const teams = (await stores.onCall.listTeams()).map(t => t.name).sort();
      expect(teams).toEqual(['ops-0', 'ops-1', 'team-0', 'team-1', 'team-2']);
      const users = await stores.onCall.getUsers(['team-0-a@example.com']);
      expect(users).toHaveLength(1);
      const periods = () =>
        stores.onCall.getPeriods(['s0'], new Date(now()), new Date(now() + 1));
      expect(await periods()).toHaveLength(1);

      // the replica restarts while Opsgenie fails: its listing has only the JSM teams
      const failing = new Error('opsgenie is failing');
      const provider = opsgenie.provider();
      for (const method of [
        'listTeams',
        'listSchedules',
        'listEscalations',
        'listUsers',
      ] as const) {
        jest.spyOn(provider, method).mockRejectedValue(failing);
      }
      jest.spyOn(opsgenie, 'provider').mockReturnValue(provider);
      advance(2);
      await replica().refresh();

      expect((await stores.onCall.listTeams()).map(t => t.name).sort()).toEqual(
        teams,
      );
      expect(await stores.onCall.getUsers(['team-0-a@example.com'])).toEqual(
        users,
      );
      expect(await periods()).toHaveLength(1);
      // the teams that answered were synced in that run
      expect(jsm.calls.getTeam.size).toBe(2);
    });
  },
);
