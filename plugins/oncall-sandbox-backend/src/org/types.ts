/** A person in the demo organisation (an Opsgenie user and a catalog User). @public */
export interface DemoUser {
  id: string;
  /** Catalog entity name, e.g. `maria.garcia`. */
  name: string;
  /** Opsgenie username and catalog `spec.profile.email`. */
  email: string;
  fullName: string;
  /** Catalog Group name the user is a member of. */
  group: string;
  timeZone: string;
  /** Slack member id, used as the Blameless incident `creator`. */
  slackId: string;
  createdAt: number;
}

/** A catalog Group of the demo organisation. @public */
export interface DemoGroup {
  name: string;
  title: string;
  parent?: string;
  /** Value of the `opsgenie.com/team` annotation, when the Group carries one. */
  opsgenieAnnotation?: string;
}

/** An Opsgenie team. @public */
export interface DemoTeam {
  id: string;
  name: string;
  description: string;
  members: Array<{ userId: string; role: 'admin' | 'user' }>;
}

/** A rotation participant: a user, a whole team or an escalation policy. @public */
export type DemoParticipant =
  | { type: 'user'; id: string }
  | { type: 'team'; id: string }
  | { type: 'escalation'; id: string };

/** One weekly window of a `weekday-and-time-of-day` restriction. @public */
export interface DemoWeekdayRestriction {
  startDay: Weekday;
  startHour: number;
  startMin: number;
  endDay: Weekday;
  endHour: number;
  endMin: number;
}

/** Lower-case English weekday names as Opsgenie spells them. @public */
export type Weekday =
  | 'monday'
  | 'tuesday'
  | 'wednesday'
  | 'thursday'
  | 'friday'
  | 'saturday'
  | 'sunday';

/** An Opsgenie schedule rotation. @public */
export interface DemoRotation {
  id: string;
  name: string;
  /** Epoch ms of the first shift start. */
  startDate: number;
  endDate?: number;
  type: 'weekly' | 'daily';
  length: number;
  participants: DemoParticipant[];
  restrictions?: DemoWeekdayRestriction[];
}

/** A schedule override (someone covering a rotation for a while). @public */
export interface DemoOverride {
  alias: string;
  userId: string;
  startDate: number;
  endDate: number;
  rotationIds: string[];
}

/** An Opsgenie schedule. @public */
export interface DemoSchedule {
  id: string;
  name: string;
  description: string;
  timezone: string;
  enabled: boolean;
  ownerTeamId: string;
  rotations: DemoRotation[];
  overrides: DemoOverride[];
}

/** One rule of an Opsgenie escalation policy. @public */
export interface DemoEscalationRule {
  condition: 'if-not-acked';
  notifyType: 'default' | 'next' | 'all';
  delayMinutes: number;
  recipient: { type: 'schedule' | 'team'; id: string };
}

/** An Opsgenie escalation policy. @public */
export interface DemoEscalation {
  id: string;
  name: string;
  description: string;
  ownerTeamId: string;
  rules: DemoEscalationRule[];
}

/** A catalog System. @public */
export interface DemoSystem {
  name: string;
  owner: string;
  description: string;
}

/** A catalog Component or API; incidents, SLOs and monitors refer to it by name. @public */
export interface DemoService {
  name: string;
  kind: 'Component' | 'API';
  type: string;
  system: string;
  owner: string;
  description: string;
  /** Service name used on Blameless incidents (annotation `blameless.com/service`, default: name). */
  blamelessService: string;
  /** Opsgenie team the service pins (annotation `opsgenie.com/team`); otherwise its owner's. */
  opsgenieTeam?: string;
}

/** Blameless incident status flow. @public */
export type DemoIncidentStatus =
  | 'INVESTIGATING'
  | 'IDENTIFIED'
  | 'MONITORING'
  | 'RESOLVED';

/** Retrospective (postmortem) states as the sandbox spells them. @public */
export type DemoRetrospectiveState =
  | 'NOT_STARTED'
  | 'INCOMPLETE'
  | 'IN_REVIEW'
  | 'COMPLETED';

/** A Blameless incident. Times are epoch ms. @public */
export interface DemoIncident {
  id: number;
  title: string;
  severity: 0 | 1 | 2 | 3;
  status: DemoIncidentStatus;
  type: string;
  /** The (first) Blameless service the incident was filed against. */
  service: string;
  /** Further services it affects, when it affects several. */
  additionalServices?: string[];
  created: number;
  updated: number;
  acknowledgedAt?: number;
  resolvedAt?: number;
  endOfCustomerImpact?: number;
  commanderUserId: string;
  creatorSlackId: string;
  slackChannel: { id: string; name: string };
  ticketKey: string;
  postmortemRequired: boolean;
  retrospective?: {
    id: string;
    state: DemoRetrospectiveState;
    created: number;
    updated: number;
    summary: string;
    rootCause: string;
  };
}

