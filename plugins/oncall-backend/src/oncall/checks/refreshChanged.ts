import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../../database/SyncStateStore';
import { mapWithConcurrency } from '../../lib/mapWithConcurrency';
import { Shard, inShard, isLeadShard } from '../../lib/shards';
import {
  EscalationPolicy,
  OnCallSchedule,
  OnCallTeam,
  OnCallVendor,
  ScheduleOnCalls,
} from '../OnCallProvider';
import { OnCallStore } from '../OnCallStore';
import { FarCheckSweep } from './farChecks';
import {
  CHECK_OFFSETS_MINUTES,
  differingSchedules,
} from './differingSchedules';
import {
  ReadReason,
  TeamReadState,
  decodeTeamRead,
  planTeamReads,
  teamDigest,
} from './teamReads';

/** The team list with every schedule and escalation policy, as listed by the vendor. */
export interface OnCallDirectory {
  teams: OnCallTeam[];
  schedules: OnCallSchedule[];
  escalations: EscalationPolicy[];
}

/** Teams read side by side in one run. */
const TEAM_CONCURRENCY = 4;

/** A team's own schedules and escalation policies in the directory. */
export function teamEntry(team: OnCallTeam, directory: OnCallDirectory) {
  return {
    schedules: directory.schedules.filter(s => s.ownerTeam?.id === team.id),
    escalations: directory.escalations.filter(e => e.ownerTeam?.id === team.id),
  };
}

/** What one change-check run needs from the sync. */
export interface ChangeRunContext {
  /** The teams this run covers; the lead shard also keeps the directory's sync state. */
  shard: Shard;
  vendor: OnCallVendor;
  onCallsAt(at: Date): Promise<ScheduleOnCalls[]>;
  store: OnCallStore;
  syncState: SyncStateStore;
  logger: LoggerService;
  now: Date;
  /** The directory read within `maxStaleMs`, or read now. */
  directory(): Promise<OnCallDirectory>;
  /** Reads one team in full; `differs`: a check found its stored timeline differing. */
  readTeam(
    team: OnCallTeam,
    directory: OnCallDirectory,
    differs: boolean,
  ): Promise<void>;
  recordFailure(scope: string, error: unknown): Promise<void>;
  teamScope(name: string): string;
  directoryScope: string;
  maxStaleMs: number;
  rereadMs: number;
  /** Chooses the instants beyond the near ones a run also asks about. */
  farChecks?: FarCheckSweep;
}

/**
 * Who is on call at each of `instants` (one vendor request per instant, side by side), with
 * the checked schedules whose stored timeline answers otherwise (one store read for all).
 */
async function askAt(
  ctx: ChangeRunContext,
  checked: Set<string>,
  instants: Date[],
): Promise<Array<{ vendor: ScheduleOnCalls[]; differing: Set<string> }>> {
  if (instants.length === 0) {
    return [];
  }
  const times = instants.map(at => at.getTime());
  const stored = await ctx.store.getPeriods(
    [...checked],
    new Date(Math.min(...times)),
    new Date(Math.max(...times) + 1),
  );
  return Promise.all(
    instants.map(async at => {
      const vendor = await ctx.onCallsAt(at);
      return {
        vendor,
        differing: differingSchedules({ vendor, stored, at, checked }),
      };
    }),
  );
}

/**
 * The schedules whose stored timeline answers otherwise than the vendor at any check instant,
 * and the schedules the vendor answered for (at now).
 */
async function checkSchedules(
  ctx: ChangeRunContext,
  checked: Set<string>,
): Promise<{ differing: Set<string>; covered: Set<string> }> {
  if (checked.size === 0) {
    // nothing read yet: every team with a schedule is read this run anyway
    return { differing: new Set(), covered: new Set() };
  }
  // the near instants first, the far ones only when those answered: a vendor that
  // throttles or fails gets no more requests from this run than before the far checks
  const near = await askAt(
    ctx,
    checked,
    CHECK_OFFSETS_MINUTES.map(
      minutes => new Date(ctx.now.getTime() + minutes * 60_000),
    ),
  );
  const far = await askAt(ctx, checked, ctx.farChecks?.next(ctx.now) ?? []);
  const answers = [...near, ...far];
  // the first instant is now
  const now = near[0].vendor;
  return {
    differing: new Set(answers.flatMap(a => [...a.differing])),
    covered: new Set(now.map(a => a.scheduleId)),
  };
}

