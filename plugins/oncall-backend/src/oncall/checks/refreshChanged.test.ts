import {
  CHECKS,
  MINUTE,
  T0,
  opsgenieAndJsm,
} from '../../__testUtils__/checkedSync';
import { clockedStores } from '../../__testUtils__/clockedStores';
import { testDatabaseIds } from '../../__testUtils__/createTestStores';
import { FakeCheckedVendor } from '../../__testUtils__/fakeCheckedVendor';
import { DIRECTORY_SCOPE, teamScope } from '../OnCallSync';
import { CHECK_OFFSETS_MINUTES } from './differingSchedules';
import { FAR_CHECKS_PER_RUN } from './farChecks';
import { decodeTeamRead, rereadPhaseMs } from './teamReads';

jest.setTimeout(60_000);

/** Teams whose hourly re-read falls after `from` and at or before `to` minutes past T0. */
function dueWithin(vendor: FakeCheckedVendor, from: number, to: number) {
  return vendor.teams.filter(team => {
    const phase = rereadPhaseMs(team.name, CHECKS.rereadMs);
    const offset =
      (((phase - T0) % CHECKS.rereadMs) + CHECKS.rereadMs) % CHECKS.rereadMs;
    return offset > from * MINUTE && offset <= to * MINUTE;
  }).length;
}

