/*
 * A crash in the middle of the first incident backfill, on PostgreSQL: the only replica is
 * killed (SIGKILL) after the backfill has committed its first page and before it finished;
 * a second replica on the same database takes over the sync when the dead run is released,
 * resumes from the committed watermark (it asks Blameless only for what is missing), and the
 * store then equals the Blameless truth — no incident lost, none duplicated.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  fastRefreshConfig,
  guestToken,
  recordFigure,
  sleep,
  statsDelta,
  waitForCatalog,
} from '../harness';
import { ReplicaStores } from './replicaStores';
import { blamelessTruth, compareIncidentsWithTruth } from './incidentTruth';

const BACKFILL_DAYS = 365;
/** Slows every Blameless answer so the backfill (one call per retrospective) takes ~20 s. */
const BLAMELESS_LATENCY_MS = 1500;

let stores: ReplicaStores;
const backends: BackendProcess[] = [];

async function startReplica(name: string) {
  const backend = await stores.startReplica(
    name,
    fastRefreshConfig(ReplicaStores.refresh),
  );
  backends.push(backend);
  return backend;
}

async function storedIncidents(): Promise<number> {
  try {
    const [row] = await stores.db.query<{ n: string }>(
      'SELECT count(*) AS n FROM oncall.oncall_incidents',
    );
    return Number(row.n);
  } catch {
    return 0; // table not there yet
  }
}

before(async () => {
  stores = await ReplicaStores.create('backfill', {
    database: 'oncall_rel',
    redis: 'oncall-rel',
  });
});

after(() => stores?.remove(backends));

describe('crash during the first incident backfill', () => {
  test('the next replica resumes from the watermark; no incident lost or duplicated', async t => {
    const truth = (await blamelessTruth(stores.sandbox.client)).length;
    await stores.sandbox.client.setFault('blameless', {
      latencyMs: BLAMELESS_LATENCY_MS,
    });
    const first = await startReplica('replica-1');

    // kill once the backfill has committed a page but not finished
    let atKill = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      atKill = await storedIncidents();
      const finished = first.process.lines.some(l =>
        /Synced incidents/.test(l),
      );
      assert.ok(
        !finished,
        `the backfill finished before it could be interrupted (${atKill} stored)`,
      );
      if (atKill > 0 && atKill < truth) break;
      await sleep(200);
    }
    assert.ok(
      atKill > 0 && atKill < truth,
      `never saw a partial backfill (${atKill} of ${truth})`,
    );
    const killedAt = Date.now();
    await first.kill();
    const afterKill = await storedIncidents();
    const [state] = await stores.db.query<{
      watermark: string | null;
      as_of: string | null;
    }>(
      "SELECT watermark, as_of FROM oncall.oncall_sync_state WHERE source = 'blameless'",
    );

    await stores.sandbox.client.clearFaults();
    const statsBefore = await stores.sandbox.client.stats();
    const second = await startReplica('replica-2');
    await waitForCatalog(second, { min: 10 });
    await second.process.waitForLine(
      /Synced incidents/,
      ReplicaStores.takeoverBoundMs(20),
    );
    const resumedAfterSeconds = Math.round((Date.now() - killedAt) / 100) / 10;
    const vendorSaw = statsDelta(
      statsBefore,
      await stores.sandbox.client.stats(),
    );
    const synced =
      second.process.lines.find(l => /Synced incidents/.test(l)) ?? '';
    const written = Number(/written=(\d+)/.exec(synced)?.[1] ?? NaN);

    const token = await guestToken(second.url);
    const comparison = await compareIncidentsWithTruth({
      baseUrl: second.url,
      token,
      serviceToken: second.serviceToken,
      sandbox: stores.sandbox.client,
      backfillDays: BACKFILL_DAYS,
    });
    recordFigure(t.diagnostic.bind(t), 'backfill-crash', {
      blamelessIncidents: truth,
      storedWhenKilled: afterKill,
      watermarkWhenKilled: state?.watermark ?? null,
      takeoverAfterSeconds: resumedAfterSeconds,
      writtenByTakeover: written,
      blamelessRequestsByTakeover: vendorSaw.vendors.blameless.routes,
      storedAfter: await storedIncidents(),
      comparedIncidents: comparison.compared,
      lost: comparison.lost,
      duplicated: comparison.duplicated,
      extra: comparison.extra,
    });
    assert.ok(state?.watermark, 'the committed page moved the watermark');
    assert.ok(
      written < truth,
      `the takeover rewrote ${written} of ${truth} incidents: it restarted the backfill instead of resuming`,
    );
    assert.ok(comparison.compared > 0);
    assert.deepEqual(comparison.problems.slice(0, 20), []);
  });
});
