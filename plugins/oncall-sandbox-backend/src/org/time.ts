export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;

/** 1970-01-05T00:00:00Z was a Monday. */
const FIRST_MONDAY = 4 * DAY;

export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}

/** Start (UTC) of the Monday-based week containing `t`. */
export function startOfWeek(t: number): number {
  return t - mod(t - FIRST_MONDAY, WEEK);
}

/** Start (UTC) of the day containing `t`. */
export function startOfDay(t: number): number {
  return t - mod(t, DAY);
}

/** A half-open interval [start, end) in epoch ms. */
export interface Interval {
  start: number;
  end: number;
}

/** Intersection of two intervals, or undefined when they do not overlap. */
export function intersect(a: Interval, b: Interval): Interval | undefined {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : undefined;
}

/** ISO-8601 UTC with milliseconds, as Opsgenie prints dates. */
export function iso(t: number): string {
  return new Date(t).toISOString();
}

/** ISO-8601 UTC without milliseconds (`2024-03-04T00:00:00Z`). */
export function isoSeconds(t: number): string {
  return new Date(Math.floor(t / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
}
