/*
 * bench:scale — the sandbox in scale mode (500 teams / 5,000 services / 100,000 incidents /
 * 10,000 SLOs) synced into the plugin's store on SQLite (file-backed) and on PostgreSQL:
 * full sync time (empty store; the three sync tasks triggered together, as at start-up),
 * incremental sync time (the same tasks triggered again on the filled store; the runs' own
 * time, and beside it the time from the trigger, which adds the scheduler's pick-up of a
 * triggered task: up to its 5-second work check), peak RSS of the backend
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
import { join, relative } from 'node:path';
import {
  HarnessRun,
  ScratchDatabase,
  backendDir,
  defaultBackendHeapMiB,
  createDatabase,
  createRun,
  deepMerge,
  startBackend,
} from '../harness';
import { BenchSandbox, r1, runBench, startBenchSandbox } from './lib';
import { SYNC_TASKS, tasks } from './tasks';
import { cpuMsOf, memoryOf, sampleRss } from './procStats';
import {
  ProviderMode,
  jsmTeamCount,
  pagerDutyTeamCount,
  providerConfig,
  providerModes,
  teamsByProvider,
} from './providers';
import {
  firstRunOnly,
  firstRuns,
  storeSize,
  syncAll,
  syncConfig,
} from './scaleRounds';
import { HealthFigures, healthPhaseConfig, measureHealth } from './scaleHealth';
import { printScaleReport } from './scaleReport';

const SCALE = {
  teams: Number(process.env.BENCH_TEAMS ?? 500),
  services: Number(process.env.BENCH_SERVICES ?? 5_000),
  incidents: Number(process.env.BENCH_INCIDENTS ?? 100_000),
  slos: Number(process.env.BENCH_SLOS ?? 10_000),
};
const DATABASES = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
const SYNC_TIMEOUT_MS = Number(process.env.BENCH_SYNC_TIMEOUT_S ?? 1200) * 1000;
/** The health page sync and route (BENCH_HEALTH=0 leaves them out). */
const HEALTH = process.env.BENCH_HEALTH !== '0';

async function measure(
  run: HarnessRun,
  sandbox: BenchSandbox,
  kind: string,
  mode: ProviderMode,
  cleanup: Array<() => Promise<unknown>>,
) {
  let database: 'sqlite' | ScratchDatabase = 'sqlite';
  // health is timed on its own after the three tasks, on a backend of its own (scaleHealth.ts)
  const config = syncConfig(firstRunOnly);
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
  deepMerge(config, providerConfig(mode, sandbox.url));
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
  const full = await firstRuns(backend, SYNC_TIMEOUT_MS);
  const fullRss = rss.stop();
  const cpuFull = cpu();
  const fullStats = await sandbox.client.stats();
  await sandbox.client.resetStats();
  const rss2 = sampleRss(backend.process.pid, 200);
  const cpuBeforeIncremental = cpu();
  const incremental = await syncAll(backend, SYNC_TIMEOUT_MS);
  const incrementalRss = rss2.stop();
  const cpuIncremental = cpu();
  const incrementalStats = await sandbox.client.stats();
  const { hwmMiB } = memoryOf(backend.process.pid);
  const size = await storeSize(run, database, mode);
  const coverage = await teamsByProvider(backend);
  await backend.stop();
  let health: HealthFigures | undefined;
  if (HEALTH) {
    deepMerge(config, healthPhaseConfig);
    const healthBackend = await startBackend(run, {
      name: `backend-${kind}-${mode}-health`,
      sandbox: { url: sandbox.url },
      database,
      config,
      startTimeoutMs: 300_000,
    });
    cleanup.push(() => healthBackend.stop());
    health = await measureHealth(healthBackend, sandbox, SYNC_TIMEOUT_MS);
    await healthBackend.stop();
  }
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
    health,
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
      defaultBackendHeapMiB()
        ? `--max-old-space-size=${defaultBackendHeapMiB()}`
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
  printScaleReport(results, SCALE);
  process.stdout.write(`logs: ${run.dir}\n`);
});
