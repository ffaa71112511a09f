import { Freshness } from './freshness';
import { MigrationSummary } from './migration';
import { OnCallProviderType, RotationSource } from './providers';

/** How an entity was mapped to an on-call team. @public */
export type ResolutionVia =
  | 'annotation'
  | 'owner'
  | 'parent'
  | 'config'
  | 'name';

/** The result of resolving an entity to an Opsgenie team and schedules. @public */
export interface OnCallResolution {
  via: ResolutionVia;
  /** The Group whose mapping was used (e.g. `group:default/payments`). */
  groupRef?: string;
  /** The Opsgenie team name. */
  team?: string;
  /** Schedules pinned by annotation, when any. */
  schedules?: string[];
  /** The chain of Groups walked to find the mapping, starting at the owner. */
  path?: string[];
}

/** A person on call. @public */
export interface Responder {
  name: string;
  email?: string;
  /** The catalog User this responder matched, when one did. */
  userRef?: string;
  /** When this responder's current shift ends (ISO 8601). */
  shiftEnd?: string;
}

/** The role of an escalation level, in the org's terms. @public */
export type EscalationRole = 'primary' | 'secondary' | 'team';

/** One level of an escalation chain. @public */
export interface EscalationLevel {
  role: EscalationRole;
  /** Minutes after the page before this level is notified if nobody acknowledged. */
  afterMinutes: number;
  responders: Responder[];
}

/** One upcoming shift. @public */
export interface Shift {
  role: EscalationRole;
  rotation?: string;
  responder: Responder;
  start: string;
  end: string;
}

/** A schedule as shown to users. @public */
export interface ScheduleInfo {
  id: string;
  name: string;
  timezone: string;
  /** Link to the schedule in the vendor's UI. */
  url?: string;
}

/** One rotation (schedule) with its escalation chain. @public */
export interface Rotation {
  schedule: ScheduleInfo;
  levels: EscalationLevel[];
  /** The next time the primary responder changes (ISO 8601). */
  nextHandoff?: string;
  /** Shifts starting within the next 14 days. */
  upcoming: Shift[];
  /** Set when the rotation cannot be shown in full, e.g. a schedule without participants. */
  notice?: string;
  /** The on-call tool this rotation comes from, with a link to it there. */
  source?: RotationSource;
}

/** An annotation to add to an entity, e.g. key `opsgenie.com/team`, value `payments`. @public */
export interface AnnotationHint {
  /** The annotation key, e.g. `opsgenie.com/team`. */
  key: string;
  /** The value to set, or a placeholder in angle brackets such as `<opsgenie team name>`. */
  value: string;
}

/** Why a view has nothing to show, and the annotation that would fix it. @public */
export interface NotConfigured {
  /** What is missing, in a sentence. */
  reason: string;
  /** The annotation that would fix it. */
  annotation: AnnotationHint;
}

/** Who is on call for an entity. @public */
export interface OnCallSummary {
  entityRef: string;
  resolution: OnCallResolution;
  /** Why nothing could be resolved, when `rotations` is empty. */
  notConfigured?: NotConfigured;
  rotations: Rotation[];
  incidentCommander?: Rotation;
  freshness: Freshness;
}

/** The signed-in user's shifts. @public */
export interface MyOnCall {
  userRef: string;
  email?: string;
  onCallNow: Array<{
    schedule: ScheduleInfo;
    team?: string;
    role: EscalationRole;
    shiftEnd?: string;
  }>;
  upcoming: Array<Shift & { schedule: ScheduleInfo; team?: string }>;
  /** Why no shifts can be shown, e.g. the user entity has no email. */
  notice?: string;
  freshness: Freshness;
}

/**
 * A calendar subscription: the iCalendar feed URL of the signed-in user's shifts. It carries a
 * secret, shown once; creating a new one voids the old. @public
 */
export interface CalendarSubscription {
  /** The feed URL, `…/api/oncall/me/calendar.ics?token=<secret>`. */
  url: string;
}

/** Responders of a rotation right now, by role (for search). @public */
export interface RotationDocument {
  /** The Group the team is mapped to, when one is. */
  entityRef?: string;
  team?: string;
  schedule: ScheduleInfo;
  responders: Record<EscalationRole, Responder[]>;
  /**
   * The catalog entities this rotation is on call for (Groups, Systems, Components, APIs,
   * Resources), resolved as their On-call tabs resolve them; sorted.
   */
  entityRefs: string[];
}

/** A page of {@link RotationDocument}s. @public */
export interface RotationDocumentPage {
  items: RotationDocument[];
  nextCursor?: string;
}

/**
 * Mapping state of one catalog entity. `broken`: a mapping exists (an annotation or an
 * `oncall.teamMappings` entry) but names a team or schedule the on-call tool does not have, so
 * nobody could be paged. @public
 */
export type CoverageState =
  | 'mapped'
  | 'inherited'
  | 'by-name'
  | 'missing'
  | 'broken';

/** One row of the coverage report. @public */
export interface CoverageEntry {
  entityRef: string;
  kind: string;
  state: CoverageState;
  team?: string;
  groupRef?: string;
  /** Why the mapping is missing or broken, e.g. `opsgenie.com/team 'x' names no Opsgenie team`. */
  reason?: string;
  /** What to do to fix a missing or broken mapping. */
  fix?: string;
  /** The provider serving the entity, when exactly one does. */
  provider?: { providerId: string; provider: OnCallProviderType };
  /** The rotations (schedules or escalation policies) the entity's on-call comes from. */
  rotations?: CoverageRotation[];
  /** How the provider and team were found. */
  via?: CoverageVia;
  /** The exact `catalog-info.yaml` lines to add when the mapping is missing, broken or ambiguous. */
  yaml?: string;
  /** Set when the team is found in several providers and nothing says which one wins. */
  ambiguity?: CoverageAmbiguity;
}

/**
 * How a coverage row was resolved: the entity's own annotation, its owner Group's, the
 * `oncall.teamProviders`/`oncall.teamMappings` config, the team found by name in exactly one
 * provider, or inherited from a parent Group. @public
 */
export type CoverageVia =
  | 'annotation'
  | 'owner'
  | 'mapping'
  | 'name'
  | 'parent';

/** One rotation listed on the coverage page. @public */
export interface CoverageRotation {
  name: string;
  source?: RotationSource;
}

/** A team found in more than one provider with nothing deciding between them. @public */
export interface CoverageAmbiguity {
  /** The provider ids the team was found in. */
  providerIds: string[];
  message: string;
}

/** A Group with its own coverage and that of the services (Components) it owns. @public */
export interface CoverageGroup extends CoverageEntry {
  services: CoverageEntry[];
}

/** The coverage report. @public */
export interface CoverageReport {
  items: CoverageEntry[];
  summary: Record<CoverageState, number>;
  /** How fresh the team list behind the by-name matches is. */
  freshness?: Freshness;
  /** Every Group with the services it owns, sorted by Group ref. */
  groups?: CoverageGroup[];
  /** Where the organisation stands in its move off Opsgenie. */
  migration?: MigrationSummary;
}

/** Body of `POST /entities/:kind/:namespace/:name/pages`. @public */
export interface PageRequest {
  message: string;
  priority?: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  description?: string;
}

/** Answer to a page request. @public */
export interface PageResponse {
  requestId: string;
  team?: string;
  status?: string;
  alertId?: string;
}
