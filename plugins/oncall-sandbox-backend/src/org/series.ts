import { hashString, noise } from './random';
import { DAY, HOUR, MINUTE } from './time';
import { DemoSlo } from './types';

/** Good and total events (metric SLOs) or up and observed minutes (monitor SLOs). */
export interface EventCounts {
  good: number;
  total: number;
}

const BLOCK_MINUTES = 10;
// Local bindings: global lookups are slow inside sandboxed VM contexts (e.g. test runners).
const { floor, min, max, round, sin, PI } = Math;

function budgetOf(slo: DemoSlo): number {
  return (100 - slo.target) / 100;
}

/** Error fraction of the SLO at minute `m`, in units of its error budget. */
function budgetShare(slo: DemoSlo, t: number): number {
  switch (slo.health) {
    case 'warning':
      return t >= slo.episodeAt - 7 * HOUR && t < slo.episodeAt + 17 * HOUR
        ? 8
        : 0.55;
    case 'breached':
      return t >= slo.episodeAt && t < slo.episodeAt + 10 * HOUR ? 60 : 0.8;
    default:
      return 0.25;
  }
}

function traffic(slo: DemoSlo, key: number, minute: number): number {
  const hourOfDay = ((minute * MINUTE) % DAY) / HOUR;
  const diurnal = 0.55 + 0.45 * sin(((hourOfDay - 8) / 24) * 2 * PI);
  return max(
    1,
    round(slo.trafficPerMinute * diurnal * (0.9 + 0.2 * noise(key, minute))),
  );
}

/** Deterministic counts for one minute (epoch minute index), the same for any query window. */
export function minuteCounts(
  slo: DemoSlo,
  key: number,
  minute: number,
): EventCounts {
  const t = minute * MINUTE;
  if (slo.health === 'no_data' || t < slo.createdAt * 1000) {
    return { good: 0, total: 0 };
  }
  const fraction = min(1, budgetShare(slo, t) * budgetOf(slo));
  if (slo.type === 'monitor') {
    const block = floor(minute / BLOCK_MINUTES);
    const down = noise(key ^ 0x5bd1e995, block) < fraction;
    return { good: down ? 0 : 1, total: 1 };
  }
  const total = traffic(slo, key, minute);
  const bad = min(
    total,
    floor(total * fraction + noise(key ^ 0x27d4eb2d, minute)),
  );
  return { good: total - bad, total };
}

/** A stable numeric key for an SLO's noise stream. */
export function seriesKey(slo: DemoSlo): number {
  return hashString(slo.id);
}

/** Whole-hour sums, packed as `good * 2^20 + total`; bounded so scale mode cannot exhaust memory. */
let hourCache = new Map<DemoSlo, Map<number, number>>();
let cachedHours = 0;
const MAX_CACHED_HOURS = 1_000_000;
const PACK = 1_048_576;

function hourCounts(slo: DemoSlo, key: number, hour: number): EventCounts {
  let cache = hourCache.get(slo);
  const packed = cache?.get(hour);
  if (packed !== undefined) {
    return { good: floor(packed / PACK), total: packed % PACK };
  }
  const counts = { good: 0, total: 0 };
  for (let m = hour * 60; m < hour * 60 + 60; m++) {
    const c = minuteCounts(slo, key, m);
    counts.good += c.good;
    counts.total += c.total;
  }
  if (cachedHours >= MAX_CACHED_HOURS) {
    hourCache = new Map();
    cachedHours = 0;
  }
  if (!cache) {
    cache = new Map();
    hourCache.set(slo, cache);
  }
  cache.set(hour, counts.good * PACK + counts.total);
  cachedHours += 1;
  return counts;
}

/**
 * Whole-UTC-day sums, packed as `good * 2^26 + total` (a day's total stays far below 2^26 and
 * the product below 2^53), so a status over a 30-day timeframe re-reads 30 numbers instead of
 * 43,200 minutes; bounded like the hour cache.
 */
let dayCache = new Map<DemoSlo, Map<number, number>>();
let cachedDays = 0;
const MAX_CACHED_DAYS = 2_000_000;
const DAY_PACK = 67_108_864;
const MINUTES_PER_DAY = 1440;

