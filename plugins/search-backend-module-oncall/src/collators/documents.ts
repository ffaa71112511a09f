import { parseEntityRef } from '@backstage/catalog-model';
import {
  IncidentStatus,
  RetrospectiveStatus,
} from '@oncall-for-backstage/plugin-oncall-common';
import { CollatedIncident, CollatedRotation } from './schemas';
import { OnCallIncidentDocument, OnCallRotationDocument } from './types';

const statusLabels: Record<IncidentStatus, string> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
  duplicated: 'duplicate',
};

const retrospectiveLabels: Record<RetrospectiveStatus, string> = {
  not_started: 'retrospective not started',
  in_progress: 'retrospective in progress',
  in_review: 'retrospective in review',
  completed: 'retrospective completed',
  not_required: 'no retrospective required',
};

/** The entity page path of an entity ref, e.g. `/catalog/default/component/checkout-api`. */
export function entityPagePath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[namespace, kind, name]
    .map(part => encodeURIComponent(part.toLocaleLowerCase('en-US')))
    .join('/')}`;
}

/**
 * Maps an incident to its search document, linked to the Incidents tab of the first
 * Component it maps to (or, without one, of the first entity). Returns undefined for an
 * incident that maps to no entity: it has no page to link to and no entity to authorise
 * readers against. A retrospective state that is not looked up yet (`pending`) is left out
 * rather than indexed as a guess.
 */
export function toIncidentDocument(
  incident: CollatedIncident,
): OnCallIncidentDocument | undefined {
  const entityRef =
    incident.entityRefs.find(ref => ref.startsWith('component:')) ??
    incident.entityRefs[0];
  if (entityRef === undefined) {
    return undefined;
  }
  const services = incident.services?.length
    ? incident.services
    : incident.entityRefs.map(ref => parseEntityRef(ref).name);
  const startedAt = new Date(incident.startedAt).toISOString();
  const retrospective = incident.retrospective?.pending
    ? undefined
    : incident.retrospective;
  const text = [
    incident.severity.toLocaleUpperCase('en-US'),
    services.join(', '),
    statusLabels[incident.status],
    incident.commander ? `commander ${incident.commander.name}` : undefined,
    retrospective ? retrospectiveLabels[retrospective.status] : undefined,
    incident.slackChannel?.name,
    `started ${startedAt.slice(0, 10)}`,
  ]
    .filter(part => part !== undefined && part !== '')
    .join(' · ');

  return {
    title: incident.title,
    text,
    // The query parameter keeps every incident's location unique: search engines (Lunr
    // among them) key documents by location.
    location: `${entityPagePath(
      entityRef,
    )}/incidents?incident=${encodeURIComponent(incident.id)}`,
    authorization: { resourceRef: entityRef },
    incidentId: incident.id,
    severity: incident.severity,
    status: incident.status,
    entityRef,
    entityRefs: incident.entityRefs,
    services,
    commander: incident.commander?.name,
    retrospectiveStatus: retrospective?.status,
    startedAt,
    resolvedAt: incident.resolvedAt
      ? new Date(incident.resolvedAt).toISOString()
      : undefined,
    incidentUrl: incident.url ?? undefined,
  };
}

/**
 * Maps who is on call now in one schedule of a team to its search document, linked to the
 * team's Group page. Returns undefined for a team that no Group maps to. The text names
 * what the rotation is on call for, so that a search for a service finds its rotation.
 */
export function toRotationDocument(
  rotation: CollatedRotation,
): OnCallRotationDocument | undefined {
  const entityRef = rotation.entityRef;
  if (!entityRef) {
    return undefined;
  }
  const groupName = parseEntityRef(entityRef).name;
  const team = rotation.team ?? groupName;
  const responders = rotation.responders
    .filter(responder => responder.role !== 'team')
    .map(responder => `${responder.name} (${responder.role})`);
  const escalatesToTeam = rotation.responders.some(r => r.role === 'team');
  const onCall = [
    ...(responders.length ? responders : ['nobody is on call right now']),
    ...(escalatesToTeam ? ['then the whole team'] : []),
  ].join(', ');
  const entityRefs = [...new Set([entityRef, ...(rotation.entityRefs ?? [])])];
  entityRefs.sort();
  const named = new Set([groupName, team.toLocaleLowerCase('en-US')]);
  const covers = [
    ...new Set(entityRefs.map(ref => parseEntityRef(ref).name)),
  ].filter(name => !named.has(name.toLocaleLowerCase('en-US')));
  covers.sort();
  const text = [
    `On call for ${team}: ${onCall}`,
    `schedule ${rotation.schedule.name}`,
    team.toLocaleLowerCase('en-US') === groupName
      ? undefined
      : `group ${groupName}`,
    covers.length ? `covers ${covers.join(', ')}` : undefined,
  ]
    .filter(part => part !== undefined)
    .join(' · ');

  return {
    title: `On call for ${team}`,
    text,
    // The query parameter keeps the location unique per schedule, and apart from the
    // catalog's own document for the Group page.
    location: `${entityPagePath(entityRef)}?schedule=${encodeURIComponent(
      rotation.schedule.id,
    )}`,
    authorization: { resourceRef: entityRef },
    entityRef,
    entityRefs,
    team,
    scheduleId: rotation.schedule.id,
    scheduleName: rotation.schedule.name,
    timezone: rotation.schedule.timezone ?? undefined,
    responders,
  };
}
