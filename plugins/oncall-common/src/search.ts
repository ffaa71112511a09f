import { IncidentStatus, RetrospectiveStatus, Severity } from './incidents';

/** Search document type of incidents. @public */
export const ONCALL_INCIDENT_DOCUMENT_TYPE = 'oncall-incident';

/** Search document type of on-call rotations. @public */
export const ONCALL_ROTATION_DOCUMENT_TYPE = 'oncall-rotation';

/**
 * An incident in the portal's search (document type `oncall-incident`). `location` is the
 * Incidents tab of the first entity, with `?incident=<id>`.
 *
 * @public
 */
export interface OncallIncidentSearchDocument {
  title: string;
  /** e.g. `SEV1 · checkout · resolved · commander Jane Doe · retrospective completed · started 2026-10-02` */
  text: string;
  location: string;
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
 * Who is on call now in one schedule of a team, in the portal's search (document type
 * `oncall-rotation`). `location` is the Group page, with `?schedule=<id>`.
 *
 * @public
 */
export interface OncallRotationSearchDocument {
  /** e.g. `On call for payments-team` */
  title: string;
  /** e.g. `On call for payments-team: Maria Garcia (primary), Tom Becker (secondary) · schedule payments_schedule · group payments · covers fraud-detector, payments-api` */
  text: string;
  location: string;
  /** The Group the rotation belongs to. */
  entityRef: string;
  /**
   * Every catalog entity the rotation is on call for, its Group included: the Groups,
   * Systems, Components, APIs and Resources that resolve to it. Sorted.
   */
  entityRefs: string[];
  /** The on-call team name (the Group's name when the backend sends none). */
  team: string;
  scheduleId: string;
  scheduleName: string;
  /** IANA time zone of the schedule. */
  timezone?: string;
  /** The primary and secondary on call now, in escalation order, e.g. `Jane Doe (primary)`. */
  responders: string[];
}
