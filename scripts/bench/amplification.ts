/*
 * bench:amplification — vendor requests caused by page views. 10,000 page views (one entity
 * tab each: on-call, incidents or SLOs) spread over 100 services in 60 s, against our backend
 * and against the proxy-style baseline, counted by the sandbox (GET/DELETE /__sandbox/stats).
 * Ours is bounded by the scheduled refreshes: (cost of one run of each sync task, measured
 * alone) × (runs of that task that overlapped the window), plus one lookup per retrospective
 * still pending when the window starts (a view asks for it once, then it is stored), whatever
 * the page views. Our side runs twice, the second window showing the steady state.
 *
 *   yarn bench:amplification   (BENCH_PAGE_VIEWS=10000 BENCH_WINDOW_S=60 BENCH_REFRESH_S=30)
 */
import { createDemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  BackendProcess,
  SandboxStats,
  createRun,
  entityRoutes,
  fastRefreshConfig,
  guestToken,
  sleep,
  startBackend,
  statsDelta,
  waitForCatalog,
} from '../harness';
import { BaselineClient, BaselineService, VIEWS } from './baseline';
import {
  benchNumbers,
  printTable,
  r1,
  runBench,
  scaleCatalog,
  startBenchSandbox,
} from './lib';
import { SYNC_TASKS, SyncTask, tasks, timedSync, waitForRunEnd } from './tasks';
import { runPaced } from './paced';

const { PAGE_VIEWS, WINDOW_S, REFRESH_S } = benchNumbers({
  PAGE_VIEWS: 10_000,
  WINDOW_S: 60,
  REFRESH_S: 30,
});
const CONCURRENCY = 50;

const SCALE = { teams: 10, services: 100, incidents: 2_000, slos: 200 };

const VENDOR_OF: Record<SyncTask, 'opsgenie' | 'blameless' | 'datadog'> = {
  'oncall-sync-on-call': 'opsgenie',
  'oncall-sync-incidents': 'blameless',
  'oncall-sync-slos': 'datadog',
};

const total = (s: SandboxStats) =>
  s.vendors.opsgenie.total +
  s.vendors.blameless.total +
  s.vendors.datadog.total;

/** A row of the amplification table: page views served in a window and the vendor requests they cost. */
function windowRow(
  label: string,
  result: { done: number; errors: number; elapsedMs: number },
  stats: SandboxStats,
) {
  return [
    label,
    result.done,
    result.errors,
    r1(result.elapsedMs / 1000),
    stats.vendors.opsgenie.total,
    stats.vendors.blameless.total,
    stats.vendors.datadog.total,
    total(stats),
    (total(stats) / Math.max(1, result.done)).toFixed(3),
  ];
}

/** Counts the runs of each sync task that overlap a window (polling the scheduler). */
function watchRuns(backend: BackendProcess) {
  const ends: Record<string, Set<string>> = {};
  const running: Record<string, boolean> = {};
  let stopped = false;
  const started = Date.now();
  const loop = (async () => {
    while (!stopped) {
      for (const [id, info] of await tasks(backend)) {
        const state = info.taskState;
        ends[id] ??= new Set();
        if (
          state?.lastRunEndedAt &&
          Date.parse(state.lastRunEndedAt) >= started - 1000
        ) {
          ends[id].add(state.lastRunEndedAt);
        }
        running[id] = state?.status === 'running';
      }
      await sleep(250);
    }
  })();
  return {
    async stop(): Promise<Record<string, number>> {
      stopped = true;
      await loop;
      return Object.fromEntries(
        SYNC_TASKS.map(id => [
          id,
          (ends[id]?.size ?? 0) + (running[id] ? 1 : 0),
        ]),
      );
    },
  };
}

