import { Freshness } from './freshness';

/** Incident severities, most severe first. @public */
export const SEVERITIES = ['sev0', 'sev1', 'sev2', 'sev3'] as const;
/** An incident severity. @public */
export type Severity = (typeof SEVERITIES)[number];

/** Incident statuses. @public */
export const INCIDENT_STATUSES = [
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'duplicated',
] as const;
/** An incident status. @public */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** The statuses of an incident still open: neither resolved nor marked a duplicate. @public */
export const OPEN_INCIDENT_STATUSES: IncidentStatus[] = [
  'investigating',
  'identified',
  'monitoring',
];

/** Retrospective states. @public */
export type RetrospectiveStatus =
  | 'not_started'
  | 'in_progress'
  | 'in_review'
  | 'completed'
  | 'not_required';

/** An incident's retrospective and its state. @public */
export interface IncidentRetrospective {
  status: RetrospectiveStatus;
  url: string;
  /**
   * Set while `status` is what the incident list implies (`not_required` or `not_started`)
   * because the retrospective itself has not been looked up yet; viewing the incident has it
   * looked up, and a later response carries the real state.
   */
  pending?: true;
}

/** One incident. @public */
export interface Incident {
  id: string;
  title: string;
  severity: Severity;
  status: IncidentStatus;
  startedAt: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
  commander?: { name: string; email?: string };
  slackChannel?: { name: string; url: string };
  retrospective?: IncidentRetrospective;
  /** Services the incident was filed against. */
  services?: string[];
  /** Catalog entities the incident maps to. */
  entityRefs?: string[];
  url: string;
}

/** Aggregates over the filtered window. @public */
export interface IncidentStats {
  count: number;
  bySeverity: Record<Severity, number>;
  /** Mean minutes from start to acknowledgement, over incidents that were acknowledged. */
  mttaMinutes?: number;
  /** Mean minutes from start to resolution, over incidents that were resolved. */
  mttrMinutes?: number;
}

/** A page of incidents. @public */
export interface IncidentPage {
  entityRef: string;
  items: Incident[];
  stats: IncidentStats;
  nextCursor?: string;
  /** Services the incidents were matched by. */
  services?: string[];
  freshness: Freshness;
}
