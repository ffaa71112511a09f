/*
 * bench:scale — the sandbox in scale mode (500 teams / 5,000 services / 100,000 incidents /
 * 10,000 SLOs) synced into the plugin's store on SQLite (file-backed) and on PostgreSQL:
 * full sync time (empty store; the three sync tasks triggered together, as at start-up),
 * incremental sync time (the same tasks again on the filled store), peak RSS of the backend
 * (VmHWM) and store size.
 *
 * Each store runs twice, one backend after the other on the same sandbox: reading Opsgenie only,
 * then the mixed-provider org (Opsgenie + JSM Operations + PagerDuty, `oncall.migration.prefer`
 * as in app-config.yaml: every third generated team also on JSM, every fifth of the others on
 * PagerDuty), printed side by side with their ratio.
 *
 *   yarn bench:scale     (BENCH_DATABASES=sqlite,postgres BENCH_SYNC_TIMEOUT_S=1200
 *                         BENCH_TEAMS=500 BENCH_SERVICES=5000 BENCH_INCIDENTS=100000 BENCH_SLOS=10000
 *                         BENCH_PROVIDERS=opsgenie,mixed
 *                         ONCALL_BACKEND_HEAP_MIB=<old-space limit of the backend>)
 */
import { statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  BackendProcess,
  HarnessRun,
  ScratchDatabase,
  backendDir,
  createDatabase,
  createRun,
  startBackend,
} from '../harness';
import {
  BenchSandbox,
  ProviderMode,
  SYNC_TASKS,
  cpuMsOf,
  SyncTask,
  jsmTeamCount,
  memoryOf,
  pagerDutyTeamCount,
  printTable,
  providerConfig,
  providerModes,
  r1,
  runBench,
  sampleRss,
  startBenchSandbox,
  tasks,
  teamsByProvider,
  timedSync,
  vendorTotals,
} from './lib';

const SCALE = {
  teams: Number(process.env.BENCH_TEAMS ?? 500),
  services: Number(process.env.BENCH_SERVICES ?? 5_000),
  incidents: Number(process.env.BENCH_INCIDENTS ?? 100_000),
  slos: Number(process.env.BENCH_SLOS ?? 10_000),
};
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const SYNC_TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_S ?? 1200) * 1000;

/**
 * One run at start-up (the full sync into the empty store), the next one far away: the
 * benchmark triggers the incremental run itself. (A task still in its initial wait ignores
 * triggers, so the first run is the scheduled one.)
 */
const firstRunOnly = {
  frequency: { minutes: 600, seconds: 0 },
  timeout: { minutes: 60, seconds: 0 },
  initialDelay: { seconds: 5, minutes: 0 },
};
/** The portal's own search collation would read the store at the same time: kept out. */
const noCollation = {
  frequency: { minutes: 600 },
  timeout: { minutes: 60 },
  initialDelay: { minutes: 600, seconds: 0 },
};

/** Merges `source` into `target`, object by object (a null replaces, as in config files). */
function deepMergeInto(
  target: Record<string, any>,
  source: Record<string, any>,
): void {
  for (const [key, value] of Object.entries(source)) {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      target[key] &&
      typeof target[key] === 'object'
    ) {
      deepMergeInto(target[key], value);
    } else {
      target[key] = value;
    }
  }
}

interface SyncRound {
  wallMs: number;
  byTask: Record<string, { ms?: number; error?: string }>;
}

/**
 * Waits for the first (scheduled) run of every sync task. A run's start is the scheduler's
 * `startedAt` (whole seconds on SQLite), its end when this poll first sees it idle again.
 */
