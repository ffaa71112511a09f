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

/** Diurnal traffic factor per minute of the UTC day. */
const DIURNAL = Float64Array.from({ length: 1440 }, (_, minuteOfDay) => {
  const hourOfDay = minuteOfDay / 60;
  return 0.55 + 0.45 * sin(((hourOfDay - 8) / 24) * 2 * PI);
});

function traffic(slo: DemoSlo, key: number, minute: number): number {
  const diurnal = DIURNAL[((minute % 1440) + 1440) % 1440];
  return max(
    1,
    round(slo.trafficPerMinute * diurnal * (0.9 + 0.2 * noise(key, minute))),
  );
}

/** Writes the counts of one minute into `out` (no allocation: days are summed minute by minute). */
function countMinute(
  slo: DemoSlo,
  key: number,
  minute: number,
  out: EventCounts,
): void {
  const t = minute * MINUTE;
  if (slo.health === 'no_data' || t < slo.createdAt * 1000) {
    out.good = 0;
    out.total = 0;
    return;
  }
  const fraction = min(1, budgetShare(slo, t) * budgetOf(slo));
  if (slo.type === 'monitor') {
    const block = floor(minute / BLOCK_MINUTES);
    const down = noise(key ^ 0x5bd1e995, block) < fraction;
    out.good = down ? 0 : 1;
    out.total = 1;
    return;
  }
  const total = traffic(slo, key, minute);
  const bad = min(
    total,
    floor(total * fraction + noise(key ^ 0x27d4eb2d, minute)),
  );
  out.good = total - bad;
  out.total = total;
}

/** Deterministic counts for one minute (epoch minute index), the same for any query window. */
export function minuteCounts(
  slo: DemoSlo,
  key: number,
  minute: number,
): EventCounts {
  const out = { good: 0, total: 0 };
  countMinute(slo, key, minute, out);
  return out;
}

/** A stable numeric key for an SLO's noise stream. */
export function seriesKey(slo: DemoSlo): number {
  return hashString(slo.id);
}

/**
 * The 24 hourly sums of one SLO's UTC day, packed as `good * 2^20 + total` (an hour's total
 * stays below 2^20), computed in one pass over the day's minutes and cached, so any window
 * re-reads whole days and hours instead of minutes. Bounded so scale mode cannot exhaust
 * memory (~190 bytes per SLO-day).
 */
let dayCache = new Map<DemoSlo, Map<number, Float64Array>>();
let cachedDays = 0;
const MAX_CACHED_DAYS = 1_500_000;
const PACK = 1_048_576;
const MINUTES_PER_DAY = 1440;
const scratch: EventCounts = { good: 0, total: 0 };

function hoursOfDay(slo: DemoSlo, key: number, day: number): Float64Array {
  let cache = dayCache.get(slo);
  const cached = cache?.get(day);
  if (cached) {
    return cached;
  }
  const hours = new Float64Array(24);
  let minute = day * MINUTES_PER_DAY;
  for (let h = 0; h < 24; h++) {
    let good = 0;
    let total = 0;
    for (let k = 0; k < 60; k++, minute++) {
      countMinute(slo, key, minute, scratch);
      good += scratch.good;
      total += scratch.total;
    }
    hours[h] = good * PACK + total;
  }
  if (cachedDays >= MAX_CACHED_DAYS) {
    dayCache = new Map();
    cachedDays = 0;
  }
  if (!cache) {
    cache = new Map();
    dayCache.set(slo, cache);
  }
  cache.set(day, hours);
  cachedDays += 1;
  return hours;
}

function addHours(
  hours: Float64Array,
  from: number,
  to: number,
  sum: EventCounts,
): void {
  for (let h = from; h < to; h++) {
    const packed = hours[h];
    sum.good += floor(packed / PACK);
    sum.total += packed % PACK;
  }
}

/** Sums counts of minutes [fromMinute, toMinute), using cached whole days and hours. */
export function sumMinutes(
  slo: DemoSlo,
  fromMinute: number,
  toMinute: number,
): EventCounts {
  const key = seriesKey(slo);
  const sum = { good: 0, total: 0 };
  let m = fromMinute;
  while (m < toMinute) {
    if (m % 60 === 0 && m + 60 <= toMinute) {
      // whole hours up to the end of this day or of the window
      const day = floor(m / MINUTES_PER_DAY);
      const firstHour = (m - day * MINUTES_PER_DAY) / 60;
      const lastHour = min(24, floor((toMinute - day * MINUTES_PER_DAY) / 60));
      addHours(hoursOfDay(slo, key, day), firstHour, lastHour, sum);
      m = day * MINUTES_PER_DAY + lastHour * 60;
    } else {
      countMinute(slo, key, m, scratch);
      sum.good += scratch.good;
      sum.total += scratch.total;
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
