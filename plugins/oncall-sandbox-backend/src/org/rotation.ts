import { DateTime } from 'luxon';
import {
  DemoOverride,
  DemoParticipant,
  DemoRotation,
  DemoSchedule,
  DemoWeekdayRestriction,
} from './types';
import { DAY, Interval, WEEK, WEEKDAYS, intersect } from './time';

/** A stretch of time one recipient covers in a rotation. */
export interface Period extends Interval {
  participant: DemoParticipant;
  /** True when the period comes from a schedule override. */
  override: boolean;
}

const UTC = 'UTC';

function isUtc(zone: string): boolean {
  return zone === UTC || zone === 'Etc/UTC';
}

/**
 * Start of shift `index` of the rotation. Shifts follow the wall clock of the schedule's time
 * zone, as Opsgenie's do: a weekly rotation handing off on Monday 09:00 Europe/Berlin hands off
 * at 09:00 local after a daylight-saving change too (the shift across the change is an hour
 * shorter or longer).
 */
function shiftStart(rotation: DemoRotation, index: number, zone: string) {
  if (isUtc(zone)) {
    return rotation.startDate + index * shiftLength(rotation);
  }
  const unit = rotation.type === 'weekly' ? 'weeks' : 'days';
  return DateTime.fromMillis(rotation.startDate, { zone })
    .plus({ [unit]: index * rotation.length })
    .toMillis();
}

/** Nominal length of a shift (a week or a day per `length`), before daylight-saving changes. */
function shiftLength(rotation: DemoRotation): number {
  return (rotation.type === 'weekly' ? WEEK : DAY) * rotation.length;
}

/** Windows during which a restricted rotation is active within `range`, in the zone's wall clock. */
export function restrictionWindows(
  restrictions: DemoWeekdayRestriction[],
  range: Interval,
  zone: string = UTC,
): Interval[] {
  const windows: Interval[] = [];
  const at = (
    week: DateTime,
    day: (typeof WEEKDAYS)[number],
    h: number,
    m: number,
  ) =>
    week
      .plus({ days: WEEKDAYS.indexOf(day) })
      .set({ hour: h, minute: m })
      .toMillis();
  for (
    let week = DateTime.fromMillis(range.start, { zone })
      .startOf('week')
      .minus({ weeks: 1 });
    week.toMillis() < range.end;
    week = week.plus({ weeks: 1 })
  ) {
    for (const r of restrictions) {
      const start = at(week, r.startDay, r.startHour, r.startMin);
      let end = at(week, r.endDay, r.endHour, r.endMin);
      if (end <= start) {
        end = at(week.plus({ weeks: 1 }), r.endDay, r.endHour, r.endMin);
      }
      const window = intersect({ start, end }, range);
      if (window) {
        windows.push(window);
      }
    }
  }
  windows.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const w of windows) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) {
      last.end = Math.max(last.end, w.end);
    } else {
      merged.push({ ...w });
    }
  }
  return merged;
}

/** The rotation's periods within `range`, before overrides, in the schedule's time zone. */
export function basePeriods(
  rotation: DemoRotation,
  range: Interval,
  zone: string = UTC,
): Period[] {
  const active = intersect(range, {
    start: rotation.startDate,
    end: rotation.endDate ?? Number.MAX_SAFE_INTEGER,
  });
  if (!active || rotation.participants.length === 0) {
    return [];
  }
  // the shift holding active.start: estimated from the nominal length, then settled
  let first = Math.floor(
    (active.start - rotation.startDate) / shiftLength(rotation),
  );
  while (first > 0 && shiftStart(rotation, first, zone) > active.start) {
    first--;
  }
  while (shiftStart(rotation, first + 1, zone) <= active.start) {
    first++;
  }
  const periods: Period[] = [];
  for (let index = first; ; index++) {
    const start = shiftStart(rotation, index, zone);
    if (start >= active.end) {
      break;
    }
    const shift = intersect(active, {
      start,
      end: shiftStart(rotation, index + 1, zone),
    });
    if (!shift) {
      continue;
    }
    const participant =
      rotation.participants[index % rotation.participants.length];
    const windows = rotation.restrictions
      ? restrictionWindows(rotation.restrictions, shift, zone)
      : [shift];
    for (const w of windows) {
      periods.push({ ...w, participant, override: false });
    }
  }
  return periods;
}

/** Override periods for one rotation within `range`. */
export function overridePeriods(
  overrides: DemoOverride[],
  rotation: DemoRotation,
  range: Interval,
): Period[] {
  const periods: Period[] = [];
  for (const o of overrides) {
    if (!o.rotationIds.includes(rotation.id)) {
      continue;
    }
    const window = intersect(range, { start: o.startDate, end: o.endDate });
    if (window) {
      periods.push({
        ...window,
        participant: { type: 'user', id: o.userId },
        override: true,
      });
    }
  }
  return periods.sort((a, b) => a.start - b.start);
}

/** The rotation's periods within `range` with overrides applied. */
export function finalPeriods(
  schedule: DemoSchedule,
  rotation: DemoRotation,
  range: Interval,
): Period[] {
  const overrides = overridePeriods(schedule.overrides, rotation, range);
  const periods = basePeriods(rotation, range, schedule.timezone);
  if (overrides.length === 0) {
    return periods;
  }
  const result: Period[] = [];
  for (const base of periods) {
    let cursor = base.start;
    for (const o of overrides) {
      if (o.end <= cursor || o.start >= base.end) {
        continue;
      }
      if (o.start > cursor) {
        result.push({ ...base, start: cursor, end: o.start });
      }
      cursor = Math.max(cursor, o.end);
    }
    if (cursor < base.end) {
      result.push({ ...base, start: cursor });
    }
  }
  result.push(...overrides);
  return result.sort((a, b) => a.start - b.start);
}

/** Who covers the rotation at `t` (overrides applied), if anyone. */
export function participantAt(
  schedule: DemoSchedule,
  rotation: DemoRotation,
  t: number,
): Period | undefined {
  const periods = finalPeriods(schedule, rotation, {
    start: t - 2 * WEEK,
    end: t + 2 * WEEK,
  });
  return periods.find(p => p.start <= t && t < p.end);
}

/** The participants in order, each once (by type and id). */
export function uniqueParticipants(list: DemoParticipant[]): DemoParticipant[] {
  const seen = new Set<string>();
  return list.filter(p => {
    const key = `${p.type}:${p.id}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

/** Who covers the schedule's rotations at `t`, each participant once. */
export function participantsAt(
  schedule: DemoSchedule,
  t: number,
): DemoParticipant[] {
  return uniqueParticipants(
    schedule.rotations
      .map(r => participantAt(schedule, r, t)?.participant)
      .filter((p): p is DemoParticipant => p !== undefined),
  );
}

/** The period starting next after `t` in the rotation, looking ahead up to 10 weeks. */
export function nextPeriod(
  schedule: DemoSchedule,
  rotation: DemoRotation,
  t: number,
): Period | undefined {
  const periods = finalPeriods(schedule, rotation, {
    start: t,
    end: t + 10 * WEEK,
  });
  return periods.find(p => p.start > t);
}
