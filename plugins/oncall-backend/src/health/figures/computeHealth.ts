import {
  HealthFairness,
  HealthFigures,
  HealthHours,
  HealthThresholds,
  HealthWeek,
  NoisyAlert,
  OnCallHealth,
  PersonHealth,
  RotationHealth,
} from '@oncall-for-backstage/plugin-oncall-common';
import { StoredPage, StoredShift } from '../HealthStore';
import { classifyHours, localClock, median, percentile } from './classify';

const HOUR_MS = 60 * 60_000;
const WEEK_MS = 7 * 24 * HOUR_MS;
const NOISY_TOP = 10;

/** What the figures are computed from. */
export interface HealthInput {
  /** Pages raised in the window (others are ignored). */
  pages: StoredPage[];
  /** First-level shifts overlapping the window. */
  shifts: StoredShift[];
  /** The window: `weeks` 7-day windows ending at `end`. */
  end: Date;
  weeks: number;
  thresholds: HealthThresholds;
  hours: HealthHours;
  /** Link to a page in the provider's UI. */
  pageUrl?: (page: StoredPage) => string | undefined;
}

/** The figures of {@link OnCallHealth} (everything but entity, team, settings and freshness). */
export type HealthResult = Pick<
  OnCallHealth,
  | 'window'
  | 'weeks'
  | 'totals'
  | 'rotations'
  | 'people'
  | 'fairness'
  | 'noisyAlerts'
>;

/** A page as the figures see it: which hours it fell in and on which night. */
interface Classified {
  page: StoredPage;
  hours: 'business' | 'off' | 'sleep';
  /** The responder's local date, for sleep-hour pages. */
  night?: string;
}

function classify(page: StoredPage, hours: HealthHours): Classified {
  const local = localClock(page.createdAt, page.responderTimeZone);
  const kind = classifyHours(local, hours);
  return {
    page,
    hours: kind,
    night: kind === 'sleep' ? local.toISODate() ?? undefined : undefined,
  };
}

const same = (a?: string, b?: string) =>
  a !== undefined &&
  b !== undefined &&
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/** Figures of some pages over `spanMs` of on-call time. */
export function figuresOf(
  pages: Classified[],
  spanMs: number,
  thresholds: HealthThresholds,
): HealthFigures {
  const shifts = spanMs / (thresholds.shiftHours * HOUR_MS);
  const acks = pages
    .filter(c => c.page.acknowledgedAt !== undefined)
    .map(c => c.page.acknowledgedAt!.getTime() - c.page.createdAt.getTime());
  return {
    pages: pages.length,
    businessHours: pages.filter(c => c.hours === 'business').length,
    offHours: pages.filter(c => c.hours === 'off').length,
    sleepHours: pages.filter(c => c.hours === 'sleep').length,
    pagesPerShift: shifts > 0 ? pages.length / shifts : 0,
    sleepNights: new Set(pages.flatMap(c => (c.night ? [c.night] : []))).size,
    escalated: pages.filter(
      c =>
        c.page.acknowledgedBy !== undefined &&
        c.page.responder !== undefined &&
        !same(c.page.acknowledgedBy, c.page.responder),
    ).length,
    closedWithoutAck: pages.filter(
      c => c.page.status === 'closed' && c.page.acknowledgedAt === undefined,
    ).length,
    ackP50Ms: percentile(acks, 50),
    ackP90Ms: percentile(acks, 90),
  };
}

/** Why a week's figures make the rotation overloaded; empty when they do not. */
export function overloadReasons(
  figures: HealthFigures,
  thresholds: HealthThresholds,
): string[] {
  const reasons: string[] = [];
  if (figures.pagesPerShift > thresholds.pagesPerShift) {
    reasons.push(
      `${figures.pagesPerShift.toFixed(1)} pages per ${
        thresholds.shiftHours
      }-hour shift (more than ${thresholds.pagesPerShift})`,
    );
  }
  if (figures.sleepNights >= thresholds.sleepNights) {
    reasons.push(
      `sleep-hour pages on ${figures.sleepNights} nights (${thresholds.sleepNights} or more)`,
    );
  }
  return reasons;
}

function weeksOf(
  pages: Classified[],
  starts: number[],
  thresholds: HealthThresholds,
): HealthWeek[] {
  return starts.map(start => {
    const inWeek = pages.filter(c => {
      const t = c.page.createdAt.getTime();
      return t >= start && t < start + WEEK_MS;
    });
    const figures = figuresOf(inWeek, WEEK_MS, thresholds);
    const reasons = overloadReasons(figures, thresholds);
    return {
      start: new Date(start).toISOString(),
      end: new Date(start + WEEK_MS).toISOString(),
      ...figures,
      overloaded: reasons.length > 0,
      reasons,
    };
  });
}

function groupBy<T>(items: T[], key: (item: T) => string | undefined) {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) {
      groups.set(k, [...(groups.get(k) ?? []), item]);
    }
  }
  return groups;
}

