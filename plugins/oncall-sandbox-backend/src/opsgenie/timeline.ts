import { OrgIndex } from '../org/orgIndex';
import {
  Period,
  basePeriods,
  finalPeriods,
  overridePeriods,
} from '../org/rotation';
import { DAY, Interval, WEEK, iso } from '../org/time';
import { DemoSchedule } from '../org/types';
import { scheduleParent, serializePeriod } from './serialize';

export type IntervalUnit = 'days' | 'weeks' | 'months';

export function isIntervalUnit(value: string): value is IntervalUnit {
  return value === 'days' || value === 'weeks' || value === 'months';
}

/** End of a timeline window of `interval` units from `start`. */
export function timelineEnd(
  start: number,
  interval: number,
  unit: IntervalUnit,
): number {
  if (unit === 'days') {
    return start + interval * DAY;
  }
  if (unit === 'weeks') {
    return start + interval * WEEK;
  }
  const d = new Date(start);
  d.setUTCMonth(d.getUTCMonth() + interval);
  return d.getTime();
}

/** Splits periods at `now`: the part before is `historical`, the rest keeps its own type. */
function splitAtNow(index: OrgIndex, periods: Period[], now: number) {
  return periods.flatMap(p => {
    const own = p.override ? 'override' : 'default';
    if (p.end <= now) {
      return [serializePeriod(index, p, 'historical')];
    }
    if (p.start >= now) {
      return [serializePeriod(index, p, own)];
    }
    return [
      serializePeriod(index, { ...p, end: now }, 'historical'),
      serializePeriod(index, { ...p, start: now }, own),
    ];
  });
}

function rotationsOf(
  index: OrgIndex,
  schedule: DemoSchedule,
  now: number,
  periodsOf: (rotationIndex: number) => Period[],
) {
  return schedule.rotations.map((r, i) => ({
    id: r.id,
    name: r.name,
    order: i + 1,
    periods: splitAtNow(index, periodsOf(i), now),
  }));
}

/** The schedule timeline over `range`, with the expansions asked for. */
export function scheduleTimeline(
  index: OrgIndex,
  schedule: DemoSchedule,
  range: Interval,
  now: number,
  expand: Set<string>,
) {
  const r = (i: number) => schedule.rotations[i];
  return {
    _parent: scheduleParent(schedule),
    startDate: iso(range.start),
    endDate: iso(range.end),
    finalTimeline: {
      rotations: rotationsOf(index, schedule, now, i =>
        finalPeriods(schedule, r(i), range),
      ),
    },
    ...(expand.has('base')
      ? {
          baseTimeline: {
            rotations: rotationsOf(index, schedule, now, i =>
              basePeriods(r(i), range, schedule.timezone),
            ),
          },
        }
      : {}),
    ...(expand.has('override')
      ? {
          overrideTimeline: {
            rotations: rotationsOf(index, schedule, now, i =>
              overridePeriods(schedule.overrides, r(i), range),
            ).filter(x => x.periods.length > 0),
          },
        }
      : {}),
    ...(expand.has('forwarding')
      ? { forwardingTimeline: { rotations: [] } }
      : {}),
  };
}
