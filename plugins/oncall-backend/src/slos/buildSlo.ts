import {
  Slo,
  SloHistoryPoint,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  burnRate,
  errorBudgetRemaining,
  finiteOrNull,
  sloStatus,
} from './math/sloMath';
import { StoredSlo, StoredSloDay } from './SloStore';
import { DAY_MS } from '../lib/time';

/** Days in a timeframe such as `30d`; 1 for anything unreadable. */
function timeframeDays(timeframe: string): number {
  const match = /^(\d+)d$/.exec(timeframe.trim());
  return match ? Math.max(1, Number(match[1])) : 1;
}

/**
 * The report item of one stored SLO: burn rates per window, error budget remaining and status
 * from {@link sloStatus}, and the daily history. A history point's error budget remaining is
 * estimated from the mean of the daily SLIs over the timeframe ending that day (days weighted
 * equally; days without data left out), so the chart needs no vendor call. The day still in
 * progress takes the SLO's current figure instead: its partial SLI would weigh as much as a
 * whole day, and the chart would end away from the budget shown above it.
 */
export function buildSlo(slo: StoredSlo, days: StoredSloDay[]): Slo {
  const burnRates = {
    '1h': burnRate(slo.sli1h, slo.target),
    '6h': burnRate(slo.sli6h, slo.target),
    '3d': burnRate(slo.sli3d, slo.target),
  };
  const status = sloStatus({
    sliPercent: slo.sli,
    targetPercent: slo.target,
    burnRates,
  });
  const remaining = errorBudgetRemaining(slo.sli, slo.target);
  const budget =
    remaining !== undefined && Number.isFinite(remaining)
      ? remaining
      : undefined;
  return {
    id: slo.id,
    name: slo.name,
    description: slo.description,
    type: slo.type,
    target: slo.target,
    warning: slo.warning,
    timeframe: slo.timeframe,
    sli: slo.sli,
    errorBudgetRemaining: budget,
    burnRates: {
      '1h': finiteOrNull(burnRates['1h']),
      '6h': finiteOrNull(burnRates['6h']),
      '3d': finiteOrNull(burnRates['3d']),
    },
    status,
    tags: slo.tags,
    url: slo.url,
    // burn rates are read less often than the SLI: say when they are older
    ...(slo.burnRatesAsOf && slo.burnRatesAsOf < slo.asOf
      ? { burnRatesAsOf: slo.burnRatesAsOf.toISOString() }
      : {}),
    history: historyPoints(
      days,
      slo.target,
      timeframeDays(slo.timeframe),
      budget,
    ),
  };
}

function historyPoints(
  days: StoredSloDay[],
  target: number,
  windowDays: number,
  current: number | undefined,
): SloHistoryPoint[] {
  // one pass over the days in date order: a window of the last `windowDays` days with data
  const dated = days
    .map((day, index) => ({
      day,
      index,
      n: Math.floor(Date.parse(`${day.day}T00:00:00Z`) / DAY_MS),
    }))
    .sort((a, b) => a.n - b.n);
  const withData = dated.filter(d => d.day.sli !== undefined);
  const points: SloHistoryPoint[] = new Array(days.length);
  let first = 0;
  let next = 0;
  let sum = 0;
  for (const { day, index, n } of dated) {
    while (next < withData.length && withData[next].n <= n) {
      sum += withData[next].day.sli ?? 0;
      next += 1;
    }
    while (first < next && withData[first].n <= n - windowDays) {
      sum -= withData[first].day.sli ?? 0;
      first += 1;
    }
    const count = next - first;
    const remaining = errorBudgetRemaining(
      count > 0 ? sum / count : undefined,
      target,
    );
    const estimate =
      remaining !== undefined && Number.isFinite(remaining)
        ? remaining
        : undefined;
    points[index] = {
      date: day.day,
      sli: day.sli,
      errorBudgetRemaining:
        !day.complete && current !== undefined ? current : estimate,
    };
  }
  return points;
}
