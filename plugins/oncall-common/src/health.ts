import { Freshness } from './freshness';
import { NotConfigured } from './onCall';

/**
 * Where the default overload thresholds come from: Google's SRE book, chapter 11 "Being
 * On-Call" (at most two incidents per 12-hour shift; sleep is protected). @public
 */
export const HEALTH_THRESHOLD_SOURCE = {
  title: 'Site Reliability Engineering, chapter 11 "Being On-Call"',
  url: 'https://sre.google/sre-book/being-on-call/',
} as const;

/** When a rotation counts as overloaded in a week. @public */
export interface HealthThresholds {
  /** Overloaded above this many pages per shift on average (default 2). */
  pagesPerShift: number;
  /** The shift length the average is taken over, in hours (default 12). */
  shiftHours: number;
  /** Overloaded when sleep-hour pages fell on this many nights or more (default 2). */
  sleepNights: number;
  /** Where the values come from: the SRE book for the defaults, else the portal's config. */
  source: { title: string; url?: string };
}

/** The clock hours the figures classify pages by, on the responder's own clock. @public */
export interface HealthHours {
  /** Business hours start, Monday to Friday (default 8 → 08:00). */
  businessStartHour: number;
  /** Business hours end (default 18 → 18:00). */
  businessEndHour: number;
  /** Sleep hours end (default 7 → 00:00–07:00). */
  sleepEndHour: number;
}

/** Page counts and response times of one stretch of time. @public */
export interface HealthFigures {
  pages: number;
  /** Pages in business hours on the responder's clock. */
  businessHours: number;
  /** Pages outside business hours and outside sleep hours. */
  offHours: number;
  /** Pages in sleep hours (00:00–07:00 by default) on the responder's clock. */
  sleepHours: number;
  /** Pages per shift (`thresholds.shiftHours`) over the stretch. */
  pagesPerShift: number;
  /** Distinct nights (responder's local dates) with a sleep-hour page. */
  sleepNights: number;
  /** Pages acknowledged by someone else than the first level on call. */
  escalated: number;
  /** Pages closed without ever being acknowledged. */
  closedWithoutAck: number;
  /** Time to acknowledge, milliseconds; absent without acknowledged pages. */
  ackP50Ms?: number;
  ackP90Ms?: number;
}

/** One week (a 7-day window ending at `end`) of a team or rotation. @public */
export interface HealthWeek extends HealthFigures {
  start: string;
  end: string;
  overloaded: boolean;
  /** Why the week is overloaded, e.g. "2.4 pages per 12-hour shift". */
  reasons: string[];
}

/** One rotation's weeks. @public */
export interface RotationHealth {
  name: string;
  scheduleName?: string;
  weeks: HealthWeek[];
  totals: HealthFigures;
  overloadedWeeks: number;
}

/** The load one person carried as the first level on call. @public */
export interface PersonHealth {
  /** The on-call system's username (the person's email for Opsgenie). */
  username: string;
  displayName?: string;
  timeZone?: string;
  /** Shifts (`thresholds.shiftHours` each) the person was first on call in the window. */
  shifts: number;
  /** Pages while first on call. */
  pages: number;
  pagesPerShift: number;
  sleepHours: number;
  /** Pages this person acknowledged (first level or after escalation). */
  acknowledged: number;
}

/** How evenly pages fell on people: pages per person per shift. @public */
export interface HealthFairness {
  maxPagesPerShift: number;
  medianPagesPerShift: number;
  /** max / median; absent when the median is 0. */
  ratio?: number;
  /** Who carried the most per shift. */
  maxUsername?: string;
}

/** An alert that paged repeatedly. @public */
export interface NoisyAlert {
  /** The provider's grouping key (Opsgenie alias). */
  key: string;
  message: string;
  /** Alerts raised with this key in the window. */
  alerts: number;
  /** Occurrences including de-duplicated repeats. */
  occurrences: number;
  /** Share of all occurrences in the window, 0–1. */
  share: number;
  closedWithoutAck: number;
  /** The latest alert with this key in the provider's UI, when a web URL is configured. */
  url?: string;
}

/** The on-call health of a team or component's owning team. @public */
export interface OnCallHealth {
  entityRef: string;
  /** The on-call team the figures are about. */
  team?: string;
  /** Set when the entity has no on-call team. */
  notConfigured?: NotConfigured;
  /** The window: the last `weeks` 7-day windows ending at `end`. */
  window: { start: string; end: string; weeks: number };
  thresholds: HealthThresholds;
  hours: HealthHours;
  /** The team's weeks, oldest first. */
  weeks: HealthWeek[];
  totals: HealthFigures;
  rotations: RotationHealth[];
  people: PersonHealth[];
  fairness: HealthFairness;
  /** Top alerts by occurrences (10 at most). */
  noisyAlerts: NoisyAlert[];
  freshness: Freshness;
}

/** The signed-in user's latest first-level shift (finished or under way). @public */
export interface LastShiftSummary {
  schedule: string;
  rotation: string;
  start: string;
  end: string;
  /** Pages while the user was first on call. */
  pages: number;
  /** Of those, in sleep hours on the user's clock. */
  sleepHours: number;
  offHours: number;
  ackP50Ms?: number;
}

/** `GET /me/last-shift`. @public */
export interface MyLastShift {
  userRef: string;
  lastShift?: LastShiftSummary;
  /** Why no shift can be shown (e.g. the user has no email in the catalog). */
  notice?: string;
  freshness: Freshness;
}
