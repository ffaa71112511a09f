/*
 * bench:scale-out — past one machine: the sandbox in scale mode at 2,000 teams / 20,000
 * services / 400,000 incidents / 40,000 SLOs, synced into PostgreSQL with Redis as the cache,
 * the on-call and SLO syncs split into shards (`oncall.refresh.shards`), by one replica and
 * then by two replicas on a fresh database each (same sandbox, same run):
 *
 * - full sync (empty store) and incremental sync (the same tasks again) wall time: every sync
 *   task triggered at once through the scheduler, whichever replica takes it;
 * - which replica ran how many shard runs; peak RSS (VmHWM) of each replica;
 * - vendor requests per vendor in each sync;
 * - warm reads at 50 connections on the demo services' views (on-call, incidents, SLOs),
 *   p50/p99 and req/s, beside the same at 500 teams (a second sandbox, one replica).
 *
 *   yarn bench:scale-out   (BENCH_TEAMS=2000 BENCH_SERVICES=20000 BENCH_INCIDENTS=400000
 *                           BENCH_SLOS=40000 BENCH_REPLICAS=1,2 BENCH_SHARDS=4
 *                           BENCH_COMPARE_TEAMS=500 (0: no comparison) BENCH_WARM_S=10
 *                           BENCH_SYNC_TIMEOUT_S=3600)
 */
import autocannon from 'autocannon';
import { createDemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  BackendProcess,
  HarnessRun,
  clearRedisNamespace,
  createDatabase,
  createRun,
  deepMerge,
  entityRoutes,
  guestToken,
  request,
  sleep,
  startBackend,
  statsDelta,
  waitForCatalog,
} from '../harness';
import {
  BenchSandbox,
  Scale,
  printTable,
  r1,
  runBench,
  startBenchSandbox,
} from './lib';
import { memoryOf, sampleRss } from './procStats';
import { providerConfig, vendorTotals } from './providers';
import { notNow, syncConfig } from './scaleRounds';
import { tasks, triggerTask } from './tasks';
import { formatFloor, vendorFloor } from './vendorFloor';
import {
  shardTaskId,
  shardsOf,
} from '../../plugins/oncall-backend/src/lib/shards';

const num = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);
const SCALE: Scale = {
  teams: num('BENCH_TEAMS', 2_000),
  services: num('BENCH_SERVICES', 20_000),
  incidents: num('BENCH_INCIDENTS', 400_000),
  slos: num('BENCH_SLOS', 40_000),
};
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map(Number);
const SHARDS = num('BENCH_SHARDS', 4);
const COMPARE_TEAMS = num('BENCH_COMPARE_TEAMS', 500);
const WARM_S = num('BENCH_WARM_S', 10);
const CONNECTIONS = 50;
const SYNC_TIMEOUT_MS = num('BENCH_SYNC_TIMEOUT_S', 3600) * 1000;

/** Runs only when triggered: the bench triggers every task itself, on whichever replica. */
const manual = {
  frequency: { trigger: 'manual' },
  timeout: { minutes: 60, seconds: 0 },
};

/** The scheduler task ids of the sync tasks with `shards` shards. */
function syncTaskIds(shards: number): string[] {
  const sharded = (id: string) =>
    shardsOf(shards).map(shard => shardTaskId(id, shard));
  return [
    ...sharded('oncall-sync-on-call'),
    ...sharded('oncall-sync-slos'),
    'oncall-sync-incidents',
  ];
}

/**
 * Triggers every task at once and waits for all (one poll of the scheduler's task list every
 * 500 ms, so the polling costs the replicas next to nothing). `runsS`: from the first poll that
 * sees a task running to the last end, the runs' own time; `wallS` adds the scheduler's pick-up
 * of the triggers (its worker looks for due work every 5 s); the slowest task from the trigger.
 */
