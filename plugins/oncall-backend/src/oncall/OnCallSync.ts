import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../database/SyncStateStore';
import { OnCallProvider, OnCallTeam } from './OnCallProvider';
import { OnCallStore, TeamData } from './OnCallStore';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { SingleFlight } from '../lib/singleFlight';
import { Shard, WHOLE, inShard, isLeadShard } from '../lib/shards';
import {
  OnCallDirectory,
  refreshChanged,
  teamEntry,
} from './checks/refreshChanged';
import { FarCheckSweep } from './checks/farChecks';
import { encodeTeamRead, teamDigest } from './checks/teamReads';

/** Sync-state scope of the team list and users. */
export const DIRECTORY_SCOPE = 'directory';
/** Sync-state scope of one team's schedules, timelines and escalations. */
export const teamScope = (teamName: string) =>
  `team:${teamName.toLocaleLowerCase('en-US')}`;

/** Timelines are read 8 weeks ahead: the calendar feed lists the next 8 weeks of shifts. */
const HORIZON_MS = 56 * 24 * 60 * 60 * 1000;
/** How long a cold team fetch may reuse the team/schedule/escalation lists just read. */
const DIRECTORY_REUSE_MS = 60_000;
/** Teams refreshed side by side by a full refresh. */
const TEAM_CONCURRENCY = 4;

type Directory = OnCallDirectory;

/** How a sync that can check stored timelines against the vendor spends its requests. */
export interface OnCallChecks {
  /** The directory is listed again, and a differing team read again, after at most this. */
  maxStaleMs: number;
  /** Every team is read again in full about this often, spread over the runs. */
  rereadMs: number;
}

/**
 * Copies the on-call system into the store: teams → schedules → timelines (now → +8 weeks,
 * overrides applied) → escalations → users. Runs in the scheduled task for every team, and
 * on a cold miss for one team (shared between concurrent callers).
 */
export class OnCallSync {
  readonly #teamFlights = new SingleFlight<TeamData | undefined>();
  readonly #directoryFlight = new SingleFlight<Directory>();
  /** The far check instants swept in turn, per shard index. */
  readonly #sweeps = new Map<number, FarCheckSweep>();
  /** The directory last listed, and whether that read also wrote it to the store. */
  #lastDirectory?: { at: Date; directory: Directory; written: boolean };