async function firstRuns(backend: BackendProcess): Promise<SyncRound> {
  const startedAt: Record<string, number> = {};
  const endedAt: Record<string, number> = {};
  const errors: Record<string, string | undefined> = {};
  const deadline = Date.now() + SYNC_TIMEOUT_MS;
  while (
    Object.keys(endedAt).length < SYNC_TASKS.length &&
    Date.now() < deadline
  ) {
    for (const [id, info] of await tasks(backend)) {
      const state = info.taskState;
      // only the three sync tasks: the scheduler also lists others (e.g. the health sync),
      // whose end must not count as one of theirs
      if (!(SYNC_TASKS as readonly string[]).includes(id)) continue;
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
  for (const task of SYNC_TASKS) {
    byTask[task] =
      endedAt[task] === undefined
        ? { error: `did not finish within ${SYNC_TIMEOUT_MS / 1000} s` }
        : { ms: endedAt[task] - startedAt[task], error: errors[task] };
  }
  const starts = Object.values(startedAt);
  const ends = Object.values(endedAt);
  return {
    wallMs:
      ends.length === SYNC_TASKS.length
        ? Math.max(...ends) - Math.min(...starts)
        : NaN,
    byTask,
  };
}

/** Triggers the three sync tasks together and waits for all of them. */
async function syncAll(backend: BackendProcess): Promise<SyncRound> {
  const started = Date.now();
  const byTask: SyncRound['byTask'] = {};
  await Promise.all(
    SYNC_TASKS.map(async (task: SyncTask) => {
      try {
        byTask[task] = await timedSync(backend, task, SYNC_TIMEOUT_MS);
      } catch (error) {
        byTask[task] = { error: String(error) };
      }
    }),
  );
  return { wallMs: Date.now() - started, byTask };
}

async function storeSize(
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

async function measure(
  run: HarnessRun,
  sandbox: BenchSandbox,
  kind: string,
  mode: ProviderMode,
  cleanup: Array<() => Promise<unknown>>,
) {
  let database: 'sqlite' | ScratchDatabase = 'sqlite';
  const config: Record<string, any> = {
    oncall: {
      refresh: {
        onCall: firstRunOnly,
        incidents: firstRunOnly,
        slos: firstRunOnly,
      },
      vendorTimeoutMs: 30_000,
    },
    search: { collators: { oncall: { schedule: noCollation } } },
  };
  if (kind === 'postgres') {
    database = await createDatabase(`${run.id}_pg_${mode}`);
    const scratch = database;
    cleanup.push(() => scratch.drop());
  } else {
    config.backend = {
      ...config.backend,
      database: {
        plugin: {
          oncall: {
            client: 'better-sqlite3',
            // the connector joins the file name to the backend's working directory
            connection: {
              filename: relative(
                backendDir,
                join(run.dir, `oncall-${mode}.sqlite`),
              ),
            },
          },
        },
      },
    };
  }
  deepMergeInto(config, providerConfig(mode, sandbox.url));
  await sandbox.client.resetStats();
  const backend = await startBackend(run, {
    name: `backend-${kind}-${mode}`,
    sandbox: { url: sandbox.url },
    database,
    config,
    startTimeoutMs: 300_000,
  });
  cleanup.push(() => backend.stop());
  const known = await tasks(backend);
  for (const task of SYNC_TASKS) {
    if (!known.has(task)) throw new Error(`${kind}: no scheduled task ${task}`);
  }
  const rssAtStart = memoryOf(backend.process.pid).rssMiB;
  const cpu = () => ({
    backend: cpuMsOf(backend.process.pid),
    sandbox: cpuMsOf(sandbox.process.pid),
  });
  const cpuStart = cpu();
  const rss = sampleRss(backend.process.pid, 200);
  const full = await firstRuns(backend);
  const fullRss = rss.stop();
  const cpuFull = cpu();
  const fullStats = await sandbox.client.stats();
  await sandbox.client.resetStats();
  const rss2 = sampleRss(backend.process.pid, 200);
  const cpuBeforeIncremental = cpu();
  const incremental = await syncAll(backend);
  const incrementalRss = rss2.stop();
  const cpuIncremental = cpu();
  const incrementalStats = await sandbox.client.stats();
  const { hwmMiB } = memoryOf(backend.process.pid);
  const size = await storeSize(run, database, mode);
  const coverage = await teamsByProvider(backend);
  await backend.stop();
  return {
    kind,
    mode,
    coverage,
    full,
    incremental,
    rssAtStart,
    fullRss,
    incrementalRss,
    hwmMiB,
    size,
    fullStats,
    incrementalStats,
    cpuS: {
      full: {
        backend: (cpuFull.backend - cpuStart.backend) / 1000,
        sandbox: (cpuFull.sandbox - cpuStart.sandbox) / 1000,
      },
      incremental: {
        backend: (cpuIncremental.backend - cpuBeforeIncremental.backend) / 1000,
        sandbox: (cpuIncremental.sandbox - cpuBeforeIncremental.sandbox) / 1000,
      },
    },
  };
}

runBench('scale', async cleanup => {
  const run = createRun('bench-scale');
  const sandboxStarted = Date.now();
  const sandbox = await startBenchSandbox(run, { scale: SCALE });
  cleanup.push(() => sandbox.stop());
  process.stdout.write(
    `sandbox: ${sandbox.org} (up in ${r1(
      (Date.now() - sandboxStarted) / 1000,
    )} s)\n`,
  );
  process.stdout.write(
    `backend heap limit: ${
      process.env.ONCALL_BACKEND_HEAP_MIB
        ? `--max-old-space-size=${process.env.ONCALL_BACKEND_HEAP_MIB}`
        : "V8's default sizing"
    }\n`,
  );
  const modes = providerModes();
  process.stdout.write(
    `sandbox teams: on JSM ${await jsmTeamCount(
      sandbox.url,
    )}, on PagerDuty ${await pagerDutyTeamCount(sandbox.url)}\n`,
  );
  const results = [];
  for (const kind of DATABASES) {
    for (const mode of modes) {
      const result = await measure(run, sandbox, kind, mode, cleanup);
      results.push(result);
      process.stdout.write(
        `${kind} ${mode}: ${JSON.stringify({
          full: result.full,
          incremental: result.incremental,
        })}; groups per provider (coverage): ${result.coverage}\n`,
      );
    }
  }
  const secs = (ms?: number) =>
    ms === undefined ? 'did not finish' : r1(ms / 1000);
  const rows: Array<Array<string | number>> = [];
  for (const r of results) {
    const vendorTotal = (s: typeof r.fullStats) =>
      Object.values(vendorTotals(undefined, s)).join('/');
    rows.push([
      `${r.kind} ${r.mode}`,
      'full',
      secs(r.full.wallMs),
      ...SYNC_TASKS.map(t =>
        r.full.byTask[t]?.error ? `error` : secs(r.full.byTask[t]?.ms),
      ),
      vendorTotal(r.fullStats),
      `${r1(r.cpuS.full.backend)} / ${r1(r.cpuS.full.sandbox)}`,
      r1(r.fullRss),
      '',
      '',
    ]);
    rows.push([
      `${r.kind} ${r.mode}`,
      'incremental',
      secs(r.incremental.wallMs),
      ...SYNC_TASKS.map(t =>
        r.incremental.byTask[t]?.error
          ? 'error'
          : secs(r.incremental.byTask[t]?.ms),
      ),
      vendorTotal(r.incrementalStats),
      `${r1(r.cpuS.incremental.backend)} / ${r1(r.cpuS.incremental.sandbox)}`,
      r1(r.incrementalRss),
      r1(r.hwmMiB),
      r1(r.size.mib),
    ]);
  }
  printTable(
    `Scale: ${SCALE.teams} teams / ${SCALE.services} services / ${SCALE.incidents} incidents / ${SCALE.slos} SLOs (plus the demo org)`,
    [
      'store',
      'sync',
      'wall s (3 tasks together)',
      'on-call s',
      'incidents s',
      'SLOs s',
      'vendor requests og/bl/dd/jsm/pd',
      'CPU s backend / sandbox',
      'peak RSS MiB (sampled)',
      'VmHWM MiB',
      'store MiB',
    ],
    rows,
  );
  for (const r of results) {
    for (const [phase, round] of [
      ['full', r.full],
      ['incremental', r.incremental],
    ] as const) {
      for (const [task, outcome] of Object.entries(round.byTask)) {
        if (outcome.error)
          process.stdout.write(
            `${r.kind} ${r.mode} ${phase} ${task}: ${outcome.error.slice(
              0,
              400,
            )}\n`,
          );
      }
    }
    process.stdout.write(
      `${r.kind} ${r.mode}: RSS at start ${r1(r.rssAtStart)} MiB; store ${
        r.size.rows
      }\n`,
    );
    process.stdout.write(
      `${r.kind} ${r.mode}: full-sync vendor routes ${JSON.stringify(
        r.fullStats.vendors,
      )}\n`,
    );
  }
  const ratioRows: Array<Array<string | number>> = [];
  for (const kind of DATABASES) {
    const o = results.find(r => r.kind === kind && r.mode === 'opsgenie');
    const m = results.find(r => r.kind === kind && r.mode === 'mixed');
    if (!o || !m) continue;
    const ratio = (a?: number, b?: number) =>
      a === undefined || b === undefined || !b ? '' : `${r1(a / b)}×`;
    const onCall = 'oncall-sync-on-call';
    for (const [figure, a, b, unit] of [
      ['full sync wall', o.full.wallMs / 1000, m.full.wallMs / 1000, 's'],
      [
        'full on-call sync',
        (o.full.byTask[onCall]?.ms ?? NaN) / 1000,
        (m.full.byTask[onCall]?.ms ?? NaN) / 1000,
        's',
      ],
      [
        'incremental sync wall',
        o.incremental.wallMs / 1000,
        m.incremental.wallMs / 1000,
        's',
      ],
      [
        'incremental on-call sync',
        (o.incremental.byTask[onCall]?.ms ?? NaN) / 1000,
        (m.incremental.byTask[onCall]?.ms ?? NaN) / 1000,
        's',
      ],
      ['backend CPU, full', o.cpuS.full.backend, m.cpuS.full.backend, 's'],
      ['VmHWM', o.hwmMiB, m.hwmMiB, 'MiB'],
      ['store', o.size.mib, m.size.mib, 'MiB'],
    ] as const) {
      ratioRows.push([
        kind,
        figure,
        `${r1(a)} ${unit}`,
        `${r1(b)} ${unit}`,
        ratio(b, a),
      ]);
    }
    ratioRows.push([
      kind,
      'full-sync vendor requests og/bl/dd/jsm/pd',
      Object.values(vendorTotals(undefined, o.fullStats)).join('/'),
      Object.values(vendorTotals(undefined, m.fullStats)).join('/'),
      '',
    ]);
    ratioRows.push([
      kind,
      'demo groups per provider (coverage)',
      o.coverage,
      m.coverage,
      '',
    ]);
  }
  if (ratioRows.length > 0) {
    printTable(
      'Mixed-provider org vs Opsgenie only (same sandbox, same run; ratio = mixed / Opsgenie-only)',
      ['store', 'figure', 'Opsgenie only', 'mixed (OG+JSM+PD)', 'ratio'],
      ratioRows,
    );
  }
  printTable(
    'Targets',
    ['figure', 'target', ...results.map(r => `${r.kind} ${r.mode}`)],
    [
      ['full sync', '< 60 s', ...results.map(r => `${secs(r.full.wallMs)} s`)],
      [
        'incremental sync',
        '< 5 s',
        ...results.map(r => `${secs(r.incremental.wallMs)} s`),
      ],
      [
        'peak RSS (VmHWM)',
        '< 600 MiB',
        ...results.map(r => `${r1(r.hwmMiB)} MiB`),
      ],
    ],
  );
  process.stdout.write(`logs: ${run.dir}\n`);
});