async function syncRound(backend: BackendProcess, ids: string[]) {
  const before = await tasks(backend);
  const started = Date.now();
  for (const id of ids) await triggerTask(backend, id);
  const ended = new Map<string, number>();
  let firstRunning: number | undefined;
  while (ended.size < ids.length) {
    if (Date.now() - started > SYNC_TIMEOUT_MS) {
      throw new Error(`sync did not finish within ${SYNC_TIMEOUT_MS / 1000} s`);
    }
    await sleep(500);
    const now = await tasks(backend);
    for (const id of ids) {
      const state = now.get(id)?.taskState;
      if (state?.status === 'running') firstRunning ??= Date.now();
      const previous = before.get(id)?.taskState?.lastRunEndedAt;
      if (
        !ended.has(id) &&
        state?.status === 'idle' &&
        state.lastRunEndedAt &&
        state.lastRunEndedAt !== previous
      ) {
        if (state.lastRunError) {
          throw new Error(`${id} failed: ${state.lastRunError}`);
        }
        ended.set(id, Date.now() - started);
      }
    }
  }
  const [id, ms] = [...ended].reduce((a, b) => (b[1] > a[1] ? b : a));
  const end = Date.now();
  // a round shorter than one poll is never seen running: counted from the trigger
  return {
    runsS: (end - (firstRunning ?? started)) / 1000,
    wallS: (end - started) / 1000,
    slowest: { id, ms },
  };
}

/** Shard runs each replica logged since `marks`. */
function shardRunsByReplica(backends: BackendProcess[], marks: number[]) {
  return backends.map(
    (b, i) =>
      b.process
        .linesSince(marks[i])
        .filter(line =>
          /Synced (on-call teams|SLOs|SLO details|incidents)\b/.test(line),
        ).length,
  );
}

/** Every demo service's three views, each read once (200 expected). */
async function demoPaths(backend: BackendProcess, token: string) {
  const org = createDemoOrg({ seed: 42, now: new Date() });
  const paths: string[] = [];
  for (const service of org.services) {
    const routes = entityRoutes(backend.url, service);
    for (const url of [routes.onCall, routes.incidents, routes.slos]) {
      const exchange = await request(url, { token });
      if (exchange.status !== 200) {
        throw new Error(`warm-up ${url}: HTTP ${exchange.status}`);
      }
      paths.push(new URL(url).pathname);
    }
  }
  return paths;
}

/** Every demo view round-robin at 50 connections, spread over the replicas. */
async function warmRead(backends: BackendProcess[]) {
  const token = await guestToken(backends[0].url);
  const paths = await demoPaths(backends[0], token);
  const results = await Promise.all(
    backends.map(backend =>
      autocannon({
        url: backend.url,
        connections: Math.max(1, Math.round(CONNECTIONS / backends.length)),
        duration: WARM_S,
        headers: { authorization: `Bearer ${token}` },
        requests: paths.map(path => ({ method: 'GET', path })),
      }),
    ),
  );
  return {
    rps: results.reduce((n, r) => n + r.requests.total, 0) / WARM_S,
    p50: Math.max(...results.map(r => r.latency.p50)),
    p99: Math.max(...results.map(r => r.latency.p99)),
    errors: results.reduce((n, r) => n + r.non2xx + r.errors, 0),
  };
}

async function measure(
  run: HarnessRun,
  sandbox: BenchSandbox,
  label: string,
  replicas: number,
  cleanup: Array<() => Promise<unknown>>,
) {
  const db = await createDatabase(
    `${run.id}_${label.replace(/-/g, '_')}_${replicas}`,
  );
  cleanup.push(() => db.drop());
  const namespace = `oncall-bench-${run.id}-${label}-${replicas}`;
  cleanup.push(() => clearRedisNamespace(namespace));
  const configWith = (schedule: object) => {
    const config = syncConfig(schedule, {
      shards: SHARDS,
      openIncidents: notNow,
    });
    deepMerge(config, providerConfig('opsgenie', sandbox.url));
    return config;
  };
  const start = (name: string, config: Record<string, any>) =>
    startBackend(run, {
      name: `${label}-${replicas}-${name}`,
      sandbox: { url: sandbox.url },
      database: db,
      cache: { redisNamespace: namespace },
      config,
      startTimeoutMs: 300_000,
    });
  // A first backend migrates the database and registers the tasks far in the future, then
  // stops: a manual task registered on a fresh database runs once at start-up (after its
  // initial delay), so without this the first replica would run the full sync alone before
  // the second is up. The replicas' manual tasks keep that far-away start: only the bench's
  // triggers run them.
  // It also waits for the catalog's demo entities: stopped mid-processing, it would leave them
  // claimed for the catalog's processing interval (minutes), longer than a small org's syncs.
  const migrate = await start('migrate', configWith(notNow));
  await waitForCatalog(migrate, { min: 18, timeoutMs: 300_000 });
  await migrate.stop();
  const backends: BackendProcess[] = [];
  for (let i = 0; i < replicas; i++) {
    const backend = await start(`replica-${i + 1}`, configWith(manual));
    cleanup.push(() => backend.stop());
    backends.push(backend);
  }
  const ids = syncTaskIds(SHARDS);
  const rss = backends.map(b => sampleRss(b.process.pid, 200));
  const round = async () => {
    const marks = backends.map(b => b.process.lines.length);
    const before = await sandbox.client.stats();
    const sync = await syncRound(backends[0], ids);
    const after = await sandbox.client.stats();
    return {
      ...sync,
      requests: vendorTotals(before, after),
      floor: vendorFloor(statsDelta(before, after)),
      runs: shardRunsByReplica(backends, marks),
    };
  };
  const full = await round();
  const incremental = await round();
  rss.forEach(sampler => sampler.stop());
  // the demo services' views need the catalog's entities
  await waitForCatalog(backends[0], { min: 18 });
  const warm = await warmRead(backends);
  const hwm = backends.map(b => r1(memoryOf(b.process.pid).hwmMiB));
  for (const backend of backends) await backend.stop();
  return { label, replicas, full, incremental, hwm, warm };
}

