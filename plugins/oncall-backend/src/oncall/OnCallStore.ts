import {
  EscalationPolicy,
  OnCallSchedule,
  OnCallTeam,
  OnCallTeamDetails,
  OnCallUser,
  ScheduleTimeline,
  TimelinePeriod,
} from './OnCallProvider';

/** Everything synced for one team. */
export interface TeamData {
  team: OnCallTeamDetails;
  schedules: OnCallSchedule[];
  escalations: EscalationPolicy[];
  syncedAt?: Date;
}

/** What a sync read for one team: its schedules, their timelines and its escalation policies. */
export interface SyncedTeamData {
  schedules: OnCallSchedule[];
  timelines: ScheduleTimeline[];
  escalations: EscalationPolicy[];
}

/** A timeline period together with the schedule it belongs to. */
export interface StoredPeriod extends TimelinePeriod {
  scheduleId: string;
}

/** The plugin's copy of the on-call system, refreshed by the sync task. */
export interface OnCallStore {
  /**
   * Replaces the team list (teams no longer present are removed with their data). `partial`:
   * the list may lack teams (a provider failed): teams are added and renamed, none removed.
   */
  replaceTeams(
    teams: OnCallTeam[],
    options?: { partial?: boolean },
  ): Promise<void>;
  listTeams(): Promise<OnCallTeam[]>;
  /** Case-insensitive lookup by team name. */
  findTeamByName(name: string): Promise<OnCallTeam | undefined>;
  /** Replaces one team's schedules, their timelines and its escalation policies. */
  replaceTeamData(
    team: OnCallTeamDetails,
    data: SyncedTeamData,
    syncedAt: Date,
  ): Promise<void>;
  /** Records schedules as listed (no timeline yet), so they can be found by name. */
  upsertSchedules(schedules: OnCallSchedule[]): Promise<void>;
  /** The team's synced data; undefined when the team was never synced (cold). */
  getTeamData(teamName: string): Promise<TeamData | undefined>;
  /** Schedules by name (case-insensitive), wherever their owner team. */
  findSchedulesByName(names: string[]): Promise<OnCallSchedule[]>;
  /** Periods of the schedules that overlap [from, to), ordered by start. */
  getPeriods(
    scheduleIds: string[],
    from: Date,
    to: Date,
  ): Promise<StoredPeriod[]>;
  /** Periods whose recipient is the given username, overlapping [from, to). */
  getPeriodsForRecipient(
    username: string,
    from: Date,
    to: Date,
  ): Promise<StoredPeriod[]>;
  /** Periods that start in [from, to], ordered by start (for shift reminders). */
  getPeriodsStarting(from: Date, to: Date): Promise<StoredPeriod[]>;
  /** Schedules ordered by id, `limit` after `afterId`. */
  listSchedulesPage(
    afterId: string | undefined,
    limit: number,
  ): Promise<OnCallSchedule[]>;
  getSchedulesByIds(ids: string[]): Promise<OnCallSchedule[]>;
  /** Replaces the users; `partial` (a provider failed): adds and updates, removes none. */
  replaceUsers(
    users: OnCallUser[],
    options?: { partial?: boolean },
  ): Promise<void>;
  /** Users by username (case-insensitive). */
  getUsers(usernames: string[]): Promise<OnCallUser[]>;
}
