/*
 * The two sides of bench:warm-read on our backend (warm-read.ts): a backend reading the
 * providers of one mode, warmed up (a sync of every task, every view of every demo service
 * read once), and the load on it (all views round-robin, then one view at a time).
 */
import autocannon from 'autocannon';
import { createDemoOrg } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import {
  HarnessRun,
  entityRoutes,
  guestToken,
  request,
  startBackend,
  statsDelta,
  waitForCatalog,
} from '../harness';
import { BaselineService, VIEWS, View } from './baseline';
import { BenchSandbox } from './lib';
import { SYNC_TASKS, waitForRunEnd } from './tasks';
import { cpuMsOf } from './procStats';
import {
  ProviderMode,
  providerConfig,
  setLatencyAll,
  teamsByProvider,
  vendorTotals,
} from './providers';

export const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 300);

const routeOf: Record<View, 'onCall' | 'incidents' | 'slos'> = {
  onCall: 'onCall',
  incidents: 'incidents',
  slos: 'slos',
};

/** One backend reading the providers of `mode`: warmed up, ready for load. */
export async function warmBackend(
  run: HarnessRun,
  sandbox: BenchSandbox,
  mode: ProviderMode,
  cleanup: Array<() => Promise<unknown>>,
) {
  await sandbox.client.clearFaults();
  const backend = await startBackend(run, {
    name: `backend-${mode}`,
    sandbox: { url: sandbox.url },
    config: providerConfig(mode, sandbox.url),
  });
  cleanup.push(() => backend.stop());
  await waitForCatalog(backend, { min: 18 });
  for (const task of SYNC_TASKS) {
    const { error } = await waitForRunEnd(backend, task, 0);
    if (error) throw new Error(`${mode}: ${task} failed: ${error}`);
  }
  const token = await guestToken(backend.url);

  // warm-up: every view of every demo service once; the baseline learns each owner's team
  const org = createDemoOrg({ seed: 42, now: new Date() });
  const services: BaselineService[] = [];
  const paths: string[] = [];
  const providerOfView = new Map<string, number>();
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
          `${mode} warm-up ${routes[view]}: HTTP ${
            exchange.status
          } ${exchange.text.slice(0, 200)}`,
        );
      }
      if (view === 'onCall') {
        team = exchange.json?.resolution?.team;
        // the on-call tool of the first rotation (RotationSource), or none
        const provider = String(
          exchange.json?.rotations?.[0]?.source?.providerId ??
            '(no source: one provider)',
        );
        providerOfView.set(provider, (providerOfView.get(provider) ?? 0) + 1);
      }
      paths.push(new URL(routes[routeOf[view]]).pathname);
    }
    services.push({
      name: service.name,
      team,
      blamelessService: service.blamelessService,
    });
  }
  const coverage = await teamsByProvider(backend);
  process.stdout.write(
    `${mode}: warm-up done: ${
      org.services.length
    } services × 3 views; groups per provider (GET /api/oncall/coverage): ${coverage}; on-call views per provider: ${[
      ...providerOfView,
    ]
      .map(([p, n]) => `${p} ${n}`)
      .join(', ')}\n`,
  );
  return { backend, token, org, services, paths, coverage };
}

/** Our side under load: all views round-robin, then one view at a time on one connection. */
export async function ours(
  sandbox: BenchSandbox,
  side: Awaited<ReturnType<typeof warmBackend>>,
) {
  const { backend, token, paths } = side;
  await setLatencyAll(sandbox.client, LATENCY_MS);
  const cannon = (
    cannonPaths: string[],
    connections: number,
    duration: number,
  ) =>
    autocannon({
      url: backend.url,
      connections,
      duration,
      headers: { authorization: `Bearer ${token}` },
      requests: cannonPaths.map(path => ({ method: 'GET', path })),
    });
  const pid = backend.process.pid;
  // `paths` lists the views of each service in VIEWS order
  const pathsOf = (view: View) =>
    paths.filter((_, i) => VIEWS[i % VIEWS.length] === view);

  // every view of every demo service, round-robin, CONNECTIONS concurrent
  const before = await sandbox.client.stats();
  const cpuBefore = cpuMsOf(pid);
  const result = await cannon(paths, CONNECTIONS, DURATION_S);
  const cpuMs = cpuMsOf(pid) - cpuBefore;
  const after = await sandbox.client.stats();

  // one route at a time with one connection: service time and CPU per request
  const single: Array<{
    view: View;
    p50: number;
    p99: number;
    rps: number;
    cpuMs: number;
  }> = [];
  for (const view of VIEWS) {
    const cpu0 = cpuMsOf(pid);
    const one = await cannon(pathsOf(view), 1, 5);
    single.push({
      view,
      p50: one.latency.p50,
      p99: one.latency.p99,
      rps: one.requests.total / 5,
      cpuMs: (cpuMsOf(pid) - cpu0) / Math.max(1, one.requests.total),
    });
  }
  // each route alone at CONNECTIONS, 10 s: against the floor of the same backend
  const loaded: Array<{
    view: View;
    p50: number;
    p99: number;
    rps: number;
    non2xx: number;
  }> = [];
  for (const view of VIEWS) {
    const many = await cannon(pathsOf(view), CONNECTIONS, 10);
    loaded.push({
      view,
      p50: many.latency.p50,
      p99: many.latency.p99,
      rps: many.requests.total / 10,
      non2xx: many.non2xx + many.errors + many.timeouts,
    });
  }
  return {
    result,
    cpuMs,
    loaded,
    vendor: statsDelta(before, after),
    vendorAll: vendorTotals(before, after),
    single,
    cannon,
  };
}
