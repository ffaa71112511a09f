/*
 * bench:cold-miss — 200 concurrent first requests for one entity whose data was never synced
 * (scheduled syncs pushed far away, empty store), per view, counted by the sandbox. The
 * reference is a second fresh backend that gets one single request per view: what one
 * cold read costs. Coalescing is complete when 200 concurrent requests cost the same.
 *
 *   yarn bench:cold-miss     (BENCH_CONCURRENT=200 BENCH_ENTITY=component:checkout-api)
 */
import {
  HarnessRun,
  SandboxStats,
  createRun,
  entityRoutes,
  guestToken,
  request,
  startBackend,
  waitForCatalog,
} from '../harness';
import { BenchSandbox, printTable, runBench, startBenchSandbox } from './lib';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 200);
const [KIND, NAME] = (
  process.env.BENCH_ENTITY ?? 'component:checkout-api'
).split(':');
const VIEWS = ['onCall', 'incidents', 'slos'] as const;
const manual = {
  frequency: { minutes: 600, seconds: 0 },
  timeout: { minutes: 60, seconds: 0 },
  initialDelay: { minutes: 600, seconds: 0 },
};

interface ViewResult {
  statuses: Record<string, number>;
  stats: SandboxStats;
  wallMs: number;
}

async function coldBackend(
  run: HarnessRun,
  sandbox: BenchSandbox,
  name: string,
  concurrent: number,
  cleanup: Array<() => Promise<unknown>>,
): Promise<Record<string, ViewResult>> {
  const backend = await startBackend(run, {
    name,
    sandbox: { url: sandbox.url },
    config: {
      oncall: { refresh: { onCall: manual, incidents: manual, slos: manual } },
    },
  });
  cleanup.push(() => backend.stop());
  await waitForCatalog(backend, { min: 18 });
  const token = await guestToken(backend.url);
  const routes = entityRoutes(backend.url, { kind: KIND, name: NAME });
  const results: Record<string, ViewResult> = {};
  for (const view of VIEWS) {
    await sandbox.client.resetStats();
    const started = Date.now();
    const exchanges = await Promise.all(
      Array.from({ length: concurrent }, () =>
        request(routes[view], { token, timeoutMs: 120_000 }),
      ),
    );
    const statuses: Record<string, number> = {};
    for (const e of exchanges)
      statuses[e.status] = (statuses[e.status] ?? 0) + 1;
    results[view] = {
      statuses,
      stats: await sandbox.client.stats(),
      wallMs: Date.now() - started,
    };
  }
  await backend.stop();
  return results;
}

runBench('cold-miss', async cleanup => {
  const run = createRun('bench-cold-miss');
  const sandbox = await startBenchSandbox(run);
  cleanup.push(() => sandbox.stop());
  const single = await coldBackend(run, sandbox, 'backend-single', 1, cleanup);
  const burst = await coldBackend(
    run,
    sandbox,
    'backend-burst',
    CONCURRENT,
    cleanup,
  );

  const rows: Array<Array<string | number>> = [];
  for (const view of VIEWS) {
    const routes = new Set<string>();
    for (const r of [single[view], burst[view]]) {
      for (const [vendor, s] of Object.entries(r.stats.vendors)) {
        for (const route of Object.keys(s.routes))
          routes.add(`${vendor} ${route}`);
      }
    }
    for (const key of [...routes].sort()) {
      const [vendor, ...rest] = key.split(' ');
      const route = rest.join(' ');
      const count = (r: ViewResult) =>
        r.stats.vendors[vendor as keyof SandboxStats['vendors']].routes[
          route
        ] ?? 0;
      rows.push([view, vendor, route, count(single[view]), count(burst[view])]);
    }
    const sum = (r: ViewResult) =>
      Object.values(r.stats.vendors).reduce((acc, v) => acc + v.total, 0);
    rows.push([
      view,
      'all',
      `total (statuses 1: ${JSON.stringify(
        single[view].statuses,
      )}, ${CONCURRENT}: ${JSON.stringify(
        burst[view].statuses,
      )}; ${CONCURRENT}-burst wall ${burst[view].wallMs} ms)`,
      sum(single[view]),
      sum(burst[view]),
    ]);
  }
  printTable(
    `Cold miss: vendor requests for ${KIND}:default/${NAME}, empty store (same sandbox, same run)`,
    ['view', 'vendor', 'route', '1 request', `${CONCURRENT} concurrent`],
    rows,
  );
  const verdict = VIEWS.map(view => {
    const sum = (r: ViewResult) =>
      Object.values(r.stats.vendors).reduce((acc, v) => acc + v.total, 0);
    return `${view}: ${sum(burst[view])} vs ${sum(single[view])} → ${
      sum(burst[view]) <= sum(single[view]) ? 'coalesced' : 'NOT coalesced'
    }`;
  });
  process.stdout.write(`\n${verdict.join('\n')}\nlogs: ${run.dir}\n`);
});
