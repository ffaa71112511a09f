import { DateTime, Duration } from 'luxon';

/** The viewer's IANA time zone as luxon sees it (browser zone unless overridden). */
export function viewerZone(): string {
  return DateTime.local().zoneName ?? 'UTC';
}

/** Short name of the viewer's zone at a given moment, e.g. `CET` or `GMT+1`. */
export function zoneAbbreviation(iso?: string): string {
  const at = iso ? DateTime.fromISO(iso) : DateTime.local();
  return at.setZone(viewerZone()).offsetNameShort ?? viewerZone();
}

/** `Fri 09:00 CET`: weekday, time and zone in the viewer's zone. */
export function formatShiftTime(iso: string): string {
  const at = DateTime.fromISO(iso).setZone(viewerZone());
  if (!at.isValid) {
    return iso;
  }
  const sameWeek = Math.abs(at.diffNow('days').days) < 6;
  const pattern = sameWeek ? 'ccc HH:mm' : 'ccc d LLL HH:mm';
  return `${at.toFormat(pattern)} ${at.offsetNameShort ?? ''}`.trim();
}

/** `27 Nov 2026, 09:00 CET`: absolute date and time in the viewer's zone. */
export function formatDateTime(iso: string): string {
  const at = DateTime.fromISO(iso).setZone(viewerZone());
  if (!at.isValid) {
    return iso;
  }
  return `${at.toFormat('d LLL yyyy, HH:mm')} ${
    at.offsetNameShort ?? ''
  }`.trim();
}

/**
 * `in 31 hours` / `3 hours ago`: minutes under an hour, hours under two days, then days, each
 * rounded to the nearest (as {@link formatAge}), so a handoff 47 hours away never reads
 * `in 1 day`.
 */
export function formatRelative(iso: string): string {
  const at = DateTime.fromISO(iso);
  if (!at.isValid) {
    return iso;
  }
  const minutes = at.diffNow('minutes').minutes;
  const span = spanOf(Math.abs(minutes));
  return minutes >= 0 ? `in ${span}` : `${span} ago`;
}

/** `Fri 09:00 CET (in 31 hours)`: when the next handoff is, or `none scheduled`. */
export function formatHandoff(nextHandoff: string | undefined): string {
  return nextHandoff
    ? `${formatShiftTime(nextHandoff)} (${formatRelative(nextHandoff)})`
    : 'none scheduled';
}

/** Human duration from minutes: `45 min`, `3 h 20 min`, `2 d 4 h`. */
export function formatMinutes(minutes: number): string {
  const total = Math.max(0, Math.round(minutes));
  if (total < 60) {
    return `${total} min`;
  }
  const duration = Duration.fromObject({ minutes: total }).shiftTo(
    'days',
    'hours',
    'minutes',
  );
  const parts: string[] = [];
  if (duration.days) parts.push(`${duration.days} d`);
  if (duration.hours) parts.push(`${duration.hours} h`);
  if (duration.minutes && !duration.days) parts.push(`${duration.minutes} min`);
  return parts.join(' ');
}

/** Minutes between two ISO instants (end defaults to now). */
export function minutesBetween(startIso: string, endIso?: string): number {
  const start = DateTime.fromISO(startIso);
  const end = endIso ? DateTime.fromISO(endIso) : DateTime.now();
  return end.diff(start, 'minutes').minutes;
}

/** Age of an ISO instant as a short phrase: `12 minutes`, `3 hours`, `2 days`. */
export function formatAge(iso: string): string {
  return spanOf(Math.max(0, minutesBetween(iso)));
}

/** A span of minutes for people: minutes under an hour, hours under two days, then days. */
function spanOf(minutes: number): string {
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return plural(Math.round(minutes), 'minute');
  if (minutes < 48 * 60) return plural(Math.round(minutes / 60), 'hour');
  return plural(Math.round(minutes / 1440), 'day');
}

function plural(value: number, unit: string): string {
  return `${value} ${unit}${value === 1 ? '' : 's'}`;
}

const ISO_INSTANT =
  /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})\b/g;

/** Rewrites ISO instants inside a sentence into the viewer's zone, e.g. in backend notices. */
export function localiseInstants(text: string): string {
  return text.replace(ISO_INSTANT, match => formatShiftTime(match));
}
