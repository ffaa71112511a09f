/** An hour in milliseconds. */
export const HOUR_MS = 60 * 60_000;
/** A (UTC) day in milliseconds. */
export const DAY_MS = 24 * HOUR_MS;
/** Days remembered; a sync touches ~100 distinct days however many SLOs it reads. */
const MAX_DAYS = 10_000;
const names = new Map<number, string>();

/**
 * `YYYY-MM-DD` of the UTC day holding `ms`. Remembered per day: the SLO sync names the same
 * ~90 days for every one of thousands of SLOs.
 */
export function utcDay(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let name = names.get(day);
  if (name === undefined) {
    if (names.size >= MAX_DAYS) {
      names.clear();
    }
    name = new Date(day * DAY_MS).toISOString().slice(0, 10);
    names.set(day, name);
  }
  return name;
}
