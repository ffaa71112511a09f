/**
 * An instant a time-sensitive test runs at, with the words a failure names it by.
 *
 * @public
 */
export interface PinnedInstant {
  /** How a test name says it, e.g. `Saturday 03:00 UTC`. */
  label: string;
  /** The instant, ISO 8601 in UTC. */
  at: string;
  /** The time zone whose clock change the instant sits next to, if any. */
  zone?: string;
}

/**
 * The instants time-sensitive behaviour is tested at, besides "now": a weekend night, a weekly
 * handoff, both sides of the 02:00 clock changes in New York and Berlin, and the last half hour
 * of a year. The demo organisation's `storefront-us_schedule` (America/New_York) and
 * `discovery-eu_schedule` (Europe/Berlin) hand off on Monday 09:00 local time.
 *
 * @public
 */
export const PINNED_INSTANTS: ReadonlyArray<PinnedInstant> = [
  { label: 'Saturday 03:00 UTC', at: '2026-12-05T03:00:00Z' },
  {
    label: 'Monday 08:59 UTC, the minute before the weekly handoff',
    at: '2026-12-07T08:59:00Z',
  },
  {
    label: 'Monday 09:00 UTC, the minute of the weekly handoff',
    at: '2026-12-07T09:00:00Z',
  },
  {
    label: 'US clocks fall back: 01:30 EDT on 2026-11-01',
    at: '2026-11-01T05:30:00Z',
    zone: 'America/New_York',
  },
  {
    label: 'US clocks fall back: 01:30 EST on 2026-11-01',
    at: '2026-11-01T06:30:00Z',
    zone: 'America/New_York',
  },
  {
    label: 'US clocks spring forward: 01:30 EST on 2027-03-14',
    at: '2027-03-14T06:30:00Z',
    zone: 'America/New_York',
  },
  {
    label: 'US clocks spring forward: 03:30 EDT on 2027-03-14',
    at: '2027-03-14T07:30:00Z',
    zone: 'America/New_York',
  },
  {
    label: 'Monday 09:00 EDT, the first New York handoff after the change',
    at: '2027-03-15T13:00:00Z',
    zone: 'America/New_York',
  },
  {
    label: 'EU clocks spring forward: 01:30 CET on 2027-03-28',
    at: '2027-03-28T00:30:00Z',
    zone: 'Europe/Berlin',
  },
  {
    label: 'EU clocks spring forward: 03:30 CEST on 2027-03-28',
    at: '2027-03-28T01:30:00Z',
    zone: 'Europe/Berlin',
  },
  { label: 'New Year’s Eve 23:30 UTC', at: '2026-12-31T23:30:00Z' },
];