type Figures = Awaited<ReturnType<typeof measure>>;

function printScaleOut(results: Figures[]) {
  const requests = (r: Record<string, number>) =>
    Object.entries(r)
      .filter(([, n]) => n > 0)
      .map(([v, n]) => `${v} ${n}`)
      .join(', ');
  printTable(
    `Scale-out: ${SCALE.teams} teams / ${SCALE.services} services / ${SCALE.incidents} incidents / ${SCALE.slos} SLOs, PostgreSQL + Redis, ${SHARDS} shards`,
    [
      'run',
      'replicas',
      'full s (target 60)',
      'incremental s (target 5)',
      'slowest task (full)',
      'runs per replica (full)',
      'VmHWM MiB per replica (target 600)',
      'warm p50/p99 ms',
      'warm req/s',
    ],
    results.map(r => [
      r.label,
      r.replicas,
      `${r1(r.full.runsS)} (${r1(r.full.wallS)} from the trigger)`,
      `${r1(r.incremental.runsS)} (${r1(
        r.incremental.wallS,
      )} from the trigger)`,
      `${r.full.slowest.id} ${r1(r.full.slowest.ms / 1000)} s`,
      r.full.runs.join(' / '),
      r.hwm.join(' / '),
      `${r.warm.p50} / ${r.warm.p99}`,
      r1(r.warm.rps),
    ]),
  );
  for (const r of results) {
    process.stdout.write(
      `${r.label} ×${r.replicas}: vendor requests full: ${requests(
        r.full.requests,
      )}; incremental: ${requests(r.incremental.requests)}; warm-read errors ${
        r.warm.errors
      }\n${r.label} ×${
        r.replicas
      }: least time at the vendors' default limits: full ${formatFloor(
        r.full.floor,
      )}; incremental ${formatFloor(r.incremental.floor)}\n`,
    );
  }
  const one = results.find(r => r.replicas === 1 && r.label === 'size');
  const two = results.find(r => r.replicas === 2 && r.label === 'size');
  if (one && two) {
    process.stdout.write(
      `two replicas vs one: full ${r1(
        one.full.runsS / two.full.runsS,
      )}× faster, incremental ${r1(
        one.incremental.runsS / two.incremental.runsS,
      )}× (the runs' own times)\n`,
    );
  }
}

runBench('scale-out', async cleanup => {
  const run = createRun('bench-scale-out');
  const sandbox = await startBenchSandbox(run, { scale: SCALE });
  cleanup.push(() => sandbox.stop());
  process.stdout.write(`sandbox: ${sandbox.org}; shards: ${SHARDS}\n`);
  const results: Figures[] = [];
  for (const replicas of REPLICAS) {
    results.push(await measure(run, sandbox, 'size', replicas, cleanup));
    process.stdout.write(`${replicas} replica(s) done\n`);
  }
  await sandbox.stop();
  if (COMPARE_TEAMS > 0) {
    const factor = COMPARE_TEAMS / SCALE.teams;
    const small = await startBenchSandbox(run, {
      name: 'sandbox-compare',
      scale: {
        teams: COMPARE_TEAMS,
        services: Math.round(SCALE.services * factor),
        incidents: Math.round(SCALE.incidents * factor),
        slos: Math.round(SCALE.slos * factor),
      },
    });
    cleanup.push(() => small.stop());
    process.stdout.write(`comparison sandbox: ${small.org}\n`);
    results.push(
      await measure(run, small, `${COMPARE_TEAMS}-teams`, 1, cleanup),
    );
  }
  printScaleOut(results);
  process.stdout.write(`logs: ${run.dir}\n`);
});
