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
  HarnessRun,
  SandboxProcess,
  ScratchDatabase,
  clearRedisNamespace,
  createDatabase,
  createRun,
  fastRefreshConfig,
  guestToken,
  recordFigure,
  sleep,
  startBackend,
  startSandbox,
  statsDelta,
  waitForCatalog,
} from '../harness';
import { blamelessTruth, compareIncidentsWithTruth } from './incidentTruth';
import { SCHEDULER_JANITOR_SECONDS } from './lib';

const REFRESH_SECONDS = 10;
const TASK_TIMEOUT_SECONDS = 20;
const BACKFILL_DAYS = 365;
/** Slows every Blameless answer so the backfill (one call per retrospective) takes ~20 s. */
const BLAMELESS_LATENCY_MS = 1500;

let run: HarnessRun;
let db: ScratchDatabase;
let sandbox: SandboxProcess;
let namespace: string;
const backends: BackendProcess[] = [];

async function startReplica(name: string) {
  const backend = await startBackend(run, {
    name,
    sandbox: { url: sandbox.url },
    database: db,
    cache: { redisNamespace: namespace },
    config: fastRefreshConfig({
      frequencySeconds: REFRESH_SECONDS,
      timeoutSeconds: TASK_TIMEOUT_SECONDS,
    }),
  });
  backends.push(backend);
  return backend;
}

async function storedIncidents(): Promise<number> {
  try {
    const [row] = await db.query<{ n: string }>(
      'SELECT count(*) AS n FROM oncall.oncall_incidents',
    );
    return Number(row.n);
  } catch {
    return 0; // table not there yet
  }
}

before(async () => {
  run = createRun('backfill');
  namespace = `oncall-rel-${run.id}`;
  db = await createDatabase(`oncall_rel_${run.id}`);
  sandbox = await startSandbox(run);
});

after(async () => {
  for (const backend of backends) await backend.stop().catch(() => undefined);
  await sandbox?.stop();
  await clearRedisNamespace(namespace).catch(() => undefined);
  await db?.drop();
});

describe('crash during the first incident backfill', () => {
  test('the next replica resumes from the watermark; no incident lost or duplicated', async t => {
    const truth = (await blamelessTruth(sandbox.client)).length;
    await sandbox.client.setFault('blameless', {
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
    const [state] = await db.query<{
      watermark: string | null;
      as_of: string | null;
    }>(
      "SELECT watermark, as_of FROM oncall.oncall_sync_state WHERE source = 'blameless'",
    );

    await sandbox.client.clearFaults();
    const statsBefore = await sandbox.client.stats();
    const second = await startReplica('replica-2');
    await waitForCatalog(second, { min: 10 });
    await second.process.waitForLine(
      /Synced incidents/,
      (TASK_TIMEOUT_SECONDS +
        SCHEDULER_JANITOR_SECONDS +
        REFRESH_SECONDS +
        20) *
        1000,
    );
    const resumedAfterSeconds = Math.round((Date.now() - killedAt) / 100) / 10;
    const vendorSaw = statsDelta(statsBefore, await sandbox.client.stats());
    const synced =
      second.process.lines.find(l => /Synced incidents/.test(l)) ?? '';
    const written = Number(/written=(\d+)/.exec(synced)?.[1] ?? NaN);

    const token = await guestToken(second.url);
    const comparison = await compareIncidentsWithTruth({
      baseUrl: second.url,
      token,
      serviceToken: second.serviceToken,
      sandbox: sandbox.client,
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