  constructor(
    private readonly options: {
      provider: OnCallProvider;
      store: OnCallStore;
      syncState: SyncStateStore;
      logger: LoggerService;
      now?: () => Date;
      /**
       * With a vendor that answers who is on call in every schedule at once: read only what
       * changed (see `refreshChanged`). Without: every run reads every team.
       */
      checks?: OnCallChecks;
    },
  ) {}

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * The scheduled run: reads what changed when the vendor can be checked cheaply, else every
   * team. Failures are recorded per scope; the task itself does not throw. With a `shard`,
   * only that shard's teams; the lead shard also writes the directory (teams, schedules,
   * users), the others only list it.
   */
  async refresh(
    shard: Shard = WHOLE,
  ): Promise<{ teams: number; failed: number }> {
    const checks = this.options.checks;
    const provider = this.options.provider;
    if (!checks || !provider.onCallsAt) {
      return this.refreshAll(shard);
    }
    return refreshChanged({
      shard,
      vendor: provider.id,
      onCallsAt: at => provider.onCallsAt!(at),
      store: this.options.store,
      syncState: this.options.syncState,
      logger: this.options.logger,
      now: this.#now(),
      directory: () =>
        this.#directoryWithin(checks.maxStaleMs, isLeadShard(shard)),
      readTeam: (team, directory, differs) =>
        this.#refreshTeam(team, directory, differs),
      recordFailure: (scope, error) => this.#recordFailure(scope, error),
      teamScope,
      directoryScope: DIRECTORY_SCOPE,
      maxStaleMs: checks.maxStaleMs,
      rereadMs: checks.rereadMs,
      farChecks: this.#sweepOf(shard),
    });
  }

  #sweepOf(shard: Shard): FarCheckSweep {
    let sweep = this.#sweeps.get(shard.index);
    if (!sweep) {
      sweep = new FarCheckSweep();
      this.#sweeps.set(shard.index, sweep);
    }
    return sweep;
  }

  /**
   * Reads every team (of the shard). Failures are recorded per scope; the task itself does
   * not throw.
   */
  async refreshAll(
    shard: Shard = WHOLE,
  ): Promise<{ teams: number; failed: number }> {
    const started = Date.now();
    let directory: Directory;
    try {
      directory = isLeadShard(shard)
        ? await this.#refreshDirectory()
        : await this.#directoryWithin(0, false);
    } catch (error) {
      await this.#recordDirectoryFailure(error);
      return { teams: 0, failed: 1 };
    }
    const teams = directory.teams.filter(team => inShard(team.name, shard));
    let failed = 0;
    // a few teams side by side (each reads its details and timelines at once); the vendor
    // policy's concurrency cap still applies
    await mapWithConcurrency(teams, TEAM_CONCURRENCY, async team => {
      try {
        await this.#refreshTeam(team, directory);
      } catch (error) {
        failed++;
        await this.#recordFailure(teamScope(team.name), error);
      }
    });
    this.options.logger.info('Synced on-call teams', {
      teams: teams.length,
      failed,
      durationMs: Date.now() - started,
      ...(shard.count > 1 && { shard: `${shard.index + 1}/${shard.count}` }),
    });
    return { teams: teams.length, failed };
  }

  /**
   * The team's data from the store; when the store has none yet, fetches it once from the
   * vendor (concurrent callers share the fetch) and persists it. A failed cold fetch is
   * recorded and answers undefined.
   */
  async ensureTeam(teamName: string): Promise<TeamData | undefined> {
    const stored = await this.options.store.getTeamData(teamName);
    if (stored) {
      return stored;
    }
    return this.#teamFlights.run(teamScope(teamName), async () => {
      // A caller that read the store just before another flight persisted the team.
      const persisted = await this.options.store.getTeamData(teamName);
      if (persisted) {
        return persisted;
      }
      try {
        const directory = await this.#recentDirectory();
        const team = directory.teams.find(
          t =>
            t.name.toLocaleLowerCase('en-US') ===
            teamName.toLocaleLowerCase('en-US'),
        );
        if (!team) {
          return undefined;
        }
        await this.#refreshTeam(team, directory);
        return await this.options.store.getTeamData(teamName);
      } catch (error) {
        await this.#recordFailure(teamScope(teamName), error);
        return undefined;
      }
    });
  }

  /** Whether a team of that name exists; reads the team list from the vendor when cold. */
  async teamExists(teamName: string): Promise<boolean> {
    if (await this.options.store.findTeamByName(teamName)) {
      return true;
    }
    await this.ensureDirectory();
    return Boolean(await this.options.store.findTeamByName(teamName));
  }

  /**
   * Whether the on-call tool has a team of that name. A name the store does not know is
   * checked against the team list read within the last minute (read now if older), so a team
   * created since the last sync is found. Undefined when the team list cannot be read.
   */
  async hasTeam(teamName: string): Promise<boolean | undefined> {
    if (await this.options.store.findTeamByName(teamName)) {
      return true;
    }
    try {
      const directory = await this.#recentDirectory();
      const wanted = teamName.toLocaleLowerCase('en-US');
      return directory.teams.some(
        t => t.name.toLocaleLowerCase('en-US') === wanted,
      );
    } catch (error) {
      await this.#recordDirectoryFailure(error);
      return undefined;
    }
  }

  /** Whether the team list was ever read, so the store can say which teams exist. */
  async directoryKnown(): Promise<boolean> {
    const synced = await this.options.syncState.get(
      this.options.provider.id,
      DIRECTORY_SCOPE,
    );
    return Boolean(synced?.asOf);
  }

  /** Reads teams, schedules, escalations and users once when they were never synced. */
  async ensureDirectory(): Promise<void> {
    const synced = await this.options.syncState.get(
      this.options.provider.id,
      DIRECTORY_SCOPE,
    );
    if (synced?.asOf) {
      return;
    }
    try {
      await this.#directoryFlight.run(DIRECTORY_SCOPE, () =>
        this.#refreshDirectory(),
      );
    } catch (error) {
      await this.#recordDirectoryFailure(error);
    }
  }

  /** The directory read within the last minute, or a fresh one (shared between callers). */
  #recentDirectory(): Promise<Directory> {
    return this.#directoryWithin(DIRECTORY_REUSE_MS);
  }

  /**
   * The directory read within `maxAgeMs`, or a fresh one (shared between callers). `write`:
   * the read must also have been written to the store; without, the lists alone are read
   * (teams, schedules, escalations: no users, no writes).
   */
  async #directoryWithin(maxAgeMs: number, write = true): Promise<Directory> {
    const last = this.#lastDirectory;
    if (
      last &&
      (last.written || !write) &&
      this.#now().getTime() - last.at.getTime() < maxAgeMs
    ) {
      return last.directory;
    }
    return write
      ? this.#directoryFlight.run(DIRECTORY_SCOPE, () =>
          this.#refreshDirectory(),
        )
      : this.#directoryFlight.run(`${DIRECTORY_SCOPE}:lists`, () =>
          this.#listDirectory(),
        );
  }

  /** The team, schedule and escalation lists, not written (a shard other than the lead's). */
  async #listDirectory(): Promise<Directory> {
    const [teams, schedules, escalations] = await Promise.all([
      this.options.provider.listTeams(),
      this.options.provider.listSchedules(),
      this.options.provider.listEscalations(),
    ]);
    const directory = { teams, schedules, escalations };
    this.#lastDirectory = { at: this.#now(), directory, written: false };
    return directory;
  }

  async #refreshDirectory(): Promise<Directory> {
    const [teams, schedules, escalations, users] = await Promise.all([
      this.options.provider.listTeams(),
      this.options.provider.listSchedules(),
      this.options.provider.listEscalations(),
      this.options.provider.listUsers(),
    ]);
    // a provider that failed is missing from the lists: keep what the store has of it
    const partial = (this.options.provider.failures?.() ?? []).length > 0;
    await this.options.store.replaceTeams(teams, { partial });
    await this.options.store.upsertSchedules(schedules);
    await this.options.store.replaceUsers(users, { partial });
    const at = this.#now();
    await this.options.syncState.recordSuccess(
      this.options.provider.id,
      DIRECTORY_SCOPE,
      at,
    );
    const directory = { teams, schedules, escalations };
    this.#lastDirectory = { at, directory, written: true };
    return directory;
  }

  /** Reads one team in full; `differed`: because a check found its timeline differing. */
  async #refreshTeam(
    team: OnCallTeam,
    directory: Directory,
    differed = false,
  ): Promise<void> {
    const now = this.#now();
    const until = new Date(now.getTime() + HORIZON_MS);
    const { schedules, escalations } = teamEntry(team, directory);
    const [details, timelines] = await Promise.all([
      this.options.provider.getTeam(team.id),
      Promise.all(
        schedules
          .filter(s => s.enabled)
          .map(s => this.options.provider.getTimeline(s.id, now, until)),
      ),
    ]);
    await this.options.store.replaceTeamData(
      { ...team, members: details.members },
      { schedules, timelines, escalations },
      now,
    );
    await this.options.syncState.recordSuccess(
      this.options.provider.id,
      teamScope(team.name),
      now,
      encodeTeamRead({
        readAt: now,
        digest: teamDigest(schedules, escalations),
        differed,
      }),
    );
  }

  async #recordDirectoryFailure(error: unknown): Promise<void> {
    await this.#recordFailure(DIRECTORY_SCOPE, error);
    for (const team of await this.options.store.listTeams()) {
      await this.#recordFailure(teamScope(team.name), error);
    }
  }

  async #recordFailure(scope: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    this.options.logger.warn('On-call sync failed', { scope, error: message });
    await this.options.syncState.recordFailure(
      this.options.provider.id,
      scope,
      message,
      this.#now(),
    );
  }
}
