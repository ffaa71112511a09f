import autocannon from 'autocannon';
import { BackendProcess, guestToken, request } from '../harness';
import { BenchSandbox, r1 } from './lib';
import { timedSync } from './tasks';
import { sampleRss } from './procStats';
import { vendorTotals } from './providers';
import { notNow } from './scaleRounds';

/** The on-call health page sync, kept out of the three-task rounds and timed on its own. */
export const HEALTH_TASK = 'oncall-sync-health';
const CONNECTIONS = 50;
const DURATION_S = 10;
/** Groups whose health route the load reads round-robin. */
const GROUPS = 200;

/** How long the health task waits after start-up; triggers are ignored until then. */
const HEALTH_INITIAL_DELAY_S = 2;

/**
 * The config of the health backend: the health sync runs when triggered (its scheduled runs
 * are far away: the store's scheduler row keeps the first backend's next run), no other sync
 * and no open-incident watch, so the figures are the health sync's alone.
 */
export const healthPhaseConfig = {
  oncall: {
    refresh: {
      onCall: notNow,
      incidents: notNow,
      slos: notNow,
      openIncidents: notNow,
    },
    health: {
      refresh: {
        ...notNow,
        initialDelay: { minutes: 0, seconds: HEALTH_INITIAL_DELAY_S },
      },
    },
  },
};

/**
 * One health sync run: its time (or error), vendor requests og/bl/dd/jsm/pd, peak RSS. `ms`:
 * the run's own (first poll that sees it running → its end); `triggerMs` adds the scheduler's
 * pick-up of the trigger (its worker looks for due work every 5 s).
 */
export interface HealthSyncRun {
  ms?: number;
  triggerMs?: number;
  error?: string;
  requests: string;
  peakRssMiB: number;
}

export interface HealthFigures {
  full: HealthSyncRun;
  incremental: HealthSyncRun;
  pagesStored: number;
  groups: number;
  /** The health route and the plugin's unauthenticated liveness route, same run. */
  load: Array<{
    route: string;
    rps: number;
    p50: number;
    p99: number;
    non2xx: number;
  }>;
}

/** One triggered health sync: the first fills the empty page store, the second is incremental. */
async function syncOnce(
  backend: BackendProcess,
  sandbox: BenchSandbox,
  timeoutMs: number,
): Promise<HealthSyncRun> {
  await sandbox.client.resetStats();
  const rss = sampleRss(backend.process.pid, 200);
  let outcome: Pick<HealthSyncRun, 'ms' | 'triggerMs' | 'error'>;
  try {
    const timed = await timedSync(backend, HEALTH_TASK, timeoutMs);
    outcome = { ms: timed.run.ms, triggerMs: timed.ms, error: timed.error };
  } catch (error) {
    outcome = { error: String(error) };
  }
  const peakRssMiB = rss.stop();
  const stats = await sandbox.client.stats();
  return {
    ...outcome,
    requests: Object.values(vendorTotals(undefined, stats)).join('/'),
    peakRssMiB,
  };
}

/** Group names of the catalog that have an on-call team (the health route's subjects). */
async function healthGroups(
  backend: BackendProcess,
  token: string,
): Promise<string[]> {
  const e = await request(
    `${backend.url}/api/catalog/entities/by-query?filter=kind=group&fields=metadata.name&limit=${GROUPS}`,
    { token },
  );
  const items: Array<{ metadata: { name: string } }> = e.json?.items ?? [];
  return items.map(i => i.metadata.name);
}

/**
 * The health sync at scale on a backend started for it on the store the other syncs filled
 * (who was on call comes from there): full into the empty page store, then incremental, each
 * with its vendor requests and the backend's peak RSS; then the health route's warm throughput
 * and p50/p99 at 50 connections beside the plugin's liveness route on the same backend.
 */
export async function measureHealth(
  backend: BackendProcess,
  sandbox: BenchSandbox,
  timeoutMs: number,
): Promise<HealthFigures> {
  await new Promise(resolve =>
    setTimeout(resolve, (HEALTH_INITIAL_DELAY_S + 1) * 1000),
  );
  const full = await syncOnce(backend, sandbox, timeoutMs);
  const incremental = await syncOnce(backend, sandbox, timeoutMs);
  const token = await guestToken(backend.url);
  const groups = await healthGroups(backend, token);
  const paths = groups.map(
    g => `/api/oncall/entities/group/default/${g}/health?weeks=12`,
  );
  let pagesStored = 0;
  for (const path of paths) {
    const e = await request(`${backend.url}${path}`, { token });
    pagesStored += Number(e.json?.totals?.pages ?? 0);
  }
  const load = [];
  for (const [route, routePaths] of [
    ['health route (group, 12 weeks)', paths],
    ['floor: /api/oncall/health (no auth)', ['/api/oncall/health']],
  ] as const) {
    const result = await autocannon({
      url: backend.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      headers: { authorization: `Bearer ${token}` },
      requests: routePaths.map(path => ({ method: 'GET', path })),
    });
    load.push({
      route,
      rps: r1(result.requests.total / DURATION_S),
      p50: result.latency.p50,
      p99: result.latency.p99,
      non2xx: result.non2xx,
    });
  }
  return {
    full,
    incremental,
    pagesStored,
    groups: groups.length,
    load,
  };
}
