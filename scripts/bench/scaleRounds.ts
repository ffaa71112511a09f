import { statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { BackendProcess, HarnessRun, ScratchDatabase } from '../harness';
import { r1 } from './lib';
import { SYNC_TASKS, SyncTask, tasks, timedSync } from './tasks';
import { ProviderMode } from './providers';

// config files merge objects key by key, so the units app-config.yaml sets are zeroed

/**
 * One run at start-up (the full sync into the empty store), the next one far away: the
 * benchmark triggers later runs itself. (A task still in its initial wait ignores triggers,
 * so the first run is the scheduled one.)
 */
export const firstRunOnly = {
  frequency: { minutes: 600, seconds: 0 },
  timeout: { minutes: 60, seconds: 0 },
  initialDelay: { seconds: 5, minutes: 0 },
};

/** A task that does not run while the figures are taken. */
export const notNow = {
  frequency: { minutes: 600, seconds: 0 },
  timeout: { minutes: 60, seconds: 0 },
  initialDelay: { minutes: 600, seconds: 0 },
};

/**
 * A bench backend's config: the three syncs on `schedule` (and any other `refresh` settings),
 * the health refresh and the search collators never, vendor calls timing out after 30 s.
 */
export function syncConfig(
  schedule: object,
  refresh: object = {},
): Record<string, any> {
  return {
    oncall: {
      refresh: {
        onCall: schedule,
        incidents: schedule,
        slos: schedule,
        ...refresh,
      },
      health: { refresh: notNow },
      vendorTimeoutMs: 30_000,
    },
    search: { collators: { oncall: { schedule: notNow } } },
  };
}

export interface SyncRound {
  wallMs: number;
  byTask: Record<string, { ms?: number; error?: string }>;
}

/**
 * Waits for the first (scheduled) run of every sync task. A run's start is the scheduler's
 * `startedAt` (whole seconds on SQLite), its end when this poll first sees it idle again.
 */
export async function firstRuns(
  backend: BackendProcess,
  timeoutMs: number,
  taskIds: readonly string[] = SYNC_TASKS,
): Promise<SyncRound> {
  const startedAt: Record<string, number> = {};
  const endedAt: Record<string, number> = {};
  const errors: Record<string, string | undefined> = {};
  const deadline = Date.now() + timeoutMs;
  while (
    Object.keys(endedAt).length < taskIds.length &&
    Date.now() < deadline
  ) {
    for (const [id, info] of await tasks(backend)) {
      const state = info.taskState;
      // only the tasks asked for: the scheduler also lists others, whose end must not count
      if (!taskIds.includes(id)) continue;
      if (!state || endedAt[id] !== undefined) continue;
      if (state.status === 'running' && state.startedAt) {
        startedAt[id] = Date.parse(state.startedAt);
      } else if (state.status === 'idle' && state.lastRunEndedAt) {
        endedAt[id] = Date.now();
        errors[id] = state.lastRunError;
        startedAt[id] ??= Date.parse(state.lastRunEndedAt);
      }
    }
    if (!backend.process.running)
      throw new Error(`${backend.name} exited\n${backend.process.tail()}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const byTask: SyncRound['byTask'] = {};
  for (const task of taskIds) {
    byTask[task] =
      endedAt[task] === undefined
        ? { error: `did not finish within ${timeoutMs / 1000} s` }
        : { ms: endedAt[task] - startedAt[task], error: errors[task] };
  }
  const starts = Object.values(startedAt);
  const ends = Object.values(endedAt);
  return {
    wallMs:
      ends.length === taskIds.length
        ? Math.max(...ends) - Math.min(...starts)
        : NaN,
    byTask,
  };
}

/**
 * Triggers the three sync tasks together and waits for all of them. A task's time and the
 * wall are the runs' own (from the first poll that sees a run running to the one that sees it
 * end); `triggerWallMs` adds the scheduler's pick-up of a triggered task (its worker looks for
 * due work every few seconds), which a scheduled run does not wait for.
 */
export async function syncAll(
  backend: BackendProcess,
  timeoutMs: number,
): Promise<SyncRound & { triggerWallMs: number }> {
  const started = Date.now();
  const byTask: SyncRound['byTask'] = {};
  const runs: Array<{ startedAt: number; endedAt: number }> = [];
  await Promise.all(
    SYNC_TASKS.map(async (task: SyncTask) => {
      try {
        const outcome = await timedSync(backend, task, timeoutMs);
        byTask[task] = { ms: outcome.run.ms, error: outcome.error };
        runs.push(outcome.run);
      } catch (error) {
        byTask[task] = { error: String(error) };
      }
    }),
  );
  return {
    wallMs:
      runs.length === SYNC_TASKS.length
        ? Math.max(...runs.map(r => r.endedAt)) -
          Math.min(...runs.map(r => r.startedAt))
        : NaN,
    triggerWallMs: Date.now() - started,
    byTask,
  };
}

export async function storeSize(
  run: HarnessRun,
  database: 'sqlite' | ScratchDatabase,
  mode: ProviderMode,
): Promise<{ mib: number; rows: string }> {
  if (database === 'sqlite') {
    const file = join(run.dir, `oncall-${mode}.sqlite`);
    const size = ['', '-wal', '-shm']
      .map(suffix => `${file}${suffix}`)
      .filter(f => existsSync(f))
      .reduce((sum, f) => sum + statSync(f).size, 0);
    return { mib: size / 1048576, rows: '' };
  }
  const rows = await database.query<{ name: string; bytes: string; n: string }>(
    `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes, c.reltuples::bigint AS n
       FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE ns.nspname = 'oncall' AND c.relkind = 'r'`,
  );
  const bytes = rows.reduce((sum, r) => sum + Number(r.bytes), 0);
  const top = rows
    .sort((a, b) => Number(b.bytes) - Number(a.bytes))
    .slice(0, 4)
    .map(r => `${r.name} ${r1(Number(r.bytes) / 1048576)} MiB`)
    .join(', ');
  return { mib: bytes / 1048576, rows: top };
}
