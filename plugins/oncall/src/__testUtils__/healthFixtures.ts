import {
  HEALTH_THRESHOLD_SOURCE,
  HealthFigures,
  HealthWeek,
  MyLastShift,
  OnCallHealth,
} from '@oncall-for-backstage/plugin-oncall-common';
import { fresh } from './fixtures';

const END = Date.parse('2026-12-07T09:00:00Z');
const WEEK = 7 * 86_400_000;

const zero: HealthFigures = {
  pages: 0,
  businessHours: 0,
  offHours: 0,
  sleepHours: 0,
  pagesPerShift: 0,
  sleepNights: 0,
  escalated: 0,
  closedWithoutAck: 0,
};

function week(k: number, figures: Partial<HealthWeek> = {}): HealthWeek {
  return {
    ...zero,
    start: new Date(END - (12 - k) * WEEK).toISOString(),
    end: new Date(END - (11 - k) * WEEK).toISOString(),
    overloaded: false,
    reasons: [],
    ...figures,
  };
}

/** Twelve weeks of a team whose last two weeks were overloaded, with one noisy alert. */
export function onCallHealth(
  overrides: Partial<OnCallHealth> = {},
): OnCallHealth {
  const weeks = Array.from({ length: 12 }, (_, k) =>
    k >= 10
      ? week(k, {
          pages: 35,
          businessHours: 25,
          offHours: 6,
          sleepHours: 4,
          pagesPerShift: 2.5,
          sleepNights: 3,
          overloaded: true,
          reasons: [
            '2.5 pages per 12-hour shift (more than 2)',
            'sleep-hour pages on 3 nights (2 or more)',
          ],
        })
      : week(k, {
          pages: 5,
          businessHours: 4,
          offHours: 1,
          pagesPerShift: 5 / 14,
        }),
  );
  return {
    entityRef: 'group:default/payments',
    team: 'payments-team',
    window: { start: weeks[0].start, end: weeks[11].end, weeks: 12 },
    thresholds: {
      pagesPerShift: 2,
      shiftHours: 12,
      sleepNights: 2,
      source: { ...HEALTH_THRESHOLD_SOURCE },
    },
    hours: { businessStartHour: 8, businessEndHour: 18, sleepEndHour: 7 },
    weeks,
    totals: {
      ...zero,
      pages: 120,
      businessHours: 90,
      offHours: 22,
      sleepHours: 8,
      escalated: 6,
      closedWithoutAck: 14,
      ackP50Ms: 4 * 60_000,
      ackP90Ms: 9 * 60_000,
    },
    rotations: [],
    people: [],
    fairness: {
      maxPagesPerShift: 0.9,
      medianPagesPerShift: 0.6,
      ratio: 1.5,
      maxUsername: 'ada@example.com',
    },
    noisyAlerts: [
      {
        key: 'payments-api-error-rate',
        message: 'payments-api: 5xx error rate above 2%',
        alerts: 30,
        occurrences: 48,
        share: 0.4,
        closedWithoutAck: 14,
        url: 'https://acme.app.opsgenie.com/alert/detail/a-1/details',
      },
    ],
    freshness: fresh,
    ...overrides,
  };
}

/** A last shift of a week with seven pages, two of them at night. */
export function myLastShift(overrides: Partial<MyLastShift> = {}): MyLastShift {
  return {
    userRef: 'user:default/guest',
    lastShift: {
      schedule: 'payments_schedule',
      rotation: 'primary',
      start: '2026-11-30T09:00:00.000Z',
      end: '2026-12-07T09:00:00.000Z',
      pages: 7,
      sleepHours: 2,
      offHours: 1,
      ackP50Ms: 4 * 60_000,
    },
    freshness: fresh,
    ...overrides,
  };
}
