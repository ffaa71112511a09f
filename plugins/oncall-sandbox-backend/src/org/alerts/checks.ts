import { DemoAlertPriority, DemoAlertProfile } from '../types';

/** A monitoring tool that opens Opsgenie alerts through its integration. */
export type AlertSource = 'Datadog' | 'Prometheus' | 'Pingdom';

/** A check that pages; on one service it is one alert kind with a stable alias. */
interface AlertCheck {
  slug: string;
  /** `{s}` stands for the service. */
  message: string;
  priority: DemoAlertPriority;
  source: AlertSource;
  description: string;
}

/**
 * The checks every service has. Even and odd positions each hold two checks urgent enough
 * (P1/P2) to wake someone up: one day's alerts use one half (see {@link kindsOfDay}).
 */
const CHECKS: readonly AlertCheck[] = [
  {
    slug: 'error-rate',
    message: '{s}: 5xx error rate above 2%',
    priority: 'P2',
    source: 'Datadog',
    description: 'More than 2% of requests to {s} failed over 5 minutes.',
  },
  {
    slug: 'health-check',
    message: '{s}: health check failing',
    priority: 'P1',
    source: 'Pingdom',
    description: 'The public health check of {s} failed from 3 locations.',
  },
  {
    slug: 'crash-loop',
    message: '{s}: pods crash-looping',
    priority: 'P2',
    source: 'Prometheus',
    description: 'Pods of {s} restarted more than 3 times in 10 minutes.',
  },
  {
    slug: 'dependency-timeouts',
    message: '{s}: dependency timeouts above 1%',
    priority: 'P2',
    source: 'Datadog',
    description: 'Calls from {s} to its dependencies time out.',
  },
  {
    slug: 'latency',
    message: '{s}: p95 latency above 800 ms',
    priority: 'P3',
    source: 'Datadog',
    description: 'The 95th percentile latency of {s} is above 800 ms.',
  },
  {
    slug: 'cpu',
    message: '{s}: CPU above 90% for 10 minutes',
    priority: 'P3',
    source: 'Prometheus',
    description: 'CPU usage of {s} stayed above 90% for 10 minutes.',
  },
  {
    slug: 'queue-lag',
    message: '{s}: consumer lag above 10k messages',
    priority: 'P3',
    source: 'Prometheus',
    description: 'Consumers of {s} fall behind.',
  },
  {
    slug: 'memory',
    message: '{s}: memory above 90% of its limit',
    priority: 'P3',
    source: 'Prometheus',
    description: 'Containers of {s} are close to their memory limit.',
  },
  {
    slug: 'disk',
    message: '{s}: disk usage above 85%',
    priority: 'P4',
    source: 'Prometheus',
    description: 'A volume of {s} is filling up.',
  },
  {
    slug: 'certificate',
    message: '{s}: TLS certificate expires in 7 days',
    priority: 'P5',
    source: 'Datadog',
    description: 'The TLS certificate of {s} expires within 7 days.',
  },
];

/** One alert kind of a team: a check on one of its services. */
export interface AlertKind {
  alias: string;
  message: string;
  description: string;
  priority: DemoAlertPriority;
  source: AlertSource;
  service: string;
  check: string;
}

function kind(service: string, check: AlertCheck): AlertKind {
  return {
    alias: `${service}-${check.slug}`,
    message: check.message.replace('{s}', service),
    description: check.description.replace('{s}', service),
    priority: check.priority,
    source: check.source,
    service,
    check: check.slug,
  };
}

/** Whether a priority is urgent enough to page someone in their sleep. */
export function isUrgent(priority: DemoAlertPriority): boolean {
  return priority === 'P1' || priority === 'P2';
}

/**
 * The kinds a team's alerts can have on a day: every service with the checks of the day's
 * half (even or odd days). An alert lives for hours, never a day, so two alerts with one alias
 * never overlap across days; within a day the generator picks a kind that is not open.
 */
export function kindsOfDay(
  profile: DemoAlertProfile,
  day: number,
): AlertKind[] {
  const parity = ((day % 2) + 2) % 2;
  const kinds: AlertKind[] = [];
  for (const service of profile.services) {
    CHECKS.forEach((check, i) => {
      if (i % 2 === parity) {
        kinds.push(kind(service, check));
      }
    });
  }
  return kinds;
}

/** Every alias a team's alerts can carry (for looking an alert up by alias). */
export function aliasesOf(profile: DemoAlertProfile): string[] {
  const aliases = profile.services.flatMap(service =>
    CHECKS.map(check => `${service}-${check.slug}`),
  );
  return profile.noisy ? [...aliases, profile.noisy.alias] : aliases;
}
