/*
 * Two backend replicas on one PostgreSQL database and one Redis cache (namespace per run),
 * one standalone sandbox. Then a crash, and a full restart:
 *   1. scheduled syncs run once per interval across both replicas (the replicas' "Synced …"
 *      log lines, and the requests the sandbox received);
 *   2. both replicas give identical answers for every demo view;
 *   3. one replica is killed (SIGKILL) while a sync is talking to the vendors; the other
 *      completes the next run, and the incidents it serves equal the Blameless truth (the
 *      sandbox's own API): none lost, none duplicated;
 *   4. restart: every replica stopped, all vendors then fail, a new replica starts on the
 *      same database: on-call snapshots, incident history, SLO history and the coverage
 *      (mappings) come back from PostgreSQL exactly as before; the store's row counts match.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  VENDORS,
  clearRedisNamespace,
  fastRefreshConfig,
  guestToken,
  recordFigure,
  redisKeys,
  request,
  sleep,
  statsDelta,
  waitForCatalog,
} from '../harness';
import { ReplicaStores, startInTurn } from './replicaStores';
import { compareIncidentsWithTruth } from './incidentTruth';
import {
  VIEWS,
  incidentsWindowQuery,
  pollUntilFresh,
  viewUrls,
  waitUntilWarm,
} from './lib';
import { talkingTo } from './warmBackend';
import { withoutFreshness } from './replicaViews';

const REFRESH_SECONDS = ReplicaStores.refreshSeconds;
const WINDOW_SECONDS = Number(process.env.ONCALL_REPLICA_WINDOW_SECONDS ?? 40);
const BACKFILL_DAYS = 365;
const SYNC_LINES = {
  opsgenie: /Synced on-call teams/,
  blameless: /Synced incidents/,
  datadog: /Synced SLOs/,
} as const;

let stores: ReplicaStores;
const replicas: BackendProcess[] = [];
let token: string;

function replicaConfig() {
  return {
    ...fastRefreshConfig({ ...ReplicaStores.refresh, staleAfterMinutes: 1 }),
  };
}

async function startReplica(name: string): Promise<BackendProcess> {
  const backend = await stores.startReplica(name, replicaConfig());
  replicas.push(backend);
  return backend;
}

before(async () => {
  stores = await ReplicaStores.create('replicas', {
    database: 'oncall_rel',
    redis: 'oncall-rel',
  });
  await startInTurn(['replica-a', 'replica-b'], startReplica);
  token = await guestToken(replicas[0].url);
  for (const replica of replicas) await waitUntilWarm(replica.url, token);
});

after(() => stores?.remove(replicas));

/** Everything a user sees for the demo entities, without the freshness blocks. */
async function snapshot(baseUrl: string) {
  const out: Record<string, unknown> = {};
  for (const { view, entity, url } of viewUrls(baseUrl)) {
    const target =
      view === 'incidents' ? `${url}?${incidentsWindowQuery()}&limit=500` : url;
    const e = await request(target, { token });
    assert.equal(
      e.status,
      200,
      `${target}: HTTP ${e.status} ${e.text.slice(0, 300)}`,
    );
    out[`${entity.name} ${view}`] = withoutFreshness(e.json);
  }
  const coverage = await request(`${baseUrl}/api/oncall/coverage`, { token });
  assert.equal(coverage.status, 200, `coverage: HTTP ${coverage.status}`);
  out.coverage = withoutFreshness(coverage.json);
  return out;
}

