import { HealthHours } from '@oncall-for-backstage/plugin-oncall-common';
import { DateTime } from 'luxon';

/** Which part of the responder's day a page fell in. */
export type PageHours = 'business' | 'off' | 'sleep';

/** A page's instant on the responder's clock: the time zone given, UTC when unknown or bad. */
export function localClock(at: Date, timeZone: string | undefined): DateTime {
  const local = DateTime.fromMillis(at.getTime(), { zone: timeZone ?? 'UTC' });
  return local.isValid
    ? local
    : DateTime.fromMillis(at.getTime(), { zone: 'UTC' });
}

/**
 * Sleep hours are 00:00 to `sleepEndHour` any day; business hours `businessStartHour` to
 * `businessEndHour` Monday to Friday; everything else is off-hours. Each page is in exactly one.
 */
export function classifyHours(local: DateTime, hours: HealthHours): PageHours {
  if (local.hour < hours.sleepEndHour) {
    return 'sleep';
  }
  if (
    local.weekday <= 5 &&
    local.hour >= hours.businessStartHour &&
    local.hour < hours.businessEndHour
  ) {
    return 'business';
  }
  return 'off';
}

/** The nearest-rank percentile (0 < p ≤ 100) of values; undefined when there are none. */
export function percentile(values: number[], p: number): number | undefined {
  if (values.length === 0) {
    return undefined;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The median of values (mean of the middle two for an even count); 0 when empty. */
export function median(values: number[]): number {
  if (values.length === 0) {
    return 0;
  }
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? sorted[mid]
    : (sorted[mid - 1] + sorted[mid]) / 2;
}
