import {
  EscalationPolicy,
  OnCallSchedule,
  TimelinePeriod,
} from '../oncall/OnCallProvider';

const SECONDARY = /secondary/i;

/** Who was first on call at an instant, and on which rotation. */
export interface FirstOnCall {
  username: string;
  rotation: string;
}

/**
 * The schedule a team's pages reach first: the schedule of the escalation policy's first rule
 * (no delay), else the first schedule the team owns.
 */
export function firstLevelSchedule(
  teamId: string,
  schedules: OnCallSchedule[],
  escalations: EscalationPolicy[],
): OnCallSchedule | undefined {
  const owned = (s: { ownerTeam?: { id: string } }) =>
    s.ownerTeam?.id === teamId;
  const policy = escalations.find(owned);
  const rule = policy?.rules
    .filter(r => r.recipient.type === 'schedule')
    .sort((a, b) => a.delayMinutes - b.delayMinutes)[0];
  const named =
    rule &&
    schedules.find(
      s =>
        (rule.recipient.id !== undefined && s.id === rule.recipient.id) ||
        (rule.recipient.name !== undefined && s.name === rule.recipient.name),
    );
  return named ?? schedules.find(owned);
}

/**
 * The first-level periods of a schedule's final timeline: the primary rotation's (rotations
 * named "secondary" answer only after escalation), users only.
 */
export function firstLevelPeriods(
  schedule: OnCallSchedule,
  periods: TimelinePeriod[],
): TimelinePeriod[] {
  const order = new Map(schedule.rotations.map((r, i) => [r.name, i]));
  const rank = (p: TimelinePeriod) =>
    (SECONDARY.test(p.rotationName) ? 1000 : 0) +
    (order.get(p.rotationName) ?? 999);
  const best = Math.min(...periods.map(rank));
  return periods
    .filter(p => rank(p) === best && p.recipient.type === 'user')
    .filter(p => p.recipient.name !== undefined)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** Who covered `at` in first-level periods sorted by start (binary search). */
export function onCallAt(
  periods: TimelinePeriod[],
  at: Date,
): FirstOnCall | undefined {
  const t = at.getTime();
  let lo = 0;
  let hi = periods.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid].start.getTime() <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  // overrides may overlap: walk back over periods that also started before t
  for (let i = found; i >= 0 && i >= found - 8; i--) {
    const p = periods[i];
    if (p.start.getTime() <= t && t < p.end.getTime() && p.recipient.name) {
      return { username: p.recipient.name, rotation: p.rotationName };
    }
  }
  return undefined;
}