function dayCounts(slo: DemoSlo, key: number, day: number): EventCounts {
  let cache = dayCache.get(slo);
  const packed = cache?.get(day);
  if (packed !== undefined) {
    return { good: floor(packed / DAY_PACK), total: packed % DAY_PACK };
  }
  const counts = { good: 0, total: 0 };
  const first = day * MINUTES_PER_DAY;
  for (let m = first; m < first + MINUTES_PER_DAY; m++) {
    const c = minuteCounts(slo, key, m);
    counts.good += c.good;
    counts.total += c.total;
  }
  if (cachedDays >= MAX_CACHED_DAYS) {
    dayCache = new Map();
    cachedDays = 0;
  }
  if (!cache) {
    cache = new Map();
    dayCache.set(slo, cache);
  }
  cache.set(day, counts.good * DAY_PACK + counts.total);
  cachedDays += 1;
  return counts;
}

/** Sums counts of minutes [fromMinute, toMinute), using cached whole days and hours. */
export function sumMinutes(
  slo: DemoSlo,
  fromMinute: number,
  toMinute: number,
): EventCounts {
  const key = seriesKey(slo);
  const sum = { good: 0, total: 0 };
  const add = (c: EventCounts) => {
    sum.good += c.good;
    sum.total += c.total;
  };
  let m = fromMinute;
  while (m < toMinute) {
    if (m % MINUTES_PER_DAY === 0 && m + MINUTES_PER_DAY <= toMinute) {
      add(dayCounts(slo, key, m / MINUTES_PER_DAY));
      m += MINUTES_PER_DAY;
    } else if (m % 60 === 0 && m + 60 <= toMinute) {
      add(hourCounts(slo, key, m / 60));
      m += 60;
    } else {
      add(minuteCounts(slo, key, m));
      m += 1;
    }
  }
  return sum;
}

/** First minute index whose start is at or after `ms`. */
export function minuteAtOrAfter(ms: number): number {
  return Math.ceil(ms / MINUTE);
}

/** Sums counts over minutes starting in [fromMs, toMs). */
export function countsBetween(
  slo: DemoSlo,
  fromMs: number,
  toMs: number,
): EventCounts {
  return sumMinutes(slo, minuteAtOrAfter(fromMs), minuteAtOrAfter(toMs));
}

/** SLI in percent, or null without data. */
export function sliOf(counts: EventCounts): number | null {
  return counts.total === 0 ? null : (100 * counts.good) / counts.total;
}

/** Error budget remaining in percent of the budget (may be negative). */
export function errorBudgetRemaining(
  slo: DemoSlo,
  counts: EventCounts,
): number | null {
  const sli = sliOf(counts);
  if (sli === null) {
    return null;
  }
  const budget = 100 - slo.target;
  return (100 * (budget - (100 - sli))) / budget;
}

/** DataDog state for an SLI against the SLO's thresholds. */
export function stateOf(
  slo: DemoSlo,
  sli: number | null,
): 'ok' | 'warning' | 'breached' | 'no_data' {
  if (sli === null) {
    return 'no_data';
  }
  if (sli < slo.target) {
    return 'breached';
  }
  return sli < slo.warning ? 'warning' : 'ok';
}

/** Monitor state transitions `[epoch s, 0 up | 1 down]` within [fromMs, toMs). */
export function monitorHistory(
  slo: DemoSlo,
  fromMs: number,
  toMs: number,
): Array<[number, number]> {
  const key = seriesKey(slo);
  const history: Array<[number, number]> = [];
  let last = -1;
  const end = minuteAtOrAfter(toMs);
  for (
    let m = minuteAtOrAfter(fromMs);
    m < end;
    m = (floor(m / BLOCK_MINUTES) + 1) * BLOCK_MINUTES
  ) {
    const c = minuteCounts(slo, key, m);
    if (c.total === 0) {
      continue;
    }
    const state = c.good === 1 ? 0 : 1;
    if (state !== last) {
      history.push([m * 60, state]);
      last = state;
    }
  }
  return history;
}

/** Length of a timeframe in ms. */
export function timeframeMs(timeframe: DemoSlo['timeframe']): number {
  return Number.parseInt(timeframe, 10) * DAY;
}
