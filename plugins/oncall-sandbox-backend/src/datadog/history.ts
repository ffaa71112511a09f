import {
  EventCounts,
  errorBudgetRemaining,
  minuteAtOrAfter,
  monitorHistory,
  sliOf,
  stateOf,
  sumMinutes,
} from '../org/series';
import { DemoMonitor, DemoSlo } from '../org/types';
import { serializeSlo, sloThreshold } from './serialize';

const INTERVALS = [60, 300, 600, 1800, 3600, 7200, 14400, 43200, 86400];

interface Buckets {
  interval: number;
  times: number[];
  good: number[];
  total: number[];
  overall: EventCounts;
}

/** Per-interval sums of the SLO's minute counts over [fromMs, toMs). */
export function bucketize(slo: DemoSlo, fromMs: number, toMs: number): Buckets {
  const span = (toMs - fromMs) / 1000;
  const interval = INTERVALS.find(i => span / i <= 300) ?? 86400;
  const buckets: Buckets = {
    interval,
    times: [],
    good: [],
    total: [],
    overall: { good: 0, total: 0 },
  };
  const step = interval * 1000;
  for (
    let start = Math.floor(fromMs / step) * step;
    start < toMs;
    start += step
  ) {
    const c = sumMinutes(
      slo,
      minuteAtOrAfter(Math.max(start, fromMs)),
      minuteAtOrAfter(Math.min(toMs, start + step)),
    );
    buckets.times.push(start);
    buckets.good.push(c.good);
    buckets.total.push(c.total);
    buckets.overall.good += c.good;
    buckets.overall.total += c.total;
  }
  return buckets;
}

/** Status of the SLO over the window, as history `overall` and search `status` report it. */
export function overallOf(slo: DemoSlo, counts: EventCounts) {
  const sli = sliOf(counts);
  return {
    sli,
    state: stateOf(slo, sli),
    errorBudgetRemaining: errorBudgetRemaining(slo, counts),
  };
}

function noData() {
  return [
    {
      error_message: 'The denominator is zero valued',
      error_type: 'ZERO_VALUED_DENOMINATOR',
    },
  ];
}

function seriesPart(values: number[], index: number, query: string) {
  const scope = query.slice(query.indexOf('{') + 1, query.indexOf('}'));
  return {
    values,
    metadata: {
      unit: null,
      query_index: index,
      aggr: 'sum',
      metric: 'default_zero(trace.http.request.hits)',
      tag_set: [],
      expression: `default_zero(${query})`,
      scope,
    },
    sum: values.reduce((a, b) => a + b, 0),
    count: values.length,
  };
}

/** What every SLO history starts with: the SLO, the range asked for and the SLO's type. */
function historyHead(
  slo: DemoSlo,
  fromS: number,
  toS: number,
  type: 'metric' | 'monitor',
) {
  return {
    thresholds: { [slo.timeframe]: sloThreshold(slo) },
    from_ts: fromS,
    to_ts: toS,
    type,
    type_id: type === 'metric' ? 1 : 0,
    slo: serializeSlo(slo),
    group_by: [],
  };
}

/** `GET /api/v1/slo/:id/history` data for a metric SLO. */
export function metricHistory(
  slo: DemoSlo,
  fromS: number,
  toS: number,
  nowMs: number,
) {
  const b = bucketize(slo, fromS * 1000, Math.min(toS * 1000, nowMs));
  const o = overallOf(slo, b.overall);
  const num = slo.query?.numerator ?? '';
  const den = slo.query?.denominator ?? '';
  return {
    ...historyHead(slo, fromS, toS, 'metric'),
    series: {
      timing: '0.0123',
      res_type: 'time_series',
      resp_version: 2,
      query: `default_zero(${num}), default_zero(${den})`,
      from_date: fromS * 1000,
      to_date: toS * 1000,
      message: '',
      interval: b.interval,
      times: b.times,
      numerator: seriesPart(b.good, 0, num),
      denominator: seriesPart(b.total, 1, den),
      numerator_query: `default_zero(${num})`,
      denominator_query: `default_zero(${den})`,
      bad_series_query: `default_zero(${den}) - default_zero(${num})`,
      graph_query: `default_zero(${num}), default_zero(${den}) - default_zero(${num})`,
    },
    overall: {
      errors: o.sli === null ? noData() : null,
      sli_value: o.sli,
      span_precision: 2,
      precision: { [slo.timeframe]: 2 },
      uptime: o.sli,
      corrections: [],
      state: o.state,
      error_budget_remaining: { [slo.timeframe]: o.errorBudgetRemaining },
    },
  };
}

/** `GET /api/v1/slo/:id/history` data for a monitor SLO (uptime of its monitors). */
export function monitorSloHistory(
  slo: DemoSlo,
  monitors: DemoMonitor[],
  fromS: number,
  toS: number,
  nowMs: number,
) {
  const toMs = Math.min(toS * 1000, nowMs);
  const b = bucketize(slo, fromS * 1000, toMs);
  const o = overallOf(slo, b.overall);
  const history = monitorHistory(slo, fromS * 1000, toMs);
  const monitor = monitors[0];
  return {
    ...historyHead(slo, fromS, toS, 'monitor'),
    overall: {
      name: monitor?.name ?? slo.name,
      sli_value: o.sli,
      span_precision: 2,
      precision: { [slo.timeframe]: 2, custom: 2 },
      preview: false,
      history,
      monitor_type: monitor?.type ?? 'query alert',
      monitor_modified: Math.floor((monitor?.created ?? 0) / 1000),
      errors:
        o.sli === null
          ? [
              {
                error_type: 'NO_RESULTS',
                error_message: 'No results found for this monitor',
              },
            ]
          : null,
      corrections: [],
      state: o.state,
      error_budget_remaining: { [slo.timeframe]: o.errorBudgetRemaining },
    },
    monitors: monitors.map(m => ({
      id: m.id,
      name: m.name,
      sli_value: o.sli,
      span_precision: 2,
      preview: false,
      history,
      monitor_type: m.type,
      monitor_modified: Math.floor(m.created / 1000),
    })),
  };
}