describe('two replicas on PostgreSQL and Redis', () => {
  test('scheduled syncs run once per interval across both replicas', async t => {
    const marks = replicas.map(r => r.process.lines.length);
    const before = await stores.sandbox.client.stats();
    const started = Date.now();
    await sleep(WINDOW_SECONDS * 1000);
    const windowSeconds = (Date.now() - started) / 1000;
    const vendorSaw = statsDelta(before, await stores.sandbox.client.stats());
    const bound = Math.ceil(windowSeconds / REFRESH_SECONDS) + 1;
    const runs: Record<string, Record<string, number>> = {};
    for (const vendor of VENDORS) {
      runs[vendor] = {};
      replicas.forEach((r, i) => {
        runs[vendor][r.name] = r.process
          .linesSince(marks[i])
          .filter(l => SYNC_LINES[vendor].test(l)).length;
      });
    }
    recordFigure(t.diagnostic.bind(t), 'replicas-schedule', {
      windowSeconds: Math.round(windowSeconds),
      refreshSeconds: REFRESH_SECONDS,
      maxRunsAllowed: bound,
      runs,
      vendorReceived: Object.fromEntries(
        VENDORS.map(v => [v, vendorSaw.vendors[v].total]),
      ),
      vendorRoutes: Object.fromEntries(
        VENDORS.map(v => [v, vendorSaw.vendors[v].routes]),
      ),
    });
    for (const vendor of VENDORS) {
      const total = Object.values(runs[vendor]).reduce((a, b) => a + b, 0);
      assert.ok(
        total >= 1,
        `${vendor}: no scheduled sync ran in ${windowSeconds} s`,
      );
      assert.ok(
        total <= bound,
        `${vendor}: ${total} syncs in ${Math.round(
          windowSeconds,
        )} s across two replicas; at most ${bound} expected (once per ${REFRESH_SECONDS} s)`,
      );
    }
  });

  test('both replicas give identical answers', async t => {
    let equal = false;
    let attempts = 0;
    let diff = '';
    // a sync can land between the two reads; identical within three tries
    while (!equal && attempts < 3) {
      attempts++;
      const [a, b] = await Promise.all(replicas.map(r => snapshot(r.url)));
      try {
        assert.deepStrictEqual(a, b);
        equal = true;
      } catch (error) {
        diff = String(error).slice(0, 2000);
        await sleep(1000);
      }
    }
    recordFigure(t.diagnostic.bind(t), 'replicas-identical', {
      views: viewUrls('').length + 1,
      attempts,
      identical: equal,
      // the shared cache in use: keys under this run's Redis namespace after the reads
      redisKeys: (await redisKeys(stores.namespace)).length,
    });
    assert.ok(equal, `replicas disagree:\n${diff}`);
  });

  test('a replica killed mid-sync: the other completes the next run; no incident lost or duplicated', async t => {
    // slow vendors so a sync is in flight long enough to be interrupted
    for (const vendor of VENDORS)
      await stores.sandbox.client.setFault(vendor, { latencyMs: 400 });
    let victim: BackendProcess | undefined;
    let inFlight = 0;
    let victimFoundBy = '';
    const deadline = Date.now() + 3 * REFRESH_SECONDS * 1000;
    while (!victim && Date.now() < deadline) {
      // without `ss`, which replica syncs is unknown: the first one is killed while
      // vendor traffic flows (the figure says so)
      const found = talkingTo(stores.sandbox, replicas);
      victimFoundBy = found ? 'ss' : 'traffic only';
      const talking = found ?? [replicas[0]];
      const s1 = await stores.sandbox.client.stats();
      await sleep(300);
      const s2 = await stores.sandbox.client.stats();
      const flowing = VENDORS.some(
        v => s2.vendors[v].total > s1.vendors[v].total,
      );
      if (flowing && talking.length > 0) {
        victim = talking[0];
        inFlight = VENDORS.reduce(
          (n, v) => n + s2.vendors[v].total - s1.vendors[v].total,
          0,
        );
      }
    }
    assert.ok(victim, 'never saw a replica mid-sync');
    const survivor = replicas.find(r => r !== victim)!;
    const killedAt = Date.now();
    await victim.kill();
    await stores.sandbox.client.clearFaults();

    // the survivor runs every task to completion after the kill. A run the victim held is
    // released when its timeout has passed and the scheduler's janitor (every 60 s in
    // @backstage/backend-defaults) clears it, so the bound is timeout + 60 s + one interval.
    const mark = survivor.process.lines.length;
    const completed: Record<string, number> = {};
    for (const vendor of VENDORS) {
      await survivor.process.waitForLine(
        SYNC_LINES[vendor],
        ReplicaStores.takeoverBoundMs(10),
        mark,
      );
      completed[vendor] = Math.round((Date.now() - killedAt) / 100) / 10;
    }
    for (const { view, vendor } of VIEWS) {
      await pollUntilFresh(survivor.url, token, { view, vendor }, 30_000);
    }

    // store (through the incidents routes) vs Blameless truth, per catalog component and API
    const comparison = await compareIncidentsWithTruth({
      baseUrl: survivor.url,
      token,
      serviceToken: survivor.serviceToken,
      sandbox: stores.sandbox.client,
      backfillDays: BACKFILL_DAYS,
    });
    recordFigure(t.diagnostic.bind(t), 'replicas-kill', {
      killed: victim.name,
      victimFoundBy,
      vendorRequestsIn300msBeforeKill: inFlight,
      survivor: survivor.name,
      survivorCompletedSyncAfterSeconds: completed,
      blamelessIncidents: comparison.truth,
      comparedIncidents: comparison.compared,
      entities: comparison.entities,
      lost: comparison.lost,
      duplicated: comparison.duplicated,
      extra: comparison.extra,
    });
    assert.ok(comparison.compared > 0, 'no incidents to compare');
    assert.deepEqual(comparison.problems.slice(0, 20), []);
  });

  test('restart on PostgreSQL: history, snapshots and mappings survive', async t => {
    const live = replicas.filter(r => r.process.running);
    const before = await snapshot(live[0].url);
    const tables = await stores.db.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'oncall' AND table_name LIKE 'oncall\\_%' ORDER BY 1`,
    );
    const counts = async () => {
      const result: Record<string, number> = {};
      for (const { table_name } of tables) {
        const [row] = await stores.db.query<{ n: string }>(
          `SELECT count(*) AS n FROM oncall."${table_name}"`,
        );
        result[table_name] = Number(row.n);
      }
      return result;
    };
    for (const r of live) await r.stop();
    const rowsBefore = await counts();
    // nothing may come from the shared cache either: only PostgreSQL holds the data now
    const cacheKeysCleared = await clearRedisNamespace(stores.namespace);
    // from here on no vendor answers: whatever is served comes from the database
    for (const vendor of VENDORS)
      await stores.sandbox.client.setFault(vendor, {
        mode: 'error',
        status: 503,
      });
    const restarted = await startReplica('replica-c');
    await waitForCatalog(restarted, { min: 10 });
    const after = await snapshot(restarted.url);
    const rowsAfter = await counts();
    recordFigure(t.diagnostic.bind(t), 'restart', {
      tables: tables.length,
      rows: Object.values(rowsBefore).reduce((a, b) => a + b, 0),
      rowsBefore,
      cacheKeysCleared,
      restartMs: restarted.startMs,
      viewsCompared: Object.keys(before).length,
    });
    await stores.sandbox.client.clearFaults();
    assert.ok(
      Object.values(rowsBefore).some(n => n > 0),
      'the store held data before the restart',
    );
    assert.deepStrictEqual(
      after,
      before,
      'views after the restart equal those before it',
    );
    for (const [table, n] of Object.entries(rowsBefore)) {
      assert.ok(
        rowsAfter[table] >= n,
        `${table}: ${n} rows before the restart, ${rowsAfter[table]} after`,
      );
    }
  });
});
