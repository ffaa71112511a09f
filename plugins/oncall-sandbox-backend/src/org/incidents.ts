import { Random, slackIdFor, hexIdFor } from './random';
import { DAY, HOUR, MINUTE } from './time';
import {
  DemoIncident,
  DemoIncidentStatus,
  DemoRetrospectiveState,
} from './types';

const TITLES = [
  'Elevated 5xx errors on {s}',
  'Latency spike in {s}',
  '{s} pods crash-looping after deploy',
  'Timeouts from {s} to its database',
  'Expired TLS certificate on {s}',
  'Queue backlog building up in {s}',
  'Memory leak in {s}',
  'Partial outage of {s} in eu-west-1',
  'Bad config push to {s}',
  'Dependency failure degrading {s}',
];
const TYPES = ['Availability', 'Performance', 'Security', 'Data Integrity'];

/** Inputs shared by demo and scale-mode incident generation. */
export interface IncidentContext {
  seed: number;
  now: number;
  /** Returns the Incident Commander (user id) on call at `t`. */
  commanderAt(t: number): string;
  /** Slack id of a plausible reporter for the incident. */
  reporterFor(random: Random): string;
}

/** Slack channel name `inc-<id>-<slug>` as the demo's incident bot creates it. */
export function channelName(id: number, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40)
    .replace(/-$/, '');
  return `inc-${id}-${slug}`;
}

function severity(random: Random): 0 | 1 | 2 | 3 {
  const r = random.next();
  if (r < 0.06) return 0;
  if (r < 0.28) return 1;
  if (r < 0.66) return 2;
  return 3;
}

function retrospectiveState(
  random: Random,
  ageDays: number,
): DemoRetrospectiveState {
  if (ageDays > 45) {
    return random.chance(0.85) ? 'COMPLETED' : 'IN_REVIEW';
  }
  if (ageDays > 14) {
    return random.pick<DemoRetrospectiveState>([
      'COMPLETED',
      'IN_REVIEW',
      'INCOMPLETE',
    ]);
  }
  if (ageDays > 7) {
    return random.pick<DemoRetrospectiveState>(['INCOMPLETE', 'IN_REVIEW']);
  }
  return 'NOT_STARTED';
}

/** Draft of an incident before ids are assigned. */
export interface IncidentDraft {
  service: string;
  created: number;
  status?: DemoIncidentStatus;
  severity?: 0 | 1 | 2 | 3;
  title?: string;
}

/** Turns a draft into a full incident with a stable id. */
export function buildIncident(
  ctx: IncidentContext,
  id: number,
  draft: IncidentDraft,
): DemoIncident {
  const random = new Random(ctx.seed, `incident:${id}`);
  const sev = draft.severity ?? severity(random);
  const title =
    draft.title ?? random.pick(TITLES).replace('{s}', draft.service);
  const created = draft.created;
  const status = draft.status ?? 'RESOLVED';
  const open = status !== 'RESOLVED';
  const acknowledgedAt =
    open && status === 'INVESTIGATING' && ctx.now - created < 10 * MINUTE
      ? undefined
      : created + random.int(1, 25) * MINUTE;
  const resolvedAt = open ? undefined : created + random.int(20, 600) * MINUTE;
  const postmortemRequired = sev <= 2;
  const incident: DemoIncident = {
    id,
    title,
    severity: sev,
    status,
    type: random.pick(TYPES),
    service: draft.service,
    created,
    updated:
      resolvedAt ?? Math.min(ctx.now, created + random.int(5, 30) * MINUTE),
    acknowledgedAt,
    resolvedAt,
    endOfCustomerImpact: resolvedAt
      ? resolvedAt - random.int(0, 15) * MINUTE
      : undefined,
    commanderUserId: ctx.commanderAt(created),
    creatorSlackId: ctx.reporterFor(random),
    slackChannel: {
      id: slackIdFor(ctx.seed, 'C', `incident:${id}`),
      name: channelName(id, title),
    },
    ticketKey: `INC-${id}`,
    postmortemRequired,
  };
  if (postmortemRequired && resolvedAt) {
    const state = retrospectiveState(random, (ctx.now - resolvedAt) / DAY);
    const retroCreated = resolvedAt + random.int(10, 120) * MINUTE;
    const retroUpdated =
      state === 'NOT_STARTED'
        ? retroCreated
        : Math.min(
            ctx.now - MINUTE,
            retroCreated + random.int(1, 10 * 24) * HOUR,
          );
    incident.retrospective = {
      id: hexIdFor(ctx.seed, 'postmortem', String(id)).slice(0, 24),
      state,
      created: retroCreated,
      updated: Math.max(retroCreated, retroUpdated),
      summary:
        state === 'NOT_STARTED'
          ? ''
          : `${title}. Customer impact for ${Math.round(
              (resolvedAt - created) / MINUTE,
            )} minutes.`,
      rootCause:
        state === 'COMPLETED'
          ? random.pick([
              'A config change',
              'Connection pool exhaustion',
              'An expired certificate',
              'A bad deploy',
              'An upstream outage',
            ])
          : '',
    };
    incident.updated = Math.max(
      incident.updated,
      incident.retrospective.updated,
    );
  }
  return incident;
}

/** Sorts incidents the way the sandbox indexes them: `updated` descending, then id descending. */
export function sortByUpdated(incidents: DemoIncident[]): DemoIncident[] {
  return incidents.sort((a, b) => b.updated - a.updated || b.id - a.id);
}

/**
 * Incidents of the demo org: 4–10 per Component over ~200 days, plus three open now and one
 * resolved three days ago whose retrospective has not started.
 */
export function demoIncidents(
  ctx: IncidentContext,
  services: string[],
): DemoIncident[] {
  const random = new Random(ctx.seed, 'incidents');
  const drafts: IncidentDraft[] = [];
  for (const service of services) {
    const count = random.int(4, 10);
    for (let i = 0; i < count; i++) {
      drafts.push({
        service,
        created:
          ctx.now -
          random.int(2 * 24, 200 * 24) * HOUR -
          random.int(0, 59) * MINUTE,
      });
    }
  }
  drafts.push(
    {
      service: 'cart-service',
      created: ctx.now - 3 * DAY,
      severity: 2,
      title: 'Carts emptied for some signed-in users',
    },
    {
      service: 'payments-api',
      created: ctx.now - 5 * HOUR,
      status: 'IDENTIFIED',
      severity: 2,
      title: 'Refunds stuck in pending for payments-api',
    },
    {
      service: 'search-api',
      created: ctx.now - 26 * HOUR,
      status: 'MONITORING',
      severity: 3,
      title: 'Slow search results for long queries',
    },
    {
      service: 'checkout',
      created: ctx.now - 40 * MINUTE,
      status: 'INVESTIGATING',
      severity: 1,
      title: 'Checkout payments failing for some card types',
    },
  );
  drafts.sort(
    (a, b) => a.created - b.created || a.service.localeCompare(b.service),
  );
  return sortByUpdated(
    drafts.map((draft, i) => buildIncident(ctx, 1001 + i, draft)),
  );
}
