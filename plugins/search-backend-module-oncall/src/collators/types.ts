import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  IncidentStatus,
  RetrospectiveStatus,
  Severity,
} from '@internal/plugin-oncall-common';

/**
 * A search document for one incident, of type `oncall-incident`.
 *
 * @public
 */
export interface OncallIncidentDocument extends IndexableDocument {
  /** The incident's id in the incident tool. */
  incidentId: string;
  severity: Severity;
  status: IncidentStatus;
  /** The catalog entity whose Incidents tab the document links to. */
  entityRef: string;
  /** Every catalog entity the incident maps to. */
  entityRefs: string[];
  /** The services the incident was filed against. */
  services: string[];
  /** The Incident Commander's name. */
  commander?: string;
  retrospectiveStatus?: RetrospectiveStatus;
  /** ISO 8601. */
  startedAt: string;
  /** ISO 8601. */
  resolvedAt?: string;
  /** Link to the incident in the incident tool. */
  incidentUrl?: string;
}

/**
 * A search document for who is on call now in one schedule of a team, of type
 * `oncall-rotation`.
 *
 * @public
 */
export interface OncallRotationDocument extends IndexableDocument {
  /** The Group the rotation belongs to. */
  entityRef: string;
  /** The on-call team name (the Group's name when the backend sends none). */
  team: string;
  scheduleId: string;
  scheduleName: string;
  /** IANA time zone of the schedule. */
  timezone?: string;
  /** The primary and secondary on call now, in escalation order, e.g. `Jane Doe (primary)`. */
  responders: string[];
}
