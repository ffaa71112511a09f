import {
  IncidentStatus,
  RetrospectiveStatus,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import { ProviderIncident } from '../IncidentProvider';
import { BlamelessIncident } from './wire';

const STATUSES: Record<string, IncidentStatus> = {
  INVESTIGATING: 'investigating',
  IDENTIFIED: 'identified',
  MONITORING: 'monitoring',
  RESOLVED: 'resolved',
  DUPLICATED: 'duplicated',
  DUPLICATE: 'duplicated',
};

const RETROSPECTIVE_STATES: Record<string, RetrospectiveStatus> = {
  NOT_STARTED: 'not_started',
  INCOMPLETE: 'in_progress',
  IN_PROGRESS: 'in_progress',
  DRAFT: 'in_progress',
  IN_REVIEW: 'in_review',
  REVIEW: 'in_review',
  COMPLETED: 'completed',
  COMPLETE: 'completed',
  PUBLISHED: 'completed',
};

/**
 * What a Blameless retrospective lookup found; `pending` when it was not looked up (the
 * incident then carries the state the list implies, marked pending).
 */
export type RetrospectiveLookup =
  | { found: true; state?: string }
  | { found: false; pending?: true };

export interface MapContext {
  baseUrl: string;
  /** Blameless severity level → our severity, from the tenant's labels and the severity map. */
  severityOf(level: number): Severity | undefined;
}

/** Thrown for a record that cannot be mapped; the sync skips it and logs the reason. */
export class UnmappableIncident extends Error {}

/** Maps a parsed Blameless incident (and its retrospective lookup) to our incident. */
export function mapIncident(
  wire: BlamelessIncident,
  retrospective: RetrospectiveLookup,
  context: MapContext,
): ProviderIncident {
  const id = String(wire._id);
  const severity = context.severityOf(wire.severity);
  if (!severity) {
    throw new UnmappableIncident(
      `severity level ${wire.severity} has no mapping to sev0–sev3`,
    );
  }
  const status = STATUSES[wire.status.toLocaleUpperCase('en-US')];
  if (!status) {
    throw new UnmappableIncident(`unknown status ${wire.status}`);
  }
  const startedAt = wire.created;
  const resolvedMs =
    wire.resolved_at ??
    (status === 'resolved'
      ? wire.end_of_customer_impact ?? undefined
      : undefined);
  const iso = (ms: number | null | undefined) =>
    ms === null || ms === undefined ? undefined : new Date(ms).toISOString();
  return {
    id,
    title: wire.description || wire.title || wire.name || `Incident ${id}`,
    severity,
    status,
    startedAt: new Date(startedAt).toISOString(),
    acknowledgedAt: iso(wire.acknowledged_at),
    resolvedAt: iso(resolvedMs),
    updatedAt: new Date(wire.updated ?? startedAt).toISOString(),
    commander: commanderOf(wire.roles),
    slackChannel: slackChannelOf(wire),
    retrospective: retrospectiveOf(wire, retrospective, context.baseUrl),
    services: servicesOf(wire),
    url: `${context.baseUrl}/incident/${encodeURIComponent(id)}/events`,
  };
}

/**
 * Whether the sync looks an incident's retrospective up: when it started at or after
 * `recentSinceMs`, or is still open (not resolved, not a duplicate).
 */
export function needsRetrospectiveLookup(
  wire: BlamelessIncident,
  recentSinceMs: number,
): boolean {
  const status = STATUSES[wire.status.toLocaleUpperCase('en-US')];
  return (
    wire.created >= recentSinceMs ||
    (status !== 'resolved' && status !== 'duplicated')
  );
}

/** A found retrospective of incident `id`; undefined when its state has no mapping. */
export function foundRetrospective(
  id: string,
  state: string | undefined,
  baseUrl: string,
): { status: RetrospectiveStatus; url: string } | undefined {
  const status = state
    ? RETROSPECTIVE_STATES[
        state.toLocaleUpperCase('en-US').replace(/[\s-]+/g, '_')
      ]
    : undefined;
  return status ? { status, url: retrospectiveUrl(id, baseUrl) } : undefined;
}

function retrospectiveUrl(id: string, baseUrl: string): string {
  return `${baseUrl}/retrospective/${encodeURIComponent(id)}`;
}

function servicesOf(wire: BlamelessIncident): string[] {
  const names = [
    ...(wire.services ?? []).map(s => (typeof s === 'string' ? s : s.name)),
    ...(wire.service ? [wire.service] : []),
  ]
    .map(name => name.trim())
    .filter(name => name.length > 0);
  return [...new Set(names)];
}

function commanderOf(
  roles: BlamelessIncident['roles'],
): ProviderIncident['commander'] | undefined {
  if (!roles) {
    return undefined;
  }
  const isCommander = (name: string | undefined) =>
    name !== undefined && /^(incident )?commander$/i.test(name.trim());
  if (Array.isArray(roles)) {
    const entry = roles.find(r => isCommander(r.role ?? r.name));
    return entry && personOf(entry.user ?? entry.assignee, entry);
  }
  const key = Object.keys(roles).find(isCommander);
  const who = key === undefined ? undefined : roles[key];
  if (typeof who === 'string') {
    return who ? { name: who } : undefined;
  }
  return personOf(who);
}

type Person = {
  full_name?: string;
  display_name?: string;
  name?: string;
  email?: string;
};

/**
 * The name and email of a role holder; `entry` (the role entry itself, which may carry them
 * as well) fills in what the holder's own object lacks.
 */
function personOf(
  who: Person | null | undefined,
  entry: Omit<Person, 'name'> = {},
): ProviderIncident['commander'] | undefined {
  const name =
    who?.full_name ??
    who?.display_name ??
    who?.name ??
    entry.full_name ??
    who?.email ??
    entry.email;
  return name ? { name, email: who?.email ?? entry.email } : undefined;
}

function slackChannelOf(
  wire: BlamelessIncident,
): ProviderIncident['slackChannel'] | undefined {
  const channel = wire.slack_channel;
  if (!channel) {
    return undefined;
  }
  const name = channel.name.replace(/^#/, '');
  const url =
    channel.url ??
    (channel.id
      ? `https://slack.com/app_redirect?channel=${encodeURIComponent(
          channel.id,
        )}`
      : undefined);
  return url ? { name: `#${name}`, url } : undefined;
}

function retrospectiveOf(
  wire: BlamelessIncident,
  lookup: RetrospectiveLookup,
  baseUrl: string,
): ProviderIncident['retrospective'] | undefined {
  const id = String(wire._id);
  if (lookup.found) {
    return foundRetrospective(id, lookup.state, baseUrl);
  }
  return {
    status:
      wire.is_postmortem_required === false ? 'not_required' : 'not_started',
    url: retrospectiveUrl(id, baseUrl),
    ...(lookup.pending ? { pending: true as const } : {}),
  };
}
