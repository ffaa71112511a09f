import { PINNED_INSTANTS } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { DateTime } from 'luxon';
import { createDemoOrg } from './demoOrg';
import { LOCAL_TIME_TEAMS } from './opsgenieOrg';
import {
  basePeriods,
  finalPeriods,
  nextPeriod,
  participantAt,
  restrictionWindows,
} from './rotation';
import { DAY, HOUR } from './time';
import { DemoOrg, DemoSchedule } from './types';

/** The portal generated the org the day before and has been running since. */
const RUNNING_FOR = 26 * HOUR;

function scheduleNamed(org: DemoOrg, name: string): DemoSchedule {
  const schedule = org.schedules.find(s => s.name === name);
  if (!schedule) {
    throw new Error(`no schedule ${name}`);
  }
  return schedule;
}

/**
 * The shift holding `t` in a weekly rotation handing off on Monday 09:00 in `zone`, worked
 * out on the wall clock with luxon: the last Monday 09:00 local at or before `t`, the next
 * one after it, and how many weeks lie between the rotation's start and the shift.
 */
function mondayShift(t: number, zone: string, rotationStart: number) {
  const local = DateTime.fromMillis(t, { zone });
  let start = local.startOf('week').set({ hour: 9, minute: 0 });
  if (start > local) {
    start = start.minus({ weeks: 1 });
  }
  const end = start.plus({ weeks: 1 });
  const weeks = start.diff(
    DateTime.fromMillis(rotationStart, { zone }),
    'weeks',
  ).weeks;
  return { start, end, index: Math.round(weeks) };
}

/** Whether `t` falls in Monday 09:00 – Friday 18:00 UTC (the checkout weekday window). */
function inWeekdayWindow(t: number) {
  const utc = DateTime.fromMillis(t, { zone: 'UTC' });
  const minutes = (utc.weekday - 1) * 1440 + utc.hour * 60 + utc.minute;
  return minutes >= 9 * 60 && minutes < 4 * 1440 + 18 * 60;
}

describe.each(PINNED_INSTANTS)('the demo rotations at $label', ({ at }) => {
  const t = Date.parse(at);
  const org = createDemoOrg({ seed: 42, now: new Date(t - RUNNING_FOR) });

  it.each(LOCAL_TIME_TEAMS.map(team => [team.team, team.timezone]))(
    '%s_schedule (%s) hands off on Monday 09:00 local time, daylight saving included',
    (team, zone) => {
      const schedule = scheduleNamed(org, `${team}_schedule`);
      expect(schedule.timezone).toBe(zone);
      const [rotation] = schedule.rotations;
      const expected = mondayShift(t, zone, rotation.startDate);
      // an hour shorter or longer when the clocks change during the shift
      const offsetChange = expected.end.offset - expected.start.offset;
      expect(expected.end.toMillis() - expected.start.toMillis()).toBe(
        7 * DAY - offsetChange * 60_000,
      );

      const now = participantAt(schedule, rotation, t);
      expect(now).toEqual({
        start: expected.start.toMillis(),
        end: expected.end.toMillis(),
        participant:
          rotation.participants[expected.index % rotation.participants.length],
        override: false,
      });
      expect(nextPeriod(schedule, rotation, t)).toMatchObject({
        start: expected.end.toMillis(),
        end: expected.end.plus({ weeks: 1 }).toMillis(),
        participant:
          rotation.participants[
            (expected.index + 1) % rotation.participants.length
          ],
      });
      // every handoff in the next 15 days is a Monday 09:00 on the local clock
      const handoffs = basePeriods(
        rotation,
        { start: t, end: t + 15 * DAY },
        zone,
      )
        .slice(1)
        .map(p => DateTime.fromMillis(p.start, { zone }));
      expect(handoffs.length).toBeGreaterThanOrEqual(2);
      for (const handoff of handoffs) {
        expect(handoff.toFormat('ccc HH:mm')).toBe('Mon 09:00');
      }
    },
  );

  it('has exactly one of checkout_weekday (Mon 09:00 – Fri 18:00 UTC) and checkout_weekend on call', () => {
    const weekday = scheduleNamed(org, 'checkout_weekday');
    const weekend = scheduleNamed(org, 'checkout_weekend');
    const inWeekday = inWeekdayWindow(t);
    expect(participantAt(weekday, weekday.rotations[0], t) !== undefined).toBe(
      inWeekday,
    );
    expect(participantAt(weekend, weekend.rotations[0], t) !== undefined).toBe(
      !inWeekday,
    );
  });

  it('gives every rotation back-to-back periods, without overlaps, over the next 14 days', () => {
    const range = { start: t - 7 * DAY, end: t + 14 * DAY };
    const overlaps: string[] = [];
    const gaps: string[] = [];
    for (const schedule of org.schedules) {
      for (const rotation of schedule.rotations) {
        const periods = finalPeriods(schedule, rotation, range);
        expect(periods.length).toBeGreaterThan(0);
        for (let i = 1; i < periods.length; i++) {
          const where = `${schedule.name}/${rotation.name} at ${new Date(
            periods[i].start,
          ).toISOString()}`;
          if (periods[i].start < periods[i - 1].end) {
            overlaps.push(where);
          }
          // only a restricted rotation leaves time uncovered
          if (!rotation.restrictions && periods[i].start > periods[i - 1].end) {
            gaps.push(where);
          }
        }
      }
    }
    expect({ overlaps, gaps }).toEqual({ overlaps: [], gaps: [] });
  });
});

describe('restrictionWindows', () => {
  /** The restriction's windows between two instants in `zone`, as ISO start and end pairs. */
  const isoWindows = (
    restrictions: Parameters<typeof restrictionWindows>[0],
    from: string,
    to: string,
    zone: string,
  ) =>
    restrictionWindows(
      restrictions,
      { start: Date.parse(from), end: Date.parse(to) },
      zone,
    ).map(w => [
      new Date(w.start).toISOString(),
      new Date(w.end).toISOString(),
    ]);

  const businessHours = [
    {
      startDay: 'monday' as const,
      startHour: 9,
      startMin: 0,
      endDay: 'friday' as const,
      endHour: 18,
      endMin: 0,
    },
  ];

  it('reads a window on the wall clock of the schedule’s zone across a clock change', () => {
    // Berlin moves from CET (UTC+1) to CEST (UTC+2) on Sunday 2027-03-28
    expect(
      isoWindows(
        businessHours,
        '2027-03-22T00:00:00Z',
        '2027-04-03T00:00:00Z',
        'Europe/Berlin',
      ),
    ).toEqual([
      ['2027-03-22T08:00:00.000Z', '2027-03-26T17:00:00.000Z'],
      ['2027-03-29T07:00:00.000Z', '2027-04-02T16:00:00.000Z'],
    ]);
  });

  it('wraps a window that ends earlier in the week than it starts', () => {
    const weekend = [
      {
        startDay: 'friday' as const,
        startHour: 18,
        startMin: 0,
        endDay: 'monday' as const,
        endHour: 9,
        endMin: 0,
      },
    ];
    // New York moves from EDT (UTC−4) to EST (UTC−5) on Sunday 2026-11-01
    expect(
      isoWindows(
        weekend,
        '2026-10-30T00:00:00Z',
        '2026-11-03T00:00:00Z',
        'America/New_York',
      ),
    ).toEqual([['2026-10-30T22:00:00.000Z', '2026-11-02T14:00:00.000Z']]);
  });
});
