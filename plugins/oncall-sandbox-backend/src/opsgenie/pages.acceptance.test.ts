import {
  PINNED_INSTANTS,
  pinDate,
} from '@oncall-for-backstage/plugin-oncall-common/testing';
import { DateTime } from 'luxon';
import { createSandbox } from '../app';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { DAY, HOUR, MINUTE } from '../org/time';
import {
  NOISY_ALIAS,
  NOISY_TEAM,
  OVERLOADED_TEAM,
  QUIET_TEAM,
} from '../org/alerts/profiles';
import {
  OpsgenieWire,
  WireAlert,
  WireTeam,
  readOpsgenie,
} from '../__testUtils__/opsgenieWire';

jest.setTimeout(120_000);

/** The portal generated the demo org the day before and has been running since. */
const RUNNING_FOR = 26 * HOUR;
const WEEKS = 12;
const SECONDARY = /secondary/i;

/**
 * Everything below is computed from what any Opsgenie client reads (alerts, schedule
 * timelines, escalation policies, users), the way the backend's health figures will be.
 */
function chainOf(wire: OpsgenieWire, team: WireTeam) {
  const first = team.rules
    .filter(r => r.delay === 0 && r.recipient.type === 'schedule')
    .flatMap(r =>
      wire.periods
        .get(r.recipient.id)!
        .filter(p => !SECONDARY.test(p.rotation)),
    );
  const next = team.rules.find(r => r.delay > 0)!;
  const second =
    next.recipient.type === 'schedule' && next.notifyType === 'next'
      ? wire.periods
          .get(next.recipient.id)!
          .filter(p => SECONDARY.test(p.rotation))
      : [];
  const at = (periods: typeof first, t: number) =>
    periods.find(p => p.start <= t && t < p.end)?.user;
  return {
    next,
    primaryAt: (t: number) => at(first, t),
    secondaryAt: (t: number) => at(second, t),
  };
}

const created = (a: WireAlert) => Date.parse(a.createdAt);

function clockOf(wire: OpsgenieWire, user: string, t: number) {
  return DateTime.fromMillis(t, { zone: wire.timeZoneOf.get(user)! });
}

function inSleepHours(wire: OpsgenieWire, user: string, t: number) {
  return clockOf(wire, user, t).hour < 7;
}

/** The week's load as the health view flags it (Google SRE book, "Being On-Call"). */
function weekLoad(
  wire: OpsgenieWire,
  team: WireTeam,
  alerts: WireAlert[],
  from: number,
) {
  const chain = chainOf(wire, team);
  const pages = alerts.filter(
    a => created(a) >= from && created(a) < from + 7 * DAY,
  );
  const nights = new Set<string>();
  for (const a of pages) {
    const primary = chain.primaryAt(created(a))!;
    if (inSleepHours(wire, primary, created(a))) {
      nights.add(clockOf(wire, primary, created(a)).toISODate()!);
    }
  }
  const perShift = pages.length / 14;
  return {
    pages: pages.length,
    perShift,
    sleepNights: nights.size,
    overloaded: perShift > 2 || nights.size >= 2,
  };
}