describe.each(testDatabaseIds())(
  'the on-call sync reading what changed (%s)',
  databaseId => {
    async function setup(teams: number) {
      const clocked = await clockedStores(databaseId);
      const { stores, now, advance } = clocked;
      const vendor = new FakeCheckedVendor(teams);
      const sync = clocked.sync(vendor.provider());
      /** Runs the sync every 2 minutes until `minutes` after T0. */
      const runUntil = async (minutes: number) => {
        while (now() < T0 + minutes * MINUTE) {
          advance(2);
          await sync.refresh();
        }
      };
      const onCallAt = async (team: number, at: number) => {
        const periods = await stores.onCall.getPeriods(
          [`s${team}`],
          new Date(at),
          new Date(at + 1),
        );
        return periods.map(p => p.recipient.name);
      };
      await sync.refresh(); // the first run reads every team
      return { stores, vendor, sync, runUntil, onCallAt, now };
    }

    it('reads every team on the first run, then only checks while nothing changes', async () => {
      const { vendor, stores, runUntil } = await setup(3);
      expect(vendor.calls.getTimeline).toBe(3);
      await runUntil(10);
      // five runs: who is on call at each near check instant and at four far ones; a team
      // read again only at its hourly phase, which falls in these ten minutes for none of
      // the three
      expect(vendor.calls.getTimeline).toBe(3 + dueWithin(vendor, 0, 10));
      expect(vendor.calls.onCallsAt).toBe(
        5 * (CHECK_OFFSETS_MINUTES.length + FAR_CHECKS_PER_RUN),
      );
      expect(vendor.calls.listTeams).toBe(1);
      const state = await stores.syncState.get('opsgenie', teamScope('team-1'));
      // checked and found current at the last run; read in full at the first
      expect(state?.asOf).toEqual(new Date(T0 + 10 * MINUTE));
      expect(decodeTeamRead(state?.watermark)?.readAt).toEqual(new Date(T0));
    });

    it('reads a team again at its hourly phase when nothing changed', async () => {
      const { vendor, runUntil } = await setup(3);
      await runUntil(60);
      expect([...vendor.calls.getTeam.values()]).toEqual([2, 2, 2]);
      await runUntil(120);
      expect([...vendor.calls.getTeam.values()]).toEqual([3, 3, 3]);
    });

    it('shows an override that starts now at the next run, reading only that team', async () => {
      const { vendor, runUntil, onCallAt, now } = await setup(3);
      await runUntil(4);
      const before = vendor.calls.getTimeline - dueWithin(vendor, 4, 6);
      vendor.overrides.push({
        scheduleId: 's1',
        user: 'cover@example.com',
        start: now() + MINUTE,
        end: now() + 3 * 60 * MINUTE,
      });
      await runUntil(6);
      expect(vendor.calls.getTimeline).toBe(before + 1);
      expect(await onCallAt(1, now())).toEqual(['cover@example.com']);
      expect(await onCallAt(0, now())).toEqual([
        vendor.whoAt('s0', now()).user,
      ]);
    });

    it('shows an override made for later today before it starts (a shift reminder needs it)', async () => {
      const { vendor, runUntil, onCallAt, now } = await setup(3);
      await runUntil(4);
      const start = now() + 3 * 60 * MINUTE;
      vendor.overrides.push({
        scheduleId: 's2',
        user: 'evening@example.com',
        start,
        end: start + 2 * 60 * MINUTE,
      });
      await runUntil(6);
      expect(await onCallAt(2, start)).toEqual(['evening@example.com']);
    });

    it('shows an override days ahead that covers a far check instant within onCallMaxStaleMinutes, reading only that team', async () => {
      const { vendor, runUntil, onCallAt } = await setup(3);
      await runUntil(2);
      const reads = vendor.calls.getTimeline;
      // Wednesday 14:00-22:00 UTC: covers the far check instant at 18:00
      const start = Date.parse('2026-12-02T14:00:00Z');
      vendor.overrides.push({
        scheduleId: 's0',
        user: 'wednesday@example.com',
        start,
        end: start + 8 * 60 * MINUTE,
      });
      await runUntil(2 + 14);
      expect(await onCallAt(0, start)).toEqual(['wednesday@example.com']);
      // the team of s0 once more, besides the hourly re-reads due meanwhile
      expect(vendor.calls.getTimeline - reads).toBe(
        1 + dueWithin(vendor, 2, 16),
      );
    });

    it('shows a short override days ahead, between two far check instants, within the re-read interval', async () => {
      const { vendor, runUntil, onCallAt, now } = await setup(3);
      await runUntil(2);
      const start = now() + 3 * 24 * 60 * MINUTE;
      vendor.overrides.push({
        scheduleId: 's0',
        user: 'later@example.com',
        start,
        end: start + 60 * MINUTE,
      });
      await runUntil(2 + 60);
      expect(await onCallAt(0, start)).toEqual(['later@example.com']);
    });

    it('spreads the hourly re-reads evenly: each team once an hour, a share per run', async () => {
      const { vendor, runUntil } = await setup(30);
      const perRun: number[] = [];
      for (let minute = 2; minute <= 60; minute += 2) {
        const before = vendor.calls.getTimeline;
        await runUntil(minute);
        perRun.push(vendor.calls.getTimeline - before);
      }
      // every team read once more in the hour, at most a handful in any one run
      expect(perRun.reduce((a, b) => a + b, 0)).toBe(30);
      expect(Math.max(...perRun)).toBeLessThanOrEqual(6);
      expect([...vendor.calls.getTeam.values()].every(n => n === 2)).toBe(true);
    });

    it('reads a team again when its rotation is edited, once the directory is listed again', async () => {
      const { vendor, runUntil, onCallAt, now } = await setup(3);
      await runUntil(4);
      vendor.edited.set('s0', ['new-a@example.com', 'new-b@example.com']);
      vendor.answerEveryoneAs = undefined;
      await runUntil(16);
      // the check instants saw the change first; the directory after 15 minutes
      expect((await onCallAt(0, now()))[0]).toMatch(/^new-/);
      expect(vendor.calls.listTeams).toBe(2);
    });

    it('reads a team that keeps answering otherwise at most once per onCallMaxStaleMinutes', async () => {
      const { vendor, runUntil } = await setup(2);
      vendor.answerEveryoneAs = 'someone-else@example.com';
      const before = vendor.calls.getTimeline;
      await runUntil(60);
      // two teams, each read when first found differing and then once per 15-minute cool-down
      expect(vendor.calls.getTimeline - before).toBeGreaterThanOrEqual(2 * 3);
      expect(vendor.calls.getTimeline - before).toBeLessThanOrEqual(2 * 5);
    });

    it('marks the data failing while the check fails, and current again when it answers', async () => {
      const { vendor, stores, runUntil } = await setup(2);
      vendor.failChecks = true;
      const asked = vendor.calls.onCallsAt;
      await runUntil(2);
      // the near instants only: a failing vendor gets no far checks on top
      expect(vendor.calls.onCallsAt - asked).toBe(CHECK_OFFSETS_MINUTES.length);
      const failing = await stores.syncState.get('opsgenie', DIRECTORY_SCOPE);
      expect(failing?.lastError?.message).toBe('opsgenie answered 503');
      vendor.failChecks = false;
      await runUntil(4);
      const current = await stores.syncState.get('opsgenie', DIRECTORY_SCOPE);
      expect(current?.lastError).toBeUndefined();
      expect(current?.asOf).toEqual(new Date(T0 + 4 * MINUTE));
    });

    it('stays within 4 requests per schedule per hour at 500 teams', async () => {
      const { vendor, runUntil } = await setup(500);
      const before = vendor.total();
      await runUntil(60);
      const perSchedulePerHour = (vendor.total() - before) / 500;
      expect(perSchedulePerHour).toBeLessThanOrEqual(4);
      // every team's members and timeline once, plus the checks and the directory
      expect(perSchedulePerHour).toBeGreaterThanOrEqual(2);
    });

    it('with a second provider that cannot be checked: reads its teams every run, the checked ones only when due', async () => {
      const opsgenie = new FakeCheckedVendor(3, { name: 'og' });
      const jsm = new FakeCheckedVendor(2, {
        name: 'jsm',
        vendor: 'jsm',
        answersOnCalls: false,
      });
      const clocked = await clockedStores(databaseId);
      const { stores, now, advance } = clocked;
      const sync = clocked.sync(opsgenieAndJsm(opsgenie, jsm));
      await sync.refresh();
      for (let run = 1; run <= 5; run++) {
        advance(2); // T0 + run * 2 minutes
        await sync.refresh();
      }
      expect(jsm.calls.getTimeline).toBe(2 * 6);
      expect(opsgenie.calls.getTimeline).toBe(3 + dueWithin(opsgenie, 0, 10));
      // an override in Opsgenie is read at the next run, as with Opsgenie alone
      opsgenie.overrides.push({
        scheduleId: 's1',
        user: 'cover@example.com',
        start: now() + MINUTE,
        end: now() + 60 * MINUTE,
      });
      advance(2);
      await sync.refresh();
      const periods = await stores.onCall.getPeriods(
        ['s1'],
        new Date(now()),
        new Date(now() + 1),
      );
      expect(periods.map(p => p.recipient.name)).toEqual(['cover@example.com']);
    });
  },
);
