import { OrgIndex } from '../org/orgIndex';
import { MINUTE } from '../org/time';
import { DemoIncident } from '../org/types';
import { $date } from './envelope';

/**
 * An incident in the documented sample's shape. Fields after `is_postmortem_required` are
 * sandbox extensions [inferred]: `roles`, `acknowledged_at`, `resolved_at`,
 * `end_of_customer_impact` (each absent until it happened) and `services`.
 */
export function serializeIncident(index: OrgIndex, i: DemoIncident) {
  const commander = index.usersById.get(i.commanderUserId);
  return {
    _id: i.id,
    created: $date(i.created),
    updated: $date(i.updated),
    creator: i.creatorSlackId,
    description: i.title,
    status: i.status,
    severity: i.severity,
    type: i.type,
    start_of_customer_impact: $date(i.created),
    slack_channel: {
      id: i.slackChannel.id,
      name: i.slackChannel.name,
      is_private: false,
    },
    ticket: {
      type: 'JIRA',
      key: i.ticketKey,
      url: `https://example.atlassian.net/browse/${i.ticketKey}`,
    },
    name: String(i.id),
    is_postmortem_required: i.postmortemRequired,
    roles: commander
      ? [
          {
            role: 'Commander',
            user: {
              id: commander.slackId,
              email: commander.email,
              name: commander.fullName,
            },
          },
        ]
      : [],
    ...(i.acknowledgedAt === undefined
      ? {}
      : { acknowledged_at: $date(i.acknowledgedAt) }),
    ...(i.resolvedAt === undefined ? {} : { resolved_at: $date(i.resolvedAt) }),
    ...(i.endOfCustomerImpact === undefined
      ? {}
      : { end_of_customer_impact: $date(i.endOfCustomerImpact) }),
    services: servicesOf(i),
  };
}

/** Every service an incident affects, the first one first. */
export function servicesOf(i: DemoIncident): string[] {
  return [i.service, ...(i.additionalServices ?? [])];
}

/** The retrospective in the documented sample's shape (vendor spelling kept). */
export function serializePostmortem(i: DemoIncident) {
  const r = i.retrospective!;
  const minutes = (a: number | undefined) =>
    a === undefined ? 0 : Math.round((a - i.created) / MINUTE);
  return {
    _id: { $oid: r.id },
    incident: i.id,
    created: $date(r.created),
    updated: $date(r.updated),
    state: r.state,
    incident_duration: minutes(i.resolvedAt),
    time_to_indentify_incident: minutes(i.acknowledgedAt),
    time_to_take_action: minutes(i.acknowledgedAt),
    summary: r.summary,
    root_cause: r.rootCause,
    why_items: [],
    analysis:
      r.state === 'NOT_STARTED'
        ? ''
        : `## What happened\n\n${i.title}.\n\n## Root cause\n\n${
            r.rootCause || 'Under investigation.'
          }`,
    tags: {
      'CONTRIBUTING-FACTOR': [],
      SERVICE: [i.service],
      CUSTOMER: [],
      PRODUCT: [],
      Impact: [],
    },
    incident_type: i.type,
  };
}