/**
 * One run of the on-call sync with a provider that answers who is on call in every schedule
 * at once (Opsgenie, or several providers one of which does): lists the directory when it is
 * older than `maxStaleMs`, asks who is on call now, at a few instants ahead and at the run's
 * share of a week's far instants (`farChecks`), and reads in
 * full only the teams that are new, changed, not covered by the answers (another provider's),
 * differ from what is stored, or are due for their periodic re-read. Teams found current are
 * marked so (their `as_of` moves on) without a read.
 */
export async function refreshChanged(
  ctx: ChangeRunContext,
): Promise<{ teams: number; failed: number; read: number }> {
  const started = Date.now();
  const states = new Map(
    (await ctx.syncState.list(ctx.vendor)).map(s => [s.scope, s]),
  );
  let directory: OnCallDirectory;
  try {
    directory = await ctx.directory();
  } catch (error) {
    await ctx.recordFailure(ctx.directoryScope, error);
    return { teams: 0, failed: 1, read: 0 };
  }
  const teams = directory.teams
    .filter(team => inShard(team.name, ctx.shard))
    .map(team => {
      const entry = teamEntry(team, directory);
      return {
        team,
        entry,
        read: decodeTeamRead(states.get(ctx.teamScope(team.name))?.watermark),
      };
    });
  const checked = new Set(
    teams.flatMap(t =>
      t.read ? t.entry.schedules.filter(s => s.enabled).map(s => s.id) : [],
    ),
  );
  let differing: Set<string>;
  let covered: Set<string>;
  try {
    ({ differing, covered } = await checkSchedules(ctx, checked));
  } catch (error) {
    await ctx.recordFailure(ctx.directoryScope, error);
    return { teams: teams.length, failed: teams.length, read: 0 };
  }
  const differs = (t: { entry: { schedules: OnCallSchedule[] } }) =>
    t.entry.schedules.some(s => differing.has(s.id));
  const planned = planTeamReads({
    teams: teams.map(
      (t): TeamReadState => ({
        name: t.team.name,
        read: t.read,
        digest: teamDigest(t.entry.schedules, t.entry.escalations),
        differs: differs(t),
        checked: t.entry.schedules.every(s => !s.enabled || covered.has(s.id)),
      }),
    ),
    now: ctx.now,
    rereadMs: ctx.rereadMs,
    cooldownMs: ctx.maxStaleMs,
  });
  const reasons = new Map(planned.map(p => [p.name, p.reason]));
  let failed = 0;
  await mapWithConcurrency(
    teams.filter(t => reasons.has(t.team.name)),
    TEAM_CONCURRENCY,
    async t => {
      const { team } = t;
      try {
        await ctx.readTeam(team, directory, differs(t));
      } catch (error) {
        failed++;
        await ctx.recordFailure(ctx.teamScope(team.name), error);
      }
    },
  );
  // teams not read whose schedules answered as stored are current as of this run
  const current = teams
    .filter(t => !reasons.has(t.team.name) && t.read && !differs(t))
    .map(t => ctx.teamScope(t.team.name));
  await ctx.syncState.touch(
    ctx.vendor,
    isLeadShard(ctx.shard) ? [ctx.directoryScope, ...current] : current,
    ctx.now,
  );
  const byReason: Partial<Record<ReadReason, number>> = {};
  for (const { reason } of planned) {
    byReason[reason] = (byReason[reason] ?? 0) + 1;
  }
  ctx.logger.info('Synced on-call teams', {
    teams: teams.length,
    failed,
    read: planned.length,
    ...byReason,
    differingSchedules: differing.size,
    durationMs: Date.now() - started,
    ...(ctx.shard.count > 1 && {
      shard: `${ctx.shard.index + 1}/${ctx.shard.count}`,
    }),
  });
  return { teams: teams.length, failed, read: planned.length };
}
