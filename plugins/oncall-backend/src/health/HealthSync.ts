import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../database/SyncStateStore';
import { SingleFlightSync } from '../lib/SingleFlightSync';
import {
  OnCallProvider,
  OnCallSchedule,
  OnCallTeam,
  EscalationPolicy,
  TimelinePeriod,
} from '../oncall/OnCallProvider';
import { firstLevelPeriods, firstLevelSchedule, onCallAt } from './firstLevel';
import { StoredPage, StoredShift, HealthStore } from './HealthStore';
import { Page, PageProvider } from './PageProvider';

/** The sync-state scope of the whole run; each team has `health:<team id>`. */
export const HEALTH_SYNC_SCOPE = 'health';
export const teamScope = (teamId: string) => `${HEALTH_SYNC_SCOPE}:${teamId}`;

const DAY_MS = 24 * 60 * 60_000;
/** Timelines are read 49 days at a time (Opsgenie takes an interval of at most 52 units). */
const TIMELINE_WINDOW_MS = 49 * DAY_MS;

/** The on-call reads the health sync needs: teams, schedules, policies and timelines. */
export type ScheduleReader = Pick<
  OnCallProvider,
  'listTeams' | 'listSchedules' | 'listEscalations' | 'getTimeline'
>;

/** What one run did. */
export interface HealthSyncResult {
  teams: number;
  failedTeams: number;
  written: number;
  skipped: number;
  pruned: number;
}

/**
 * Incremental page sync. Per team: the pages changed since the team's watermark (the first
 * run reaches back `retentionDays`), each with who was first on call at its minute from the
 * schedule's final timeline and that person's time zone (the schedule's as fallback), plus
 * the first-level shifts over the same stretch. A bad record is skipped with its id; a team
 * whose read fails keeps its watermark and the others go on. Pages raised more than
 * `retentionDays` ago are pruned.
 */
export class HealthSync {
  readonly #flight: SingleFlightSync<HealthSyncResult>;