/** Expected health of an SLO, which drives its generated event series. @public */
export type DemoSloHealth = 'healthy' | 'warning' | 'breached' | 'no_data';

/** A DataDog SLO. @public */
export interface DemoSlo {
  id: string;
  name: string;
  description: string;
  type: 'metric' | 'monitor';
  service: string;
  group: string;
  tags: string[];
  timeframe: '7d' | '30d' | '90d';
  target: number;
  warning: number;
  health: DemoSloHealth;
  monitorIds: number[];
  query?: { numerator: string; denominator: string };
  createdAt: number;
  /** Anchor (epoch ms) of the generated burn episode (recent burst or past outage). */
  episodeAt: number;
  /** Requests per minute at the diurnal peak. */
  trafficPerMinute: number;
}

/** DataDog monitor states. @public */
export type DemoMonitorState = 'OK' | 'Alert' | 'Warn' | 'No Data';

/** A DataDog monitor. @public */
export interface DemoMonitor {
  id: number;
  name: string;
  type: 'query alert' | 'metric alert' | 'service check';
  query: string;
  message: string;
  service: string;
  tags: string[];
  state: DemoMonitorState;
  stateModified: number;
  created: number;
  priority: number | null;
  thresholds: { critical: number; warning?: number };
}

/** Sizes of the generated scale-mode organisation (on top of the demo org). @public */
export interface DemoScale {
  teams: number;
  services: number;
  incidents: number;
  slos: number;
  /**
   * Opsgenie alerts (pages) of the generated teams over the 180 days the sandbox serves,
   * about evenly spread over the teams; by default about 12.9 a day per team (about
   * 1,160,000 for 500 teams).
   */
  alerts?: number;
}

/** Opsgenie alert priorities. @public */
export type DemoAlertPriority = 'P1' | 'P2' | 'P3' | 'P4' | 'P5';

/**
 * Pages a day: a whole number drawn evenly from `min` to `max`, on a share `chance` of the
 * days (every day when absent; no page on the others), and with `everyDays`, only on one day
 * in that many. @public
 */
export interface DemoPageRate {
  min: number;
  max: number;
  chance?: number;
  everyDays?: number;
}

/**
 * How the sandbox's Opsgenie pages one team. The alerts themselves are never stored: each
 * day's are worked out from the seed, the profile and the team's schedules when asked for.
 *
 * @public
 */
export interface DemoAlertProfile {
  teamId: string;
  /** Services the alerts are about; each with each check is one alert kind (one alias). */
  services: string[];
  /**
   * Pages a day in the daily rhythm: most in the paged person's business hours, fewer in the
   * evening, none in their sleep hours (00:00–07:00 in their own time zone); Saturdays and
   * Sundays (UTC) get half.
   */
  daily: DemoPageRate;
  /** At most one sleep-hour page every `nightEvery` days (on half of those); 0: never. */
  nightEvery: number;
  /** Share of day-time pages the first level leaves to the escalation (secondary or team). */
  escalationRate: number;
  /**
   * From `since` (epoch ms) on: `daily` pages a day instead, and `nights` sleep-hour pages
   * every other night.
   */
  overload?: { since: number; daily: DemoPageRate; nights: DemoPageRate };
  /**
   * A flapping alert: fires `firings` times a day, repeats while open (the de-duplication
   * count), and closes itself within minutes, never acknowledged.
   */
  noisy?: {
    service: string;
    alias: string;
    message: string;
    firings: DemoPageRate;
  };
  /** Pages at these instants (epoch ms), acknowledged by whoever is on call then. */
  fixed: number[];
}

/** The truth the vendor fakes serve: the demo organisation. @public */
export interface DemoOrg {
  seed: number;
  /** Epoch ms the org was generated relative to. */
  generatedAt: number;
  groups: DemoGroup[];
  users: DemoUser[];
  teams: DemoTeam[];
  schedules: DemoSchedule[];
  escalations: DemoEscalation[];
  systems: DemoSystem[];
  services: DemoService[];
  /** Sorted by `updated` descending, then id descending. */
  incidents: DemoIncident[];
  slos: DemoSlo[];
  monitors: DemoMonitor[];
  /** Name of the schedule supplying the Incident Commander. */
  incidentCommanderSchedule: string;
  /** How each Opsgenie team is paged (the alert stream's shape), one per paged team. */
  alertProfiles: DemoAlertProfile[];
}
