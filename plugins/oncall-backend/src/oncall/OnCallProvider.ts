/**
 * The vendor-neutral view of an on-call system. Adapters (Opsgenie, JSM Operations, PagerDuty) map their wire format to these types; nothing else in the plugin
 * knows a vendor's API.
 */

/** The on-call tools an adapter exists for. */
export type OnCallVendor = 'opsgenie' | 'jsm' | 'pagerduty';

/** A team that owns schedules and an escalation policy. */
export interface OnCallTeam {
  id: string;
  name: string;
}

/** A team with its members' usernames (the "whole team" escalation level). */
export interface OnCallTeamDetails extends OnCallTeam {
  members: string[];
}

/** Someone or something that can take a shift or be notified. */
export interface OnCallRecipient {
  type: 'user' | 'team' | 'schedule' | 'escalation' | 'other';
  id?: string;
  /** Username (the user's email) for users; the name for teams, schedules and escalations. */
  name?: string;
}

/** One rotation of a schedule as configured. */
export interface RotationDefinition {
  id: string;
  name: string;
  participants: OnCallRecipient[];
}

/** A schedule and its rotations. */
export interface OnCallSchedule {
  id: string;
  name: string;
  timezone: string;
  enabled: boolean;
  ownerTeam?: OnCallTeam;
  rotations: RotationDefinition[];
}

/** A stretch of time one recipient covers, from the final timeline (overrides applied). */
export interface TimelinePeriod {
  rotationId: string;
  rotationName: string;
  start: Date;
  end: Date;
  recipient: OnCallRecipient;
  /** True when the period comes from an override (someone covering). */
  override: boolean;
}

/** A schedule's final timeline over a window. */
export interface ScheduleTimeline {
  scheduleId: string;
  start: Date;
  end: Date;
  periods: TimelinePeriod[];
}

/** The ways an escalation rule can pick whom to notify. */
export const ESCALATION_NOTIFY_TYPES = [
  'default',
  'next',
  'previous',
  'users',
  'admins',
  'all',
] as const;

/** How an escalation rule picks whom to notify. */
export type EscalationNotifyType = (typeof ESCALATION_NOTIFY_TYPES)[number];

/** One rule of an escalation policy. */
export interface EscalationRule {
  condition: 'if-not-acked' | 'if-not-closed';
  notifyType: EscalationNotifyType;
  delayMinutes: number;
  recipient: OnCallRecipient;
}

/** A team's escalation policy. */
export interface EscalationPolicy {
  id: string;
  name: string;
  ownerTeam?: OnCallTeam;
  rules: EscalationRule[];
}

/** A person known to the on-call system. */
export interface OnCallUser {
  id: string;
  /** Login name; for Opsgenie this is the user's email. */
  username: string;
  fullName?: string;
  /** Contact email, when the vendor has one. */
  email?: string;
}

/** Who is on call in one schedule at an instant, as the vendor answers it. */
export interface ScheduleOnCalls {
  scheduleId: string;
  /** False for a schedule the vendor has disabled. */
  enabled?: boolean;
  /** The rotations' recipients at that instant (users, teams, escalations), not resolved further. */
  recipients: OnCallRecipient[];
}

/** An alert to raise for a team. */
export interface AlertRequest {
  message: string;
  description?: string;
  priority?: 'P1' | 'P2' | 'P3' | 'P4' | 'P5';
  team: string;
  /**
   * De-duplication key: the vendor folds a repeated create with the same key into the alert
   * it already has, so a retried request never pages twice.
   */
  dedupKey: string;
  /** Catalog entity the alert is about; shown in the alert. */
  entity?: string;
  /** Who raised it, e.g. a user entity ref. */
  user?: string;
  source?: string;
  tags?: string[];
  /**
   * PagerDuty: the Events API v2 integration key of the service to page (annotation
   * `pagerduty.com/integration-key`); other vendors page the team.
   */
  integrationKey?: string;
}

/** The outcome of an asynchronous request. */
export type RequestStatus =
  | { state: 'pending' }
  | {
      state: 'processed';
      success: boolean;
      status: string;
      alertId?: string;
    };

/** The on-call operations the plugin needs from a vendor. */
export interface OnCallProvider {
  /** A short vendor id used in freshness and errors, e.g. `opsgenie`. */
  readonly id: OnCallVendor;
  listTeams(): Promise<OnCallTeam[]>;
  /** One team with its members. */
  getTeam(teamId: string): Promise<OnCallTeamDetails>;
  /** Every schedule with its rotations. */
  listSchedules(): Promise<OnCallSchedule[]>;
  /** The final timeline (overrides applied) of a schedule between `from` and `to`. */
  getTimeline(
    scheduleId: string,
    from: Date,
    to: Date,
  ): Promise<ScheduleTimeline>;
  listEscalations(): Promise<EscalationPolicy[]>;
  /** Every user (all pages). */
  listUsers(): Promise<OnCallUser[]>;
  /**
   * Who is on call in every schedule at `at`, in one request. A vendor that offers it lets the
   * sync check stored timelines cheaply and re-read only the teams whose answer differs.
   */
  onCallsAt?(at: Date): Promise<ScheduleOnCalls[]>;
  /**
   * Several providers in one: those whose last listing failed. A listing made while one
   * failed lacks that provider's teams and users (unless an earlier answer stands in), so the
   * sync must not remove what the list lacks.
   */
  failures?(): ReadonlyArray<{ providerId: string }>;
  /** Accepts an alert; the answer is a request id to follow with {@link getRequestStatus}. */
  createAlert(alert: AlertRequest): Promise<{ requestId: string }>;
  getRequestStatus(requestId: string): Promise<RequestStatus>;
  /**
   * Follows a request until processed or until `timeoutMs` passes (then `pending`); also
   * `pending` at once while pages are queueing for the vendor.
   */
  waitForRequest(requestId: string, timeoutMs: number): Promise<RequestStatus>;
  /** A link to a schedule in the vendor's UI, when a web URL is configured. */
  scheduleUrl(schedule: ScheduleRef): string | undefined;
}

/**
 * A schedule as a link to it needs it: its id and name, and the team that owns it (JSM links
 * a schedule through its team; the stored schedule carries it, so links survive a restart).
 */
export interface ScheduleRef {
  id: string;
  name: string;
  ownerTeam?: { id: string };
}