function peopleOf(
  pages: Classified[],
  shifts: StoredShift[],
  window: { start: number; end: number },
  thresholds: HealthThresholds,
): PersonHealth[] {
  const shiftMs = thresholds.shiftHours * HOUR_MS;
  const onCallMs = new Map<string, number>();
  for (const s of shifts) {
    const overlap =
      Math.min(s.end.getTime(), window.end) -
      Math.max(s.start.getTime(), window.start);
    if (overlap > 0) {
      const user = s.username.toLocaleLowerCase('en-US');
      onCallMs.set(user, (onCallMs.get(user) ?? 0) + overlap);
    }
  }
  const lower = (v?: string) => v?.toLocaleLowerCase('en-US');
  const byResponder = groupBy(pages, c => lower(c.page.responder));
  const byAck = groupBy(pages, c => lower(c.page.acknowledgedBy));
  const people = new Set([...onCallMs.keys(), ...byResponder.keys()]);
  return [...people].sort().map(username => {
    const own = byResponder.get(username) ?? [];
    const shiftCount = (onCallMs.get(username) ?? 0) / shiftMs;
    return {
      username,
      timeZone: own.find(c => c.page.responderTimeZone)?.page.responderTimeZone,
      shifts: shiftCount,
      pages: own.length,
      pagesPerShift: shiftCount > 0 ? own.length / shiftCount : 0,
      sleepHours: own.filter(c => c.hours === 'sleep').length,
      acknowledged: byAck.get(username)?.length ?? 0,
    };
  });
}

/** Pages per person per shift: the most loaded against the median, over people with shifts. */
export function fairnessOf(people: PersonHealth[]): HealthFairness {
  const withShifts = people.filter(p => p.shifts > 0);
  if (withShifts.length === 0) {
    return { maxPagesPerShift: 0, medianPagesPerShift: 0 };
  }
  const top = [...withShifts].sort(
    (a, b) =>
      b.pagesPerShift - a.pagesPerShift || a.username.localeCompare(b.username),
  )[0];
  const mid = median(withShifts.map(p => p.pagesPerShift));
  return {
    maxPagesPerShift: top.pagesPerShift,
    medianPagesPerShift: mid,
    ratio: mid > 0 ? top.pagesPerShift / mid : undefined,
    maxUsername: top.pagesPerShift > 0 ? top.username : undefined,
  };
}

/** The top alerts by occurrences (de-duplicated repeats included). */
export function noisyAlertsOf(
  pages: StoredPage[],
  pageUrl?: (page: StoredPage) => string | undefined,
): NoisyAlert[] {
  const total = pages.reduce((n, p) => n + p.count, 0);
  return [...groupBy(pages, p => p.key)]
    .map(([key, group]) => {
      const latest = group.reduce((a, b) =>
        b.createdAt > a.createdAt ? b : a,
      );
      const occurrences = group.reduce((n, p) => n + p.count, 0);
      return {
        key,
        message: latest.message,
        alerts: group.length,
        occurrences,
        share: total > 0 ? occurrences / total : 0,
        closedWithoutAck: group.filter(
          p => p.status === 'closed' && p.acknowledgedAt === undefined,
        ).length,
        url: pageUrl?.(latest),
      };
    })
    .sort((a, b) => b.occurrences - a.occurrences || a.key.localeCompare(b.key))
    .slice(0, NOISY_TOP);
}

/**
 * The health figures of one team over `weeks` 7-day windows ending at `end`, oldest first,
 * each page classified on its responder's clock (business, off-hours, sleep hours).
 */
export function computeHealth(input: HealthInput): HealthResult {
  const { thresholds, hours } = input;
  const end = input.end.getTime();
  const start = end - input.weeks * WEEK_MS;
  const starts = Array.from(
    { length: input.weeks },
    (_, k) => start + k * WEEK_MS,
  );
  const inWindow = input.pages.filter(p => {
    const t = p.createdAt.getTime();
    return t >= start && t < end;
  });
  const classified = inWindow.map(p => classify(p, hours));
  const weeks = weeksOf(classified, starts, thresholds);
  const rotations: RotationHealth[] = [
    ...groupBy(classified, c => c.page.rotation),
  ]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, group]) => {
      const rotationWeeks = weeksOf(group, starts, thresholds);
      return {
        name,
        scheduleName: group[0].page.scheduleName,
        weeks: rotationWeeks,
        totals: figuresOf(group, end - start, thresholds),
        overloadedWeeks: rotationWeeks.filter(w => w.overloaded).length,
      };
    });
  const people = peopleOf(classified, input.shifts, { start, end }, thresholds);
  return {
    window: {
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      weeks: input.weeks,
    },
    weeks,
    totals: figuresOf(classified, end - start, thresholds),
    rotations,
    people,
    fairness: fairnessOf(people),
    noisyAlerts: noisyAlertsOf(inWindow, input.pageUrl),
  };
}