  constructor(
    private readonly options: {
      pages: PageProvider;
      schedules: ScheduleReader;
      store: HealthStore;
      syncState: SyncStateStore;
      logger: LoggerService;
      retentionDays: number;
      pageSize?: number;
      now?: () => Date;
    },
  ) {
    this.#flight = new SingleFlightSync({
      source: options.pages.source,
      scope: HEALTH_SYNC_SCOPE,
      syncState: options.syncState,
      logger: options.logger,
      name: 'Health sync',
      run: () => this.#run(),
    });
  }

  /** Runs one sync; concurrent callers in this process share the run in flight. */
  run(): Promise<HealthSyncResult> {
    return this.#flight.run();
  }

  /** Runs a sync when the source was never tried; never throws. */
  ensureSynced(): Promise<void> {
    return this.#flight.ensureSynced();
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async #run(): Promise<HealthSyncResult> {
    const source = this.options.pages.source;
    const startedAt = this.#now();
    try {
      const [teams, schedules, escalations, zones] = await Promise.all([
        this.options.schedules.listTeams(),
        this.options.schedules.listSchedules(),
        this.options.schedules.listEscalations(),
        this.options.pages.userTimeZones(),
      ]);
      const result: HealthSyncResult = {
        teams: teams.length,
        failedTeams: 0,
        written: 0,
        skipped: 0,
        pruned: 0,
      };
      for (const team of teams) {
        try {
          const done = await this.#syncTeam(team, {
            schedules,
            escalations,
            zones,
            now: startedAt,
          });
          result.written += done.written;
          result.skipped += done.skipped;
        } catch (error) {
          result.failedTeams++;
          const message =
            error instanceof Error ? error.message : String(error);
          await this.options.syncState.recordFailure(
            source,
            teamScope(team.id),
            message,
            this.#now(),
          );
          this.options.logger.warn(
            'Health sync of a team failed; its figures go stale',
            {
              source,
              team: team.name,
              error: message,
            },
          );
        }
      }
      result.pruned = await this.options.store.prune(
        new Date(startedAt.getTime() - this.options.retentionDays * DAY_MS),
      );
      await this.#flight.succeeded(this.#now());
      this.options.logger.info('Synced pages', {
        source,
        ...result,
        durationMs: this.#now().getTime() - startedAt.getTime(),
      });
      return result;
    } catch (error) {
      throw await this.#flight.failed(error, this.#now());
    }
  }

  async #syncTeam(
    team: OnCallTeam,
    context: {
      schedules: OnCallSchedule[];
      escalations: EscalationPolicy[];
      zones: Map<string, string>;
      now: Date;
    },
  ): Promise<{ written: number; skipped: number }> {
    const source = this.options.pages.source;
    const scope = teamScope(team.id);
    const state = await this.options.syncState.get(source, scope);
    const stored = state?.watermark ? Number(state.watermark) : Number.NaN;
    const since = Number.isFinite(stored)
      ? new Date(stored)
      : new Date(context.now.getTime() - this.options.retentionDays * DAY_MS);
    let watermark = since;
    const pages: Page[] = [];
    let skipped = 0;
    for await (const batch of this.options.pages.pagesChangedSince(
      team,
      since,
      {
        pageSize: this.options.pageSize,
      },
    )) {
      for (const rejected of batch.rejected) {
        this.options.logger.warn('Skipped a page that could not be read', {
          source,
          team: team.name,
          pageId: rejected.id ?? 'unknown',
          reason: rejected.reason,
        });
      }
      skipped += batch.rejected.length;
      pages.push(...batch.items);
      if (batch.watermark && batch.watermark > watermark) {
        watermark = batch.watermark;
      }
    }

    const schedule = firstLevelSchedule(
      team.id,
      context.schedules,
      context.escalations,
    );
    const from = new Date(
      Math.min(since.getTime(), ...pages.map(p => p.createdAt.getTime())),
    );
    let toStore: StoredPage[] = pages.map(p => ({ ...p, teamId: team.id }));
    if (schedule) {
      const periods = firstLevelPeriods(
        schedule,
        await this.#timeline(schedule.id, from, context.now),
      );
      toStore = toStore.map(p => {
        const first = onCallAt(periods, p.createdAt);
        const zone = first
          ? context.zones.get(first.username.toLocaleLowerCase('en-US'))
          : undefined;
        return {
          ...p,
          responder: first?.username,
          rotation: first?.rotation,
          scheduleName: schedule.name,
          responderTimeZone: zone ?? schedule.timezone,
        };
      });
      const shifts: StoredShift[] = periods.map(p => ({
        teamId: team.id,
        scheduleId: schedule.id,
        scheduleName: schedule.name,
        rotation: p.rotationName,
        username: p.recipient.name!,
        start: new Date(Math.max(p.start.getTime(), from.getTime())),
        end: new Date(Math.min(p.end.getTime(), context.now.getTime())),
      }));
      await this.options.store.replaceShifts(
        source,
        team.id,
        from,
        shifts.filter(x => x.end > x.start),
      );
    }
    await this.options.store.upsertPages(source, toStore);
    await this.options.syncState.recordSuccess(
      source,
      scope,
      this.#now(),
      String(watermark.getTime()),
    );
    return { written: toStore.length, skipped };
  }

  /** A schedule's final timeline over [from, to), read in windows the vendor accepts. */
  async #timeline(
    scheduleId: string,
    from: Date,
    to: Date,
  ): Promise<TimelinePeriod[]> {
    const periods: TimelinePeriod[] = [];
    for (let start = from.getTime(); start < to.getTime(); ) {
      const end = Math.min(start + TIMELINE_WINDOW_MS, to.getTime());
      const timeline = await this.options.schedules.getTimeline(
        scheduleId,
        new Date(start),
        new Date(end),
      );
      periods.push(
        ...timeline.periods
          .filter(p => p.end.getTime() > start && p.start.getTime() < end)
          .map(p => ({
            ...p,
            start: new Date(Math.max(p.start.getTime(), start)),
            end: new Date(Math.min(p.end.getTime(), end)),
          })),
      );
      start = end;
    }
    return periods;
  }
}
