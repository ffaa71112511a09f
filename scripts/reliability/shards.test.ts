/*
 * The on-call and SLO syncs split into shards (`oncall.refresh.shards: 4`), two replicas on one
 * PostgreSQL database and one Redis cache, one standalone sandbox:
 *   1. the replicas share the shard tasks through the Backstage scheduler: every shard of both
 *      syncs runs, on one replica at a time (the first to ask), and every team and SLO ends
 *      up synced;
 *   2. one replica is killed (SIGKILL) while it syncs: the survivor takes over every shard
 *      (the scheduler frees a dead replica's runs once their timeout has passed) and nothing
 *      is lost: every team is synced again after the kill, every SLO keeps its detail.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  deepMerge,
  fastRefreshConfig,
  recordFigure,
  sleep,
} from '../harness';
import { ReplicaStores, startInTurn } from './replicaStores';

const SHARDS = 4;
const REFRESH_SECONDS = ReplicaStores.refreshSeconds;
const WINDOW_SECONDS = 40;
/** A shard's run in the log: `Synced on-call teams …`, `Synced SLOs …` (the lead) or `Synced SLO details …`. */
const SHARD_LINE =
  /Synced (on-call teams|SLOs|SLO details)\b.*shard="?(\d+)\/(\d+)/;

let stores: ReplicaStores;
const replicas: BackendProcess[] = [];

async function startReplica(name: string): Promise<BackendProcess> {
  const config = fastRefreshConfig(ReplicaStores.refresh);
  deepMerge(config, { oncall: { refresh: { shards: SHARDS } } });
  const backend = await stores.startReplica(name, config);
  replicas.push(backend);
  return backend;
}

/**
 * The shard runs a replica logged since `mark` (`on-call 2/4`, `slos 1/4`), with the time
 * each run started (the line's time less its `durationMs`).
 */
function shardRuns(
  backend: BackendProcess,
  mark: number,
): Array<{ shard: string; startedAt: number; endedAt: number }> {
  // the harness keeps a process's lines without colour codes
  return backend.process.linesSince(mark).flatMap(line => {
    const match = SHARD_LINE.exec(line);
    const at = /^(\S+Z)\s/.exec(line);
    const duration = /durationMs=(\d+)/.exec(line);
    if (!match || !at || !duration) return [];
    const sync = match[1] === 'on-call teams' ? 'on-call' : 'slos';
    return [
      {
        shard: `${sync} ${match[2]}/${match[3]}`,
        startedAt: Date.parse(at[1]) - Number(duration[1]),
        endedAt: Date.parse(at[1]),
      },
    ];
  });
}

const ALL_SHARDS = ['on-call', 'slos'].flatMap(sync =>
  Array.from({ length: SHARDS }, (_, i) => `${sync} ${i + 1}/${SHARDS}`),
);

/** The shard tasks this replica's scheduler is running right now (its own workers' state). */
async function runningShardTasks(backend: BackendProcess): Promise<string[]> {
  const response = await fetch(
    `${backend.url}/api/oncall/.backstage/scheduler/v1/tasks`,
    { headers: { authorization: `Bearer ${backend.serviceToken}` } },
  );
  assert.equal(response.status, 200, 'scheduler tasks');
  const body = (await response.json()) as {
    tasks: Array<{ taskId: string; workerState: { status: string } | null }>;
  };
  return body.tasks
    .filter(
      task =>
        task.taskId.includes('-shard-') &&
        task.workerState?.status === 'running',
    )
    .map(task => task.taskId);
}

/** When each team's scope was last synced, and whether each SLO has its detail. */
async function storeState() {
  const teams = await stores.db.query<{ scope: string; as_of: string | null }>(
    `SELECT scope, as_of FROM oncall.oncall_sync_state WHERE source = 'opsgenie' AND scope LIKE 'team:%'`,
  );
  const slos = await stores.db.query<{ id: string; detail: string | null }>(
    `SELECT id, detail_refreshed_at AS detail FROM oncall.oncall_slos`,
  );
  const [list] = await stores.db.query<{ as_of: string | null }>(
    `SELECT as_of FROM oncall.oncall_sync_state WHERE source = 'datadog' AND scope = 'slos'`,
  );
  const time = (value: string | number | null | undefined) =>
    value === null || value === undefined ? 0 : new Date(value).getTime();
  return {
    teams: teams.map(t => ({ scope: t.scope, asOf: time(t.as_of) })),
    slos: slos.map(s => ({ id: s.id, detail: s.detail !== null })),
    sloListAsOf: time(list?.as_of),
  };
}

before(async () => {
  stores = await ReplicaStores.create('shards', {
    database: 'oncall_shards',
    redis: 'oncall-shards',
  });
  await startInTurn(['replica-a', 'replica-b'], startReplica);
});