describe.each(PINNED_INSTANTS)(
  'the demo org’s pages at $label',
  ({ at, zone }) => {
    const t = Date.parse(at);
    let wire: OpsgenieWire;

    beforeAll(async () => {
      pinDate(t - RUNNING_FOR);
      const sandbox = createSandbox({
        seed: 42,
        keys: SANDBOX_DEFAULT_KEYS,
        control: false,
      });
      pinDate(t);
      wire = await readOpsgenie(sandbox.app, t);
    });

    afterAll(() => {
      jest.useRealTimers();
    });

    const team = (name: string) => wire.teams.find(x => x.name === name)!;
    const weeks = (name: string) =>
      Array.from({ length: WEEKS }, (_, k) =>
        weekLoad(
          wire,
          team(name),
          wire.alerts.get(name)!,
          t - (k + 1) * 7 * DAY,
        ),
      );

    it('has every acknowledgement from the person on call, or after the policy’s delay from the secondary or a team mate', () => {
      const problems: string[] = [];
      let escalated = 0;
      for (const tm of wire.teams) {
        const chain = chainOf(wire, tm);
        for (const a of wire.alerts.get(tm.name)!) {
          const ack = a.report?.acknowledgedBy;
          if (!ack) continue;
          const ackTime = a.report!.ackTime!;
          const primary = chain.primaryAt(created(a));
          const late = ackTime >= chain.next.delay * MINUTE;
          let ok: boolean;
          if (!late) {
            ok = ack === primary;
          } else if (chain.next.notifyType === 'next') {
            ok = ack !== primary && ack === chain.secondaryAt(created(a));
          } else {
            ok = ack !== primary && tm.members.includes(ack);
          }
          if (late) escalated++;
          // asleep or awake, the paged person and whoever acknowledged agree
          if (
            inSleepHours(wire, ack, created(a)) !==
            inSleepHours(wire, primary!, created(a))
          ) {
            ok = false;
          }
          if (!ok) {
            problems.push(
              `${tm.name} ${a.tinyId} at ${a.createdAt}: ${ack} after ${ackTime} ms, primary ${primary}`,
            );
          }
        }
      }
      expect(problems).toEqual([]);
      expect(escalated).toBeGreaterThan(0);
    });

    it(`has ${OVERLOADED_TEAM}'s secondary take over some pages after the policy’s delay`, () => {
      const chain = chainOf(wire, team(OVERLOADED_TEAM));
      const bySecondary = wire.alerts
        .get(OVERLOADED_TEAM)!
        .filter(a => created(a) > t - WEEKS * 7 * DAY)
        .filter(
          a =>
            a.report?.acknowledgedBy !== undefined &&
            a.report.acknowledgedBy === chain.secondaryAt(created(a)),
        );
      expect(bySecondary.length).toBeGreaterThan(0);
      for (const a of bySecondary) {
        expect(a.report!.ackTime).toBeGreaterThanOrEqual(10 * MINUTE);
      }
    });

    it(`flags ${OVERLOADED_TEAM} as overloaded in recent weeks (night pages on 2+ nights and more than 2 pages per 12 hours), and no other team`, () => {
      const recent = weeks(OVERLOADED_TEAM).slice(0, 4);
      for (const w of recent) {
        expect(w.sleepNights).toBeGreaterThanOrEqual(2);
        expect(w.perShift).toBeGreaterThan(2);
      }
      // the load went up six weeks before the sandbox started: earlier weeks were fine
      expect(
        weeks(OVERLOADED_TEAM)
          .slice(8)
          .some(w => w.overloaded),
      ).toBe(false);
      for (const tm of wire.teams.filter(x => x.name !== OVERLOADED_TEAM)) {
        expect({
          team: tm.name,
          flagged: weeks(tm.name).filter(w => w.overloaded),
        }).toEqual({ team: tm.name, flagged: [] });
      }
    });

    it(`pages ${QUIET_TEAM} almost never`, () => {
      const quiet = weeks(QUIET_TEAM);
      const total = quiet.reduce((n, w) => n + w.pages, 0);
      expect(Math.max(...quiet.map(w => w.pages))).toBeLessThanOrEqual(2);
      expect(total).toBeLessThanOrEqual(WEEKS + 1);
      const others = wire.teams
        .filter(x => x.name !== QUIET_TEAM)
        .map(x => weeks(x.name).reduce((n, w) => n + w.pages, 0));
      expect(total * 5).toBeLessThan(Math.min(...others));
    });

    it('pages mostly in business hours on the paged person’s clock, some in the evening, at weekends and at night', () => {
      let business = 0;
      let offHours = 0;
      let sleep = 0;
      for (const tm of wire.teams) {
        const chain = chainOf(wire, tm);
        for (const a of wire.alerts.get(tm.name)!) {
          if (created(a) < t - WEEKS * 7 * DAY) continue;
          const primary = chain.primaryAt(created(a))!;
          const clock = clockOf(wire, primary, created(a));
          if (clock.hour < 7) sleep++;
          else if (clock.weekday <= 5 && clock.hour >= 8 && clock.hour < 18)
            business++;
          else offHours++;
        }
      }
      // per hour of the week: 50 business hours, 69 other waking hours
      expect(business / 50).toBeGreaterThan((2 * offHours) / 69);
      expect(offHours).toBeGreaterThan(0);
      expect(sleep).toBeGreaterThan(0);
    });

    it(`has one noisy alert in ${NOISY_TEAM}: it repeats, closes itself without acknowledgement and leads the counts`, () => {
      const all = [...wire.alerts.values()].flat();
      const unacknowledgedClosed = all.filter(
        a => a.status === 'closed' && !a.report?.acknowledgedBy,
      );
      expect(new Set(unacknowledgedClosed.map(a => a.alias))).toEqual(
        new Set([NOISY_ALIAS]),
      );
      const alerts = wire.alerts
        .get(NOISY_TEAM)!
        .filter(a => created(a) > t - WEEKS * 7 * DAY);
      const counts = new Map<string, number>();
      for (const a of alerts) {
        counts.set(a.alias, (counts.get(a.alias) ?? 0) + a.count);
      }
      const ranked = [...counts].sort((x, y) => y[1] - x[1]);
      const total = ranked.reduce((n, [, c]) => n + c, 0);
      expect(ranked[0][0]).toBe(NOISY_ALIAS);
      expect(ranked[0][1] / total).toBeGreaterThan(0.4);
      const noisy = alerts.filter(a => a.alias === NOISY_ALIAS);
      expect(noisy.some(a => a.count > 1)).toBe(true);
      for (const a of noisy.filter(x => x.status === 'closed')) {
        expect(a.report).toEqual({
          closeTime: expect.any(Number),
          closedBy: 'Datadog',
        });
        expect(a.report!.closeTime).toBeLessThan(15 * MINUTE);
      }
    });

    it('has the override’s stand-in acknowledge the pages during the override', () => {
      const schedule = wire.schedules.find(
        s => s.name === 'discovery-ops_schedule',
      )!;
      const [override] = wire.overrides.get(schedule.id)!;
      const during = wire.alerts
        .get('discovery-ops')!
        .filter(a => created(a) >= override.start && created(a) < override.end);
      expect(during.length).toBeGreaterThan(0);
      for (const a of during.filter(
        x => x.report?.ackTime !== undefined && x.report.ackTime < 15 * MINUTE,
      )) {
        expect(a.report!.acknowledgedBy).toBe(override.user);
      }
    });

    if (zone) {
      it(`follows the ${zone} rotation’s Monday 09:00 local handoffs across the clock change`, () => {
        const name =
          zone === 'America/New_York' ? 'storefront-us' : 'discovery-eu';
        const schedule = wire.schedules.find(
          s => s.name === `${name}_schedule`,
        )!;
        expect(schedule.timezone).toBe(zone);
        const [rotation] = schedule.rotations;
        const participants = rotation.participants.map(p => p.username!);
        const start = DateTime.fromISO(rotation.startDate, { zone });
        /** Who the Monday 09:00 wall-clock handoffs put on call at `ms`. */
        const onCall = (ms: number) => {
          const local = DateTime.fromMillis(ms, { zone });
          let shift = local.startOf('week').set({ hour: 9, minute: 0 });
          if (shift > local) shift = shift.minus({ weeks: 1 });
          const index = Math.round(shift.diff(start, 'weeks').weeks);
          return participants[index % participants.length];
        };
        const nearby = wire.alerts
          .get(name)!
          .filter(a => Math.abs(created(a) - t) < 10 * DAY)
          .filter(
            a =>
              a.report?.ackTime !== undefined && a.report.ackTime < 15 * MINUTE,
          );
        expect(nearby.length).toBeGreaterThan(0);
        for (const a of nearby) {
          expect({ at: a.createdAt, by: a.report!.acknowledgedBy }).toEqual({
            at: a.createdAt,
            by: onCall(created(a)),
          });
        }
      });
    }
  },
);
