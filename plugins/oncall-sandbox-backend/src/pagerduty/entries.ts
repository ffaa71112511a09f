import { Period, finalPeriods } from '../org/rotation';
import { PagerDutyOrg, PdPolicy } from '../org/pagerdutyOrg';
import { Interval, WEEK } from '../org/time';
import { DemoSchedule } from '../org/types';

/** Removes the parts of `periods` covered by `cover`. */
function subtract(periods: Period[], cover: Interval[]): Period[] {
  return periods.flatMap(p => {
    let pieces: Period[] = [p];
    for (const c of cover) {
      pieces = pieces.flatMap(piece => {
        if (c.end <= piece.start || c.start >= piece.end) {
          return [piece];
        }
        const out: Period[] = [];
        if (c.start > piece.start) out.push({ ...piece, end: c.start });
        if (c.end < piece.end) out.push({ ...piece, start: c.end });
        return out;
      });
    }
    return pieces;
  });
}

/**
 * The schedule's final schedule within `range`: PagerDuty layers stack, a higher layer (a later
 * rotation) covering a time wins over the layers below it; overrides replace their layer's
 * shifts.
 */
export function finalEntries(
  schedule: DemoSchedule,
  range: Interval,
): Period[] {
  const result: Period[] = [];
  for (let i = schedule.rotations.length - 1; i >= 0; i--) {
    const layer = finalPeriods(schedule, schedule.rotations[i], range);
    result.push(...subtract(layer, [...result]));
  }
  return result.sort((a, b) => a.start - b.start);
}

/** Whole entries (not cut at the window) overlapping `[since, until]`; an instant when equal. */
export function entriesOverlapping(
  schedule: DemoSchedule,
  since: number,
  until: number,
): Period[] {
  return finalEntries(schedule, {
    start: since - 2 * WEEK,
    end: until + 2 * WEEK,
  }).filter(p =>
    since === until
      ? p.start <= since && since < p.end
      : p.start < until && p.end > since,
  );
}

/** One on-call of a user at an escalation level; `schedule` absent for a direct user target. */
export interface OnCallEntry {
  userId: string;
  policy: PdPolicy;
  level: number;
  schedule?: DemoSchedule;
  start?: number;
  end?: number;
}

/** On-calls of `policy` within `[since, until]`, level by level. */
export function policyOnCalls(
  pd: PagerDutyOrg,
  policy: PdPolicy,
  since: number,
  until: number,
): OnCallEntry[] {
  return policy.rules.flatMap((rule, i) =>
    rule.targets.flatMap((target): OnCallEntry[] => {
      const level = i + 1;
      if (target.type === 'user') {
        return [{ userId: target.id, policy, level }];
      }
      const schedule = pd.schedules.find(s => s.id === target.id);
      if (!schedule) {
        return [];
      }
      return entriesOverlapping(schedule, since, until).map(p => ({
        userId: p.participant.id,
        policy,
        level,
        schedule,
        start: p.start,
        end: p.end,
      }));
    }),
  );
}

/** Keeps the earliest on-call per (policy, level, user), as `earliest=true` does. */
export function earliestOnly(entries: OnCallEntry[]): OnCallEntry[] {
  const byKey = new Map<string, OnCallEntry>();
  for (const e of entries) {
    const key = `${e.policy.id}/${e.level}/${e.userId}`;
    const prev = byKey.get(key);
    if (!prev || (e.start ?? -Infinity) < (prev.start ?? -Infinity)) {
      byKey.set(key, e);
    }
  }
  return [...byKey.values()];
}