after(() => stores?.remove(replicas));

describe(`the syncs in ${SHARDS} shards on two replicas`, () => {
  test('every shard runs, on one replica at a time; every team and SLO is synced', async t => {
    const marks = replicas.map(r => r.process.lines.length);
    const started = Date.now();
    await sleep(WINDOW_SECONDS * 1000);
    const runs = replicas.map((r, i) => shardRuns(r, marks[i]));
    const byReplica = Object.fromEntries(
      replicas.map((r, i) => [r.name, runs[i].length]),
    );
    const seen = new Set(runs.flat().map(run => run.shard));
    // a shard's runs on one replica never overlap its runs on the other
    const overlapping = runs[0].filter(a =>
      runs[1].some(
        b =>
          a.shard === b.shard &&
          a.startedAt < b.endedAt &&
          b.startedAt < a.endedAt,
      ),
    );
    const state = await storeState();
    recordFigure(t.diagnostic.bind(t), 'shards-shared', {
      windowSeconds: WINDOW_SECONDS,
      shards: SHARDS,
      // the scheduler gives a due run to the first replica that polls: the split varies
      shardRunsByReplica: byReplica,
      overlapping: overlapping.length,
      teams: state.teams.length,
      slos: state.slos.length,
    });
    assert.deepEqual(
      ALL_SHARDS.filter(shard => !seen.has(shard)),
      [],
      'every shard of both syncs ran in the window',
    );
    assert.deepEqual(overlapping, [], 'a shard ran on both replicas at once');
    assert.ok(state.teams.length > 0 && state.slos.length > 0);
    assert.deepEqual(
      state.teams.filter(
        team => team.asOf < started - 2 * REFRESH_SECONDS * 1000,
      ),
      [],
      'every team synced recently',
    );
    assert.deepEqual(
      state.slos.filter(slo => !slo.detail),
      [],
      'every SLO has its detail',
    );
  });

  test('a replica killed mid-run: the survivor takes over its shards; nothing is lost', async t => {
    // slow vendors so a run is in flight long enough to be interrupted
    for (const vendor of ['opsgenie', 'datadog'] as const) {
      await stores.sandbox.client.setFault(vendor, { latencyMs: 400 });
    }
    // the victim: a replica its own scheduler reports running a shard right now
    let victim: BackendProcess | undefined;
    let held: string[] = [];
    const deadline = Date.now() + 6 * REFRESH_SECONDS * 1000;
    while (!victim && Date.now() < deadline) {
      for (const replica of replicas) {
        held = await runningShardTasks(replica);
        if (held.length > 0) {
          victim = replica;
          break;
        }
      }
      if (!victim) await sleep(100);
    }
    assert.ok(victim, 'never saw a replica running a shard');
    const survivor = replicas.find(r => r !== victim)!;
    const before = await storeState();
    const mark = survivor.process.lines.length;
    const killedAt = Date.now();
    await victim.kill();
    await stores.sandbox.client.clearFaults();

    // every shard completes a run on the survivor that started after the kill; a run the
    // victim held is freed when its timeout has passed and the janitor (every 60 s) clears it
    const takeover: Record<string, number> = {};
    // …plus one more interval for the shard's own run
    const bound = ReplicaStores.takeoverBoundMs(REFRESH_SECONDS);
    while (
      Object.keys(takeover).length < ALL_SHARDS.length &&
      Date.now() - killedAt < bound
    ) {
      for (const { shard, startedAt } of shardRuns(survivor, mark)) {
        if (startedAt > killedAt) {
          takeover[shard] ??= Math.round((Date.now() - killedAt) / 100) / 10;
        }
      }
      await sleep(250);
    }
    const after = await storeState();
    recordFigure(t.diagnostic.bind(t), 'shards-takeover', {
      killed: victim.name,
      heldByVictim: held,
      survivor: survivor.name,
      shardDoneOnSurvivorAfterSeconds: takeover,
      teams: after.teams.length,
      slos: after.slos.length,
    });
    assert.deepEqual(
      ALL_SHARDS.filter(shard => takeover[shard] === undefined),
      [],
      `every shard ran on the survivor within ${bound / 1000} s of the kill`,
    );
    assert.equal(after.teams.length, before.teams.length, 'no team lost');
    assert.equal(after.slos.length, before.slos.length, 'no SLO lost');
    assert.deepEqual(
      after.teams.filter(team => team.asOf < killedAt),
      [],
      'every team synced again after the kill',
    );
    assert.ok(
      after.sloListAsOf >= killedAt,
      'the SLO list read after the kill',
    );
    assert.deepEqual(
      after.slos.filter(slo => !slo.detail),
      [],
      'every SLO keeps its detail',
    );
  });
});
