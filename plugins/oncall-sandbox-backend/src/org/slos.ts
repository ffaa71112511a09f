import { Random, hexIdFor } from './random';
import { DAY } from './time';
import {
  DemoMonitor,
  DemoMonitorState,
  DemoService,
  DemoSlo,
  DemoSloHealth,
} from './types';

/** Health of selected demo SLOs; every other SLO is healthy. */
export const DEMO_SLO_HEALTH: Record<string, DemoSloHealth> = {
  'checkout-api availability': 'breached',
  'payments-api availability': 'warning',
  'reporting-api availability': 'no_data',
};

const MONITOR_STATES: Record<string, DemoMonitorState> = {
  'checkout-api p95 latency': 'Alert',
  'payments-api error rate': 'Warn',
  'reporting-api error rate': 'No Data',
};

interface SloSpec {
  name: string;
  service: string;
  group: string;
  tags: string[];
  type: 'metric' | 'monitor';
  timeframe: DemoSlo['timeframe'];
  target: number;
  monitorIds?: number[];
}

/** Builds one SLO from a spec; the id depends on the seed and the name. */
export function makeSlo(
  seed: number,
  now: number,
  spec: SloSpec,
  health: DemoSloHealth,
): DemoSlo {
  const random = new Random(seed, `slo:${spec.name}`);
  const episodeAt = health === 'breached' ? now - 10 * DAY : now;
  const metricTag =
    spec.tags.find(t => t.startsWith('service:')) ?? spec.tags[0];
  return {
    id: hexIdFor(seed, 'slo', spec.name),
    name: spec.name,
    description: `${
      spec.type === 'metric' ? 'Share of successful requests' : 'Uptime'
    } of ${spec.service}.`,
    type: spec.type,
    service: spec.service,
    group: spec.group,
    tags: spec.tags,
    timeframe: spec.timeframe,
    target: spec.target,
    warning: Number((spec.target + (100 - spec.target) / 2).toFixed(3)),
    health,
    monitorIds: spec.monitorIds ?? [],
    query:
      spec.type === 'metric'
        ? {
            numerator: `sum:trace.http.request.hits{${metricTag},env:prod,!http.status_class:5xx}.as_count()`,
            denominator: `sum:trace.http.request.hits{${metricTag},env:prod}.as_count()`,
          }
        : undefined,
    createdAt: Math.floor((now - random.int(150, 400) * DAY) / 1000),
    episodeAt,
    trafficPerMinute: random.int(200, 3000),
  };
}

function serviceTags(service: string, group: string): string[] {
  return [`service:${service}`, `team:${group}`, 'env:prod'];
}

/** Builds one monitor. */
export function makeMonitor(
  id: number,
  now: number,
  service: string,
  group: string,
  kind: 'error rate' | 'p95 latency',
  state: DemoMonitorState,
  random: Random,
): DemoMonitor {
  const latency = kind === 'p95 latency';
  return {
    id,
    name: `${service} ${kind}`,
    type: 'query alert',
    query: latency
      ? `avg(last_5m):p95:trace.http.request.duration{service:${service},env:prod} > 0.5`
      : `sum(last_5m):sum:trace.http.request.errors{service:${service},env:prod}.as_count() / sum:trace.http.request.hits{service:${service},env:prod}.as_count() > 0.05`,
    message: `${service} ${kind} is high. Notify: @opsgenie-${group}`,
    service,
    tags: serviceTags(service, group),
    state,
    stateModified: now - random.int(5, 60 * 24 * 7) * 60_000,
    created: now - random.int(200, 600) * DAY,
    priority: latency ? 2 : 3,
    thresholds: latency
      ? { critical: 0.5, warning: 0.4 }
      : { critical: 0.05, warning: 0.02 },
  };
}

/** Monitors and SLOs of the demo org. */
export function demoSlosAndMonitors(
  seed: number,
  now: number,
  services: DemoService[],
) {
  const random = new Random(seed, 'datadog');
  const monitors: DemoMonitor[] = [];
  const slos: DemoSlo[] = [];
  let nextMonitorId = 40_000_001;
  for (const s of services.filter(x => x.kind === 'Component')) {
    const kinds: Array<'error rate' | 'p95 latency'> =
      s.type === 'website' ? ['error rate'] : ['error rate', 'p95 latency'];
    for (const kind of kinds) {
      const name = `${s.name} ${kind}`;
      monitors.push(
        makeMonitor(
          nextMonitorId++,
          now,
          s.name,
          s.owner,
          kind,
          MONITOR_STATES[name] ?? 'OK',
          random,
        ),
      );
    }
    const name = `${s.name} availability`;
    slos.push(
      makeSlo(
        seed,
        now,
        {
          name,
          service: s.name,
          group: s.owner,
          tags: serviceTags(s.name, s.owner),
          type: 'metric',
          timeframe: '30d',
          target: s.type === 'website' ? 99.5 : 99.9,
        },
        DEMO_SLO_HEALTH[name] ?? 'healthy',
      ),
    );
  }
  const monitorOf = (name: string) =>
    monitors.filter(m => m.name === name).map(m => m.id);
  const extra: SloSpec[] = [
    {
      name: 'checkout-api latency',
      service: 'checkout-api',
      group: 'checkout',
      tags: serviceTags('checkout-api', 'checkout'),
      type: 'monitor',
      timeframe: '7d',
      target: 99,
      monitorIds: monitorOf('checkout-api p95 latency'),
    },
    {
      name: 'payment-gateway uptime',
      service: 'payment-gateway',
      group: 'payments',
      tags: serviceTags('payment-gateway', 'payments'),
      type: 'monitor',
      timeframe: '90d',
      target: 99.95,
      monitorIds: monitorOf('payment-gateway error rate'),
    },
    {
      name: 'Browse journey success',
      service: 'storefront-web',
      group: 'storefront',
      tags: ['journey:browse', 'team:storefront', 'env:prod'],
      type: 'metric',
      timeframe: '7d',
      target: 99.5,
    },
    {
      name: 'Warehouse query success',
      service: 'data-warehouse',
      group: 'data-platform',
      tags: ['service:warehouse', 'team:data-platform', 'env:prod'],
      type: 'metric',
      timeframe: '30d',
      target: 99,
    },
  ];
  for (const spec of extra) {
    slos.push(makeSlo(seed, now, spec, 'healthy'));
  }
  return { slos, monitors };
}
