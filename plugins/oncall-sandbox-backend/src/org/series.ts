import { hashString, noise } from './random';
import { DAY, HOUR, MINUTE } from './time';
import { DemoSlo } from './types';

/** Good and total events (metric SLOs) or up and observed minutes (monitor SLOs). */
export interface EventCounts {
  good: number;
  total: number;
}

const BLOCK_MINUTES = 10;

function budgetOf(slo: DemoSlo): number {
  return (100 - slo.target) / 100;
}

/** Error fraction of the SLO at minute `m`, in units of its error budget. */
function budgetShare(slo: DemoSlo, t: number): number {
  switch (slo.health) {
    case 'warning':
      return t >= slo.episodeAt - 7 * HOUR && t < slo.episodeAt + 17 * HOUR ? 8 : 0.55;
    case 'breached':
      return t >= slo.episodeAt && t < slo.episodeAt + 10 * HOUR ? 60 : 0.8;
    default:
      return 0.25;
  }
}

function traffic(slo: DemoSlo, key: number, minute: number): number {
  const hourOfDay = ((minute * MINUTE) % DAY) / HOUR;
  const diurnal = 0.55 + 0.45 * Math.sin(((hourOfDay - 8) / 24) * 2 * Math.PI);
  return Math.max(1, Math.round(slo.trafficPerMinute * diurnal * (0.9 + 0.2 * noise(key, minute))));
}

/** Deterministic counts for one minute (epoch minute index), the same for any query window. */
export function minuteCounts(slo: DemoSlo, key: number, minute: number): EventCounts {
  const t = minute * MINUTE;
  if (slo.health === 'no_data' || t < slo.createdAt * 1000) {
    return { good: 0, total: 0 };
  }
  const fraction = Math.min(1, budgetShare(slo, t) * budgetOf(slo));
  if (slo.type === 'monitor') {
    const block = Math.floor(minute / BLOCK_MINUTES);
    const down = noise(key ^ 0x5bd1e995, block) < fraction;
    return { good: down ? 0 : 1, total: 1 };
  }
  const total = traffic(slo, key, minute);
  const bad = Math.min(total, Math.floor(total * fraction + noise(key ^ 0x27d4eb2d, minute)));
  return { good: total - bad, total };
}

/** A stable numeric key for an SLO's noise stream. */
export function seriesKey(slo: DemoSlo): number {
  return hashString(slo.id);
}

/** Sums counts over [fromMs, toMs) minute by minute. */
export function countsBetween(slo: DemoSlo, fromMs: number, toMs: number): EventCounts {
  const key = seriesKey(slo);
  let good = 0;
  let total = 0;
  for (let m = Math.ceil(fromMs / MINUTE); m * MINUTE < toMs; m++) {
    const c = minuteCounts(slo, key, m);
    good += c.good;
    total += c.total;
  }
  return { good, total };
}

/** SLI in percent, or null without data. */
export function sliOf(counts: EventCounts): number | null {
  return counts.total === 0 ? null : (100 * counts.good) / counts.total;
}

/** Error budget remaining in percent of the budget (may be negative). */
export function errorBudgetRemaining(slo: DemoSlo, counts: EventCounts): number | null {
  const sli = sliOf(counts);
  if (sli === null) {
    return null;
  }
  const budget = 100 - slo.target;
  return (100 * (budget - (100 - sli))) / budget;
}

/** DataDog state for an SLI against the SLO's thresholds. */
export function stateOf(slo: DemoSlo, sli: number | null): 'ok' | 'warning' | 'breached' | 'no_data' {
  if (sli === null) {
    return 'no_data';
  }
  if (sli < slo.target) {
    return 'breached';
  }
  return sli < slo.warning ? 'warning' : 'ok';
}

/** Monitor state transitions `[epoch s, 0 up | 1 down]` within [fromMs, toMs). */
export function monitorHistory(slo: DemoSlo, fromMs: number, toMs: number): Array<[number, number]> {
  const key = seriesKey(slo);
  const history: Array<[number, number]> = [];
  let last = -1;
  for (let m = Math.ceil(fromMs / MINUTE); m * MINUTE < toMs; m += 1) {
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
