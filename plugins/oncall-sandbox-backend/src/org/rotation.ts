import {
  DemoOverride,
  DemoParticipant,
  DemoRotation,
  DemoSchedule,
  DemoWeekdayRestriction,
} from './types';
import {
  DAY,
  HOUR,
  Interval,
  MINUTE,
  WEEK,
  WEEKDAYS,
  intersect,
  startOfWeek,
} from './time';

/** A stretch of time one recipient covers in a rotation. */
export interface Period extends Interval {
  participant: DemoParticipant;
  /** True when the period comes from a schedule override. */
  override: boolean;
}

function shiftLength(rotation: DemoRotation): number {
  return (rotation.type === 'weekly' ? WEEK : DAY) * rotation.length;
}

function offsetOf(day: (typeof WEEKDAYS)[number], hour: number, min: number) {
  return WEEKDAYS.indexOf(day) * DAY + hour * HOUR + min * MINUTE;
}

/** Windows (UTC) during which a restricted rotation is active, within `range`. */
export function restrictionWindows(
  restrictions: DemoWeekdayRestriction[],
  range: Interval,
): Interval[] {
  const windows: Interval[] = [];
  for (
    let week = startOfWeek(range.start) - WEEK;
    week < range.end;
    week += WEEK
  ) {
    for (const r of restrictions) {
      const startOffset = offsetOf(r.startDay, r.startHour, r.startMin);
      let endOffset = offsetOf(r.endDay, r.endHour, r.endMin);
      if (endOffset <= startOffset) {
        endOffset += WEEK;
      }
      const window = intersect(
        { start: week + startOffset, end: week + endOffset },
        range,
      );
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

/** The rotation's periods within `range`, before overrides. */
export function basePeriods(rotation: DemoRotation, range: Interval): Period[] {
  const active = intersect(range, {
    start: rotation.startDate,
    end: rotation.endDate ?? Number.MAX_SAFE_INTEGER,
  });
  if (!active || rotation.participants.length === 0) {
    return [];
  }
  const length = shiftLength(rotation);
  const first = Math.floor((active.start - rotation.startDate) / length);
  const periods: Period[] = [];
  for (let index = first; ; index++) {
    const shiftStart = rotation.startDate + index * length;
    if (shiftStart >= active.end) {
      break;
    }
    const shift = intersect(active, {
      start: shiftStart,
      end: shiftStart + length,
    });
    if (!shift) {
      continue;
    }
    const participant =
      rotation.participants[index % rotation.participants.length];
    const windows = rotation.restrictions
      ? restrictionWindows(rotation.restrictions, shift)
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
  if (overrides.length === 0) {
    return basePeriods(rotation, range);
  }
  const result: Period[] = [];
  for (const base of basePeriods(rotation, range)) {
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