runBench('amplification', async cleanup => {
  const run = createRun('bench-amplification');
  const sandbox = await startBenchSandbox(run, { scale: SCALE });
  cleanup.push(() => sandbox.stop());
  process.stdout.write(`sandbox: ${sandbox.org}\n`);
  const org = createDemoOrg({ seed: 42, now: new Date(), scale: SCALE });
  const scaleServices = org.services.filter(s =>
    s.name.startsWith('scale-svc-'),
  );
  const scaleGroups = org.groups.filter(g => g.name.startsWith('scale-team-'));
  const schedules = org.schedules.length;
  const backend = await startBackend(run, {
    name: 'backend',
    sandbox: { url: sandbox.url },
    config: {
      ...fastRefreshConfig({
        frequencySeconds: REFRESH_S,
        timeoutSeconds: 120,
        staleAfterMinutes: 10,
      }),
      ...scaleCatalog(run, scaleGroups, scaleServices),
    },
  });
  cleanup.push(() => backend.stop());
  await waitForCatalog(backend, {
    min: 18 + scaleServices.length,
    timeoutMs: 180_000,
  });
  for (const task of SYNC_TASKS) {
    const { error } = await waitForRunEnd(backend, task, 0);
    if (error) throw new Error(`${task} failed: ${error}`);
  }

  // the cost of one run of each sync task, alone
  const perRun: Record<string, number> = {};
  for (const task of SYNC_TASKS) {
    for (let attempt = 0; ; attempt++) {
      await sandbox.client.resetStats();
      const { error, waitedForRunningRun } = await timedSync(backend, task);
      if (error) throw new Error(`${task} failed: ${error}`);
      perRun[task] = (await sandbox.client.stats()).vendors[
        VENDOR_OF[task]
      ].total;
      // a scheduled run overlapped the measurement: measure again
      if (!waitedForRunningRun || attempt >= 3) break;
    }
  }

  const token = await guestToken(backend.url);
  const viewOf = (i: number) =>
    VIEWS[Math.floor(i / scaleServices.length) % VIEWS.length];
  const serviceOf = (i: number) => scaleServices[i % scaleServices.length];

  /** Incidents whose retrospective is still to be looked up (each costs one request, once). */
  const pendingRetrospectives = async (): Promise<number> => {
    let pending = 0;
    let cursor: string | undefined;
    do {
      const response = await fetch(
        `${backend.url}/api/oncall/collate/incidents?limit=500${
          cursor ? `&cursor=${cursor}` : ''
        }`,
        { headers: { authorization: `Bearer ${backend.serviceToken}` } },
      );
      if (!response.ok)
        throw new Error(`collate/incidents: HTTP ${response.status}`);
      const body = (await response.json()) as {
        items: Array<{ retrospective?: { pending?: boolean } }>;
        nextCursor?: string;
      };
      pending += body.items.filter(i => i.retrospective?.pending).length;
      cursor = body.nextCursor;
    } while (cursor);
    return pending;
  };

  // ours, twice: the same 10,000 page views in two windows one after the other
  const statuses: Record<string, number> = {};
  const oursWindow = async () => {
    const pendingBefore = await pendingRetrospectives();
    await sandbox.client.resetStats();
    const watch = watchRuns(backend);
    // offered over WINDOW_S; every page view is served even when the backend needs longer
    const result = await runPaced({
      total: PAGE_VIEWS,
      durationMs: WINDOW_S * 1000,
      hardStopMs: WINDOW_S * 1000 * 10,
      concurrency: CONCURRENCY,
      operation: async i => {
        const routes = entityRoutes(backend.url, {
          kind: 'component',
          name: serviceOf(i).name,
        });
        const response = await fetch(routes[viewOf(i)], {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
      },
    });
    const polled = await watch.stop();
    const stats = await sandbox.client.stats();
    // every run starts with one list call: count runs from the vendor side as well
    const listed: Record<SyncTask, number> = {
      'oncall-sync-on-call':
        stats.vendors.opsgenie.routes['GET /v2/teams'] ?? 0,
      'oncall-sync-incidents': polled['oncall-sync-incidents'],
      'oncall-sync-slos': stats.vendors.datadog.routes['GET /api/v1/slo'] ?? 0,
    };
    const runs = Object.fromEntries(
      SYNC_TASKS.map(task => [task, Math.max(polled[task], listed[task])]),
    ) as Record<SyncTask, number>;
    const refreshBound = SYNC_TASKS.reduce(
      (sum, task) => sum + perRun[task] * runs[task],
      0,
    );
    return {
      result,
      stats,
      runs,
      pendingBefore,
      // each pending retrospective is looked up once, whoever asks for it
      bound: refreshBound + pendingBefore,
    };
  };
  const first = await oursWindow();
  const second = await oursWindow();
  const ours = first.result;
  const oursStats = first.stats;
  const runs = first.runs;
  const bound = first.bound;

  // baseline: the same page views, straight to the vendors
  const baseline = new BaselineClient(sandbox.url);
  await baseline.prepare();
  await sandbox.client.resetStats();
  const services: BaselineService[] = scaleServices.map(s => ({
    name: s.name,
    team: s.owner,
    blamelessService: s.blamelessService,
  }));
  const base = await runPaced({
    total: PAGE_VIEWS,
    durationMs: WINDOW_S * 1000,
    hardStopMs: WINDOW_S * 1000,
    concurrency: CONCURRENCY,
    operation: async i => {
      await baseline.view(viewOf(i), services[i % services.length]);
    },
  });
  const baseStats = await sandbox.client.stats();

  printTable(
    `Vendor-call amplification: ${PAGE_VIEWS} page views over ${scaleServices.length} services, ${WINDOW_S} s window (same sandbox, same run)`,
    [
      'side',
      'page views served',
      'errors',
      'window s',
      'opsgenie',
      'blameless',
      'datadog',
      'vendor requests',
      'per page view',
    ],
    [
      windowRow('ours, first window', first.result, first.stats),
      windowRow('ours, second window', second.result, second.stats),
      windowRow('baseline', base, baseStats),
    ],
  );
  printTable(
    `Our bound: Σ (requests of one sync run, measured alone) × (runs overlapping the window) + one lookup per retrospective pending at the window's start; refresh every ${REFRESH_S} s`,
    [
      'task',
      'vendor',
      'requests per run',
      'runs (1st / 2nd window)',
      'bound (1st / 2nd window)',
    ],
    [
      ...SYNC_TASKS.map(task => [
        task,
        VENDOR_OF[task],
        perRun[task],
        `${runs[task]} / ${second.runs[task]}`,
        `${perRun[task] * runs[task]} / ${perRun[task] * second.runs[task]}`,
      ]),
      [
        'retrospectives pending at the start (looked up once)',
        'blameless',
        '',
        '',
        `${first.pendingBefore} / ${second.pendingBefore}`,
      ],
      ['total', '', '', '', `${bound} / ${second.bound}`],
    ],
  );
  const structural: Record<SyncTask, string> = {
    'oncall-sync-on-call': `3 lists + ${Math.ceil(
      org.users.length / 100,
    )} user pages + ${org.teams.length} teams + ${
      org.schedules.filter(s => s.enabled).length
    } schedule timelines = ${
      3 +
      Math.ceil(org.users.length / 100) +
      org.teams.length +
      org.schedules.filter(s => s.enabled).length
    }`,
    'oncall-sync-incidents':
      'changed-incident pages + retrospectives of the recent or open ones among them',
    'oncall-sync-slos': `2 lists + ${Math.ceil(
      org.slos.length / 100,
    )} status pages + ~2 per SLO whose burn rates are due (≤ ${
      2 + Math.ceil(org.slos.length / 100) + 2 * org.slos.length
    })`,
  };
  printTable(
    'Per-run cost from the organisation (what one scheduled run reads)',
    ['task', 'requests per run'],
    SYNC_TASKS.map(task => [task, structural[task]]),
  );
  process.stdout.write(
    `\norg: ${org.teams.length} Opsgenie teams, ${schedules} schedules, ${org.slos.length} SLOs, ${org.services.length} services\n` +
      `ours: ${total(oursStats)} vendor requests for ${
        ours.done
      } page views; bound ${bound} → ${
        total(oursStats) <= bound ? 'within bound' : 'ABOVE bound'
      }\n` +
      `ours, the same page views again: ${total(second.stats)}; bound ${
        second.bound
      } → ${
        total(second.stats) <= second.bound ? 'within bound' : 'ABOVE bound'
      }\n` +
      `baseline: ${total(baseStats)} vendor requests for ${
        base.done
      } page views (${r1(
        total(baseStats) / Math.max(1, total(oursStats)),
      )}× ours)\n` +
      `our statuses: ${JSON.stringify(statuses)}\n` +
      `ours by route: ${JSON.stringify(
        statsDelta(
          {
            vendors: {
              opsgenie: { total: 0, routes: {} },
              blameless: { total: 0, routes: {} },
              datadog: { total: 0, routes: {} },
            },
          },
          oursStats,
        ).vendors,
      )}\n` +
      `logs: ${run.dir}\n`,
  );
});
