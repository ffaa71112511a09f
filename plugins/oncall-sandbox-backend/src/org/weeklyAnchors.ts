import { DateTime } from 'luxon';
import { DAY, HOUR, WEEK, startOfWeek } from './time';

/**
 * Weeks of history every rotation has before now: more than the 180 days of pages the
 * sandbox's Opsgenie serves, so that someone was on call for each of them.
 */
const HISTORY_WEEKS = 27;

/** Whole rounds of `participants` shifts covering at least {@link HISTORY_WEEKS}. */
function roundsBack(participants: number): number {
  return participants * Math.ceil(HISTORY_WEEKS / Math.max(participants, 1));
}

/** Start of a weekly rotation so that `currentIndex` covers the shift ending at `nextHandoff`. */
export function anchorWeekly(
  nextHandoff: number,
  participants: number,
  currentIndex: number,
): number {
  const shiftsBack = roundsBack(participants) + currentIndex;
  return nextHandoff - WEEK * (1 + shiftsBack);
}

/** The next occurrence after `now` of a weekly instant (`dayIndex` 0 = Monday). */
export function nextWeekly(
  now: number,
  dayIndex: number,
  hour: number,
): number {
  let t = startOfWeek(now) + dayIndex * DAY + hour * HOUR;
  while (t <= now) {
    t += WEEK;
  }
  return t;
}

/**
 * Start of a weekly rotation in `zone` handing off on Monday 09:00 local time, such that
 * participant `currentIndex` covers `now`.
 */
export function anchorWeeklyLocal(
  now: number,
  zone: string,
  participants: number,
  currentIndex: number,
): number {
  const local = DateTime.fromMillis(now, { zone });
  let current = local.startOf('week').set({ hour: 9, minute: 0 });
  if (current > local) {
    current = current.minus({ weeks: 1 });
  }
  return current
    .minus({ weeks: roundsBack(participants) + currentIndex })
    .toMillis();
}
