/*
 * bench:warm-read — page-view latency with every vendor 300 ms slow: our routes (served from
 * the store after a warm-up sync) under autocannon, versus a baseline client that calls the
 * vendors per page view like a proxy-based plugin, against the same sandbox in the same run.
 *
 *   yarn bench:warm-read        (BENCH_DURATION_S=20 BENCH_CONNECTIONS=50 BENCH_LATENCY_MS=300)
 */
import autocannon from 'autocannon';
import { createDemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  createRun,
  entityRoutes,
  guestToken,
  request,
  startBackend,
  statsDelta,
  waitForCatalog,
} from '../harness';
import {
  BaselineService,
  BaselineClient,
  VIEWS,
  View,
  baselineLoad,
} from './baseline';
import {
  SYNC_TASKS,
  cpuMsOf,
  printTable,
  r1,
  runBench,
  startBenchSandbox,
  waitForRunEnd,
} from './lib';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);

const routeOf: Record<View, 'onCall' | 'incidents' | 'slos'> = {
  onCall: 'onCall',
  incidents: 'incidents',
  slos: 'slos',
};

runBench('warm-read', async cleanup => {
  const run = createRun('bench-warm-read');
  const sandbox = await startBenchSandbox(run);
  cleanup.push(() => sandbox.stop());
  const backend = await startBackend(run, {
    name: 'backend',
    sandbox: { url: sandbox.url },
  });
  cleanup.push(() => backend.stop());
  await waitForCatalog(backend, { min: 18 });
  for (const task of SYNC_TASKS) {
    const { error } = await waitForRunEnd(backend, task, 0);
    if (error) throw new Error(`${task} failed: ${error}`);
  }
  const token = await guestToken(backend.url);

  // warm-up: every view of every demo service once; the baseline learns each owner's team
  const org = createDemoOrg({ seed: 42, now: new Date() });
  const services: BaselineService[] = [];
  const paths: string[] = [];
  for (const service of org.services) {
    const routes = entityRoutes(backend.url, {
      kind: service.kind,
      name: service.name,
    });
    let team: string | undefined;
    for (const view of VIEWS) {
      const exchange = await request(routes[routeOf[view]], { token });
      if (exchange.status !== 200) {
        throw new Error(
          `warm-up ${routes[view]}: HTTP ${
            exchange.status
          } ${exchange.text.slice(0, 200)}`,
        );
      }
      if (view === 'onCall') team = exchange.json?.resolution?.team;
      paths.push(new URL(routes[routeOf[view]]).pathname);
    }
    services.push({
      name: service.name,
      team,
      blamelessService: service.blamelessService,
    });
  }
  process.stdout.write(
    `warm-up done: ${org.services.length} services × 3 views\n`,
  );

  await sandbox.client.setFaults({
    opsgenie: { latencyMs: LATENCY_MS },
    blameless: { latencyMs: LATENCY_MS },
    datadog: { latencyMs: LATENCY_MS },
  });

  const cannon = (paths: string[], connections: number, duration: number) =>
    autocannon({
      url: backend.url,
      connections,
      duration,
      headers: { authorization: `Bearer ${token}` },
      requests: paths.map(path => ({ method: 'GET', path })),
    });
  const pid = backend.process.pid;

  // ours: every view of every demo service, round-robin, CONNECTIONS concurrent
  const beforeOurs = await sandbox.client.stats();
  const cpuBefore = cpuMsOf(pid);
  const ours = await cannon(paths, CONNECTIONS, DURATION_S);
  const oursCpuMs = cpuMsOf(pid) - cpuBefore;
  const oursVendor = statsDelta(beforeOurs, await sandbox.client.stats());

  // ours, one route at a time with one connection: service time and CPU per request
  const single: Array<{
    view: View;
    p50: number;
    p99: number;
    rps: number;
    cpuMs: number;
  }> = [];
  for (const view of VIEWS) {
    const viewPaths = paths.filter((_, i) => VIEWS[i % VIEWS.length] === view);
    const cpu0 = cpuMsOf(pid);
    const result = await cannon(viewPaths, 1, 5);
    single.push({
      view,
      p50: result.latency.p50,
      p99: result.latency.p99,
      rps: result.requests.total / 5,
      cpuMs: (cpuMsOf(pid) - cpu0) / Math.max(1, result.requests.total),
    });
  }

  // reference: the catalog's own entity read (auth + one entity), same load
  const catalogPaths = org.services.map(
    s =>
      `/api/catalog/entities/by-name/${s.kind.toLowerCase()}/default/${s.name}`,
  );
  const cpuCatalog = cpuMsOf(pid);
  const catalog = await cannon(catalogPaths, CONNECTIONS, 10);
  const catalogCpuMs = cpuMsOf(pid) - cpuCatalog;

  // floor: the backend's cheapest route (no auth, no store, no catalog), same load
  const cpuHealth = cpuMsOf(pid);
  const health = await cannon(['/api/oncall/health'], CONNECTIONS, 10);
  const healthCpuMs = cpuMsOf(pid) - cpuHealth;

  // baseline
  const baseline = new BaselineClient(sandbox.url);
  await baseline.prepare();
  const beforeBaseline = await sandbox.client.stats();
  const items = services.flatMap(service =>
    VIEWS.map(view => ({ view, service })),
  );
  const base = await baselineLoad(
    baseline,
    items,
    CONNECTIONS,
    DURATION_S * 1000,
  );
  const baseVendor = statsDelta(beforeBaseline, await sandbox.client.stats());
  await sandbox.client.clearFaults();

  const vendorTotal = (s: typeof oursVendor) =>
    s.vendors.opsgenie.total +
    s.vendors.blameless.total +
    s.vendors.datadog.total;
  const oursRps = ours.requests.total / DURATION_S;
  printTable(
    `Warm read, vendors +${LATENCY_MS} ms, ${CONNECTIONS} concurrent, ${DURATION_S} s each (same sandbox, same run)`,
    [
      'side',
      'page views',
      'p50 ms',
      'p99 ms',
      'views/s',
      'non-2xx/errors',
      'vendor requests',
      'backend CPU ms/req',
    ],
    [
      [
        'ours (on-call+incidents+slos routes)',
        ours.requests.total,
        ours.latency.p50,
        ours.latency.p99,
        r1(oursRps),
        ours.non2xx + ours.errors + ours.timeouts,
        vendorTotal(oursVendor),
        r1(oursCpuMs / Math.max(1, ours.requests.total)),
      ],
      [
        'baseline (vendor calls per view)',
        base.all.requests,
        Math.round(base.all.p50),
        Math.round(base.all.p99),
        r1(base.all.rps),
        base.errors,
        vendorTotal(baseVendor),
        '',
      ],
      ...VIEWS.map(view => [
        `  baseline ${view}`,
        base.byView[view].requests,
        Math.round(base.byView[view].p50),
        Math.round(base.byView[view].p99),
        r1(base.byView[view].rps),
        '',
        '',
        '',
      ]),
      ...single.map(s => [
        `  ours ${s.view}, 1 connection, 5 s`,
        Math.round(s.rps * 5),
        s.p50,
        s.p99,
        r1(s.rps),
        '',
        '',
        r1(s.cpuMs),
      ]),
      [
        `reference: catalog GET by-name, ${CONNECTIONS} conn, 10 s`,
        catalog.requests.total,
        catalog.latency.p50,
        catalog.latency.p99,
        r1(catalog.requests.total / 10),
        catalog.non2xx + catalog.errors,
        '',
        r1(catalogCpuMs / Math.max(1, catalog.requests.total)),
      ],
      [
        `floor: GET /api/oncall/health (no auth), ${CONNECTIONS} conn, 10 s`,
        health.requests.total,
        health.latency.p50,
        health.latency.p99,
        r1(health.requests.total / 10),
        health.non2xx + health.errors,
        '',
        r1(healthCpuMs / Math.max(1, health.requests.total)),
      ],
    ],
  );
  const p50Ratio = base.all.p50 / Math.max(ours.latency.p50, 1);
  printTable(
    'Ratios and targets',
    ['figure', 'value', 'target', 'met'],
    [
      [
        'baseline p50 / our p50',
        `${r1(p50Ratio)}×`,
        '≥ 30×',
        p50Ratio >= 30 ? 'yes' : 'no',
      ],
      [
        'our p99',
        `${ours.latency.p99} ms`,
        '< 50 ms',
        ours.latency.p99 < 50 ? 'yes' : 'no',
      ],
      ['our throughput / baseline', `${r1(oursRps / base.all.rps)}×`, '', ''],
    ],
  );
  process.stdout.write(
    `\nvendor requests during ours: ${JSON.stringify(oursVendor.vendors)}\n`,
  );
  process.stdout.write(`logs: ${run.dir}\n`);
});
