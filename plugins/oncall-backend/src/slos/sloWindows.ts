import { DAY_MS, HOUR_MS } from '../lib/time';

/** Days of daily history kept for the chart. */
export const SLO_HISTORY_DAYS = 90;

/** The burn-rate windows as durations. */
export const WINDOW_MS = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '3d': 3 * DAY_MS,
} as const;

/** `7d` → 7 days in ms; undefined for a timeframe we cannot read. */
export function timeframeMs(timeframe: string): number | undefined {
  const match = /^(\d+)d$/.exec(timeframe.trim());
  return match ? Number(match[1]) * DAY_MS : undefined;
}
