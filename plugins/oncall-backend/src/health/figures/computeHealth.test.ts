import { DEFAULT_HOURS, DEFAULT_THRESHOLDS } from '../healthConfig';
import { StoredPage } from '../HealthStore';
import { computeHealth } from './computeHealth';
import { classifyHours, localClock, median, percentile } from './classify';

const MIN = 60_000;
const HOUR = 60 * MIN;

function page(at: string, extra: Partial<StoredPage> = {}): StoredPage {
  const createdAt = new Date(at);
  return {
    id: `${at}-${extra.key ?? 'k'}`,
    teamId: 't',
    key: 'k',
    message: 'm',
    status: 'closed',
    count: 1,
    createdAt,
    updatedAt: createdAt,
    acknowledgedAt: new Date(createdAt.getTime() + 4 * MIN),
    acknowledgedBy: 'ada@example.com',
    closedAt: new Date(createdAt.getTime() + HOUR),
    responder: 'ada@example.com',
    responderTimeZone: 'Europe/Berlin',
    rotation: 'primary',
    ...extra,
  };
}

const hoursAt = (at: string, zone?: string) =>
  classifyHours(localClock(new Date(at), zone), DEFAULT_HOURS);

describe('classifying a page on the responder’s clock', () => {
  it('follows Berlin across the spring-forward night', () => {
    // 01:30 CET, then 03:30 CEST: both sleep hours
    expect(hoursAt('2027-03-28T00:30:00Z', 'Europe/Berlin')).toBe('sleep');
    expect(hoursAt('2027-03-28T01:30:00Z', 'Europe/Berlin')).toBe('sleep');
    // 07:30 CEST Sunday: awake, weekend
    expect(hoursAt('2027-03-28T05:30:00Z', 'Europe/Berlin')).toBe('off');
  });

  it('follows New York across the fall-back morning', () => {
    // Monday 2026-11-02 12:30Z is 07:30 EST (off-hours); a week before it was 08:30 EDT
    expect(hoursAt('2026-11-02T12:30:00Z', 'America/New_York')).toBe('off');
    expect(hoursAt('2026-10-26T12:30:00Z', 'America/New_York')).toBe(
      'business',
    );
    expect(hoursAt('2026-11-01T05:30:00Z', 'America/New_York')).toBe('sleep');
    expect(hoursAt('2026-11-01T06:30:00Z', 'America/New_York')).toBe('sleep');
  });

  it('takes 18:00 and weekends as off-hours, 08:00 on a weekday as business', () => {
    expect(hoursAt('2026-12-04T18:00:00Z', 'UTC')).toBe('off'); // Friday 18:00
    expect(hoursAt('2026-12-04T17:59:00Z', 'UTC')).toBe('business');
    expect(hoursAt('2026-12-05T10:00:00Z', 'UTC')).toBe('off'); // Saturday
    expect(hoursAt('2026-12-07T08:00:00Z', 'UTC')).toBe('business');
    expect(hoursAt('2026-12-07T07:59:00Z', 'UTC')).toBe('off');
  });

  it('reads an unknown or bad time zone as UTC', () => {
    expect(hoursAt('2026-12-07T03:00:00Z')).toBe('sleep');
    expect(hoursAt('2026-12-07T03:00:00Z', 'Mars/Olympus')).toBe('sleep');
  });
});

describe('percentiles and medians', () => {
  it('takes the nearest rank', () => {
    expect(percentile([], 50)).toBeUndefined();
    expect(percentile([5], 90)).toBe(5);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(median([3, 1, 2, 4])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});

describe('computeHealth', () => {
  const base = {
    shifts: [],
    weeks: 2,
    thresholds: DEFAULT_THRESHOLDS,
    hours: DEFAULT_HOURS,
  };

  it('splits weeks across the year end and flags a week by pages per shift', () => {
    const end = new Date('2027-01-04T09:00:00Z');
    // 29 pages in the last week: 29 / 14 shifts > 2
    const busy = Array.from({ length: 29 }, (_, i) =>
      page(
        new Date(
          Date.parse('2026-12-28T10:00:00Z') + i * 5 * HOUR,
        ).toISOString(),
        {
          key: `k${i % 3}`,
        },
      ),
    );
    const result = computeHealth({ ...base, end, pages: busy });
    expect(result.window).toEqual({
      start: '2026-12-21T09:00:00.000Z',
      end: '2027-01-04T09:00:00.000Z',
      weeks: 2,
    });
    expect(result.weeks.map(w => w.pages)).toEqual([0, 29]);
    expect(result.weeks[1].overloaded).toBe(true);
    expect(result.weeks[1].reasons[0]).toBe(
      '2.1 pages per 12-hour shift (more than 2)',
    );
    expect(result.weeks[1].ackP50Ms).toBe(4 * MIN);
    expect(result.noisyAlerts.map(n => n.key)).toEqual(['k0', 'k1', 'k2']);
    expect(result.noisyAlerts[0].share).toBeCloseTo(10 / 29, 10);
  });

  it('flags sleep-hour pages on two nights, counts escalations and closes without acknowledgement', () => {
    const end = new Date('2026-12-07T09:00:00Z');
    const result = computeHealth({
      ...base,
      end,
      pages: [
        page('2026-12-02T02:00:00Z'), // 03:00 Berlin
        page('2026-12-03T23:30:00Z'), // 00:30 Berlin on the 4th
        page('2026-12-04T10:00:00Z', { acknowledgedBy: 'bob@example.com' }),
        page('2026-12-05T10:00:00Z', {
          acknowledgedAt: undefined,
          acknowledgedBy: undefined,
        }),
      ],
    });
    const week = result.weeks[1];
    expect(week).toMatchObject({
      pages: 4,
      sleepHours: 2,
      sleepNights: 2,
      businessHours: 1,
      offHours: 1,
      escalated: 1,
      closedWithoutAck: 1,
      overloaded: true,
    });
    expect(week.reasons).toEqual(['sleep-hour pages on 2 nights (2 or more)']);
    expect(result.weeks[0].overloaded).toBe(false);
  });

  it('counts shifts per person in the window and the fairness spread', () => {
    const end = new Date('2026-12-07T09:00:00Z');
    const shift = (user: string, from: string, to: string) => ({
      teamId: 't',
      scheduleId: 's',
      scheduleName: 's',
      rotation: 'primary',
      username: user,
      start: new Date(from),
      end: new Date(to),
    });
    const result = computeHealth({
      ...base,
      end,
      shifts: [
        shift(
          'ada@example.com',
          '2026-11-16T09:00:00Z',
          '2026-11-30T09:00:00Z',
        ),
        shift(
          'bob@example.com',
          '2026-11-30T09:00:00Z',
          '2026-12-07T09:00:00Z',
        ),
      ],
      pages: [
        page('2026-11-24T10:00:00Z'),
        page('2026-12-01T10:00:00Z', { responder: 'bob@example.com' }),
        page('2026-12-02T10:00:00Z', { responder: 'bob@example.com' }),
      ],
    });
    const ada = result.people.find(p => p.username === 'ada@example.com')!;
    const bob = result.people.find(p => p.username === 'bob@example.com')!;
    expect(ada.shifts).toBe(14); // the week inside the window only
    expect(bob.shifts).toBe(14);
    expect(bob.pagesPerShift).toBeCloseTo(2 / 14, 10);
    expect(result.fairness.maxUsername).toBe('bob@example.com');
    expect(result.fairness.ratio).toBeCloseTo(2 / 1.5, 10);
  });

  it('answers zeros, no percentiles and no noisy alerts without pages', () => {
    const result = computeHealth({ ...base, end: new Date(), pages: [] });
    expect(result.totals).toMatchObject({ pages: 0, pagesPerShift: 0 });
    expect(result.totals.ackP50Ms).toBeUndefined();
    expect(result.noisyAlerts).toEqual([]);
    expect(result.fairness).toEqual({
      maxPagesPerShift: 0,
      medianPagesPerShift: 0,
    });
  });
});
