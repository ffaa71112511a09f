/*
 * Paging under abuse and under load, against real backend processes (the harness entry, so
 * tests can sign in as many users) and a standalone sandbox:
 *   1. 1,000 pages from one signed-in user, 50 at a time: the rate limit lets 5 through (the
 *      default 5 per minute), the rest are 429 with Retry-After, and Opsgenie receives 5 alerts;
 *   2. 300 pages at once (60 users × 5, each within the limit) while the on-call sync runs
 *      every 2 s and Opsgenie answers in 200 ms (about its real latency): every caller is
 *      answered within seconds (202, or 503 at once when paging's share of Opsgenie is full)
 *      and the syncs that overlap the burst take about as long as the ones before it;
 *   3. the portal's own permission policy (oncall.paging.permissionPolicy: members) with real
 *      sign-in tokens: a member of the owning Group pages, a member of another team is denied,
 *      a member of a configured Group pages anything.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  Exchange,
  HarnessRun,
  SandboxProcess,
  createRun,
  entityRoutes,
  fastRefreshConfig,
  harnessUserToken,
  percentile,
  recordFigure,
  request,
  sleep,
  startBackend,
  startSandbox,
  waitForCatalog,
} from '../harness';

/** The p-th percentile of the answers' times, in whole milliseconds. */
const msPercentile = (answers: Array<{ ms: number }>, p: number) =>
  Math.round(
    percentile(
      answers.map(a => a.ms),
      p,
    ),
  );

/** The on-call sync every 2 s, the other vendors out of the way. */
const SYNC_EVERY_SECONDS = 2;
/** Opsgenie's latency during the 300-page burst (and the baseline before it). */
const OPSGENIE_LATENCY_MS = Number(process.env.ONCALL_PAGING_LATENCY_MS ?? 200);
const quiet = { frequency: { minutes: 10, seconds: 0 } };

let run: HarnessRun;
let sandbox: SandboxProcess;
let backend: BackendProcess;

before(async () => {
  run = createRun('paging');
  sandbox = await startSandbox(run);
  backend = await startBackend(run, {
    name: 'backend',
    entry: 'harness',
    sandbox: { url: sandbox.url },
    config: mergeConfig(
      fastRefreshConfig({ frequencySeconds: SYNC_EVERY_SECONDS }),
      {
        oncall: { refresh: { incidents: quiet, slos: quiet } },
      },
    ),
  });
  await waitForCatalog(backend, { min: 10 });
  await waitForSync(backend, 0, 60_000);
});

after(async () => {
  await backend?.stop();
  await sandbox?.stop();
});

function mergeConfig(
  a: Record<string, any>,
  b: Record<string, any>,
): Record<string, any> {
  const out: Record<string, any> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && out[key]
        ? mergeConfig(out[key], value)
        : value;
  }
  return out;
}

/** One on-call sync as the backend logged it. */
interface SyncRun {
  start: number;
  end: number;
  durationMs: number;
}

const SYNC_LINE = /^(\S+Z)\s.*Synced on-call teams.*durationMs=(\d+)/;

function syncsSince(process: BackendProcess, mark: number): SyncRun[] {
  return process.process.linesSince(mark).flatMap(line => {
    const match = SYNC_LINE.exec(line);
    if (!match) return [];
    const end = Date.parse(match[1]);
    const durationMs = Number(match[2]);
    return [{ start: end - durationMs, end, durationMs }];
  });
}

async function waitForSync(
  process: BackendProcess,
  mark: number,
  timeoutMs: number,
): Promise<SyncRun> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const runs = syncsSince(process, mark);
    if (runs.length > 0) return runs[runs.length - 1];
    await sleep(200);
  }
  throw new Error(`no on-call sync within ${timeoutMs} ms`);
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(
  tasks: Array<() => Promise<T>>,
  limit: number,
): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, tasks.length) }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]();
      }
    }),
  );
  return results;
}

/** Messages of every alert the sandbox's Opsgenie holds. */
async function alertMessages(): Promise<string[]> {
  const messages: string[] = [];
  for (let offset = 0; ; offset += 100) {
    const body: any = await sandbox.client.vendorGet(
      'opsgenie',
      `/v2/alerts?limit=100&offset=${offset}`,
    );
    messages.push(...body.data.map((a: { message: string }) => a.message));
    if (body.data.length < 100) return messages;
  }
}

function page(
  entity: { kind: string; name: string },
  token: string,
  message: string,
): Promise<Exchange> {
  return request(entityRoutes(backend.url, entity).pages, {
    method: 'POST',
    token,
    body: { message, priority: 'P5' },
    timeoutMs: 120_000,
  });
}

const CHECKOUT = { kind: 'component', name: 'checkout-api' };
/** Services of three teams on Opsgenie (search-api's team is on JSM Operations in the demo). */
const TARGETS = [
  CHECKOUT,
  { kind: 'component', name: 'payments-api' },
  { kind: 'component', name: 'event-pipeline' },
];

const countBy = (values: Array<string | number>) =>
  values.reduce<Record<string, number>>((acc, v) => {
    acc[v] = (acc[v] ?? 0) + 1;
    return acc;
  }, {});

describe('paging abuse', () => {
  test('1,000 pages from one user: 5 accepted, the rest 429 with Retry-After, 5 alerts', async t => {
    const token = await harnessUserToken(backend.url, 'pager.one');
    const message = 'Reliability suite: one user, 1,000 pages';
    // the limit counts per one-minute window: start early in one, so the run stays inside it
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 20_000) await sleep(60_000 - intoMinute + 500);
    const started = Date.now();
    const answers = await pool(
      Array.from({ length: 1000 }, () => () => page(CHECKOUT, token, message)),
      50,
    );
    const seconds = (Date.now() - started) / 1000;
    const statuses = countBy(answers.map(a => a.status));
    const retryAfter = answers
      .filter(a => a.status === 429)
      .map(a => Number(a.headers.get('retry-after')));
    const alerts = (await alertMessages()).filter(m => m === message).length;
    recordFigure(t.diagnostic.bind(t), 'paging-1000-one-user', {
      requests: answers.length,
      seconds: Number(seconds.toFixed(1)),
      answeredPerSecond: Math.round(answers.length / seconds),
      statuses,
      accepted: statuses['202'] ?? 0,
      limit: '5 pages per minute per user (default)',
      alertsAtOpsgenie: alerts,
      retryAfterSeconds: {
        min: Math.min(...retryAfter),
        max: Math.max(...retryAfter),
      },
      p50Ms: msPercentile(answers, 50),
      p99Ms: msPercentile(answers, 99),
      example429: answers.find(a => a.status === 429)?.json?.error?.message,
    });
    assert.ok(seconds < 39, `the run stayed within one window (${seconds} s)`);
    const accepted = statuses['202'] ?? 0;
    assert.equal(accepted, 5, JSON.stringify(statuses));
    assert.equal(
      (statuses['429'] ?? 0) + accepted,
      1000,
      JSON.stringify(statuses),
    );
    assert.ok(
      retryAfter.every(s => Number.isInteger(s) && s >= 1 && s <= 60),
      'every 429 says when to retry, within the window',
    );
    assert.equal(
      alerts,
      accepted,
      'Opsgenie received one alert per accepted page',
    );
  });

  test('300 pages at once: every caller answered in seconds, the on-call sync unaffected', async t => {
    const users = Array.from({ length: 60 }, (_, i) => `pager.${i + 1}`);
    const tokens = await pool(
      users.map(u => () => harnessUserToken(backend.url, u)),
      10,
    );
    await sandbox.client.setFault('opsgenie', {
      latencyMs: OPSGENIE_LATENCY_MS,
    });
    t.after(() => sandbox.client.clearFaults());
    // the syncs before the burst, at the same latency
    await waitForSync(backend, backend.process.lines.length, 30_000);
    const baselineMark = backend.process.lines.length;
    await sleep(SYNC_EVERY_SECONDS * 1000 * 4);
    const baseline = syncsSince(backend, baselineMark);
    assert.ok(
      baseline.length >= 2,
      `${baseline.length} syncs before the burst`,
    );

    const mark = backend.process.lines.length;
    const message = 'Reliability suite: 300 pages at once';
    const burstStart = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        page(TARGETS[i % TARGETS.length], tokens[i % tokens.length], message),
      ),
    );
    const burstEnd = Date.now();
    // the sync that runs after the burst, for comparison
    await waitForSync(backend, backend.process.lines.length, 30_000);
    const runs = syncsSince(backend, mark);
    const overlapping = runs.filter(
      r => r.start < burstEnd && r.end > burstStart,
    );
    const statuses = countBy(answers.map(a => a.status));
    const alerts = (await alertMessages()).filter(m => m === message).length;
    const durations = (list: SyncRun[]) => list.map(r => r.durationMs);
    recordFigure(t.diagnostic.bind(t), 'paging-300-at-once', {
      opsgenieLatencyMs: OPSGENIE_LATENCY_MS,
      pages: answers.length,
      burstSeconds: Number(((burstEnd - burstStart) / 1000).toFixed(1)),
      statuses,
      alertsAtOpsgenie: alerts,
      pageMs: {
        p50: msPercentile(answers, 50),
        p99: msPercentile(answers, 99),
        max: Math.round(Math.max(...answers.map(a => a.ms))),
      },
      max503Ms: Math.round(
        Math.max(0, ...answers.filter(a => a.status === 503).map(a => a.ms)),
      ),
      syncMsBefore: durations(baseline),
      syncMsDuringBurst: durations(overlapping),
      syncMsAfter: durations(runs.filter(r => r.start >= burstEnd)),
    });
    assert.deepEqual(
      Object.keys(statuses).filter(s => s !== '202' && s !== '503'),
      [],
      `only 202 and 503: ${JSON.stringify(statuses)}`,
    );
    assert.equal(alerts, statuses['202'] ?? 0, 'one alert per accepted page');
    assert.ok(
      Math.max(...answers.map(a => a.ms)) < 15_000,
      'no caller waits anywhere near 60 s',
    );
    assert.ok(overlapping.length >= 1, 'a sync ran during the burst');
    const slowest = Math.max(...durations(overlapping));
    const usual = Math.max(...durations(baseline));
    assert.ok(
      slowest < Math.max(3000, 2 * usual),
      `the on-call sync took ${slowest} ms during the burst (before: ${durations(
        baseline,
      ).join(', ')} ms)`,
    );
  });
});

describe('the portal’s permission policy', () => {
  let portal: BackendProcess;

  before(async () => {
    portal = await startBackend(run, {
      name: 'backend-members-policy',
      entry: 'harness',
      sandbox: { url: sandbox.url },
      env: { ONCALL_HARNESS_PORTAL_POLICY: '1' },
      config: mergeConfig(fastRefreshConfig({ frequencySeconds: 30 }), {
        oncall: {
          paging: {
            permissionPolicy: 'members',
            allowedGroups: ['group:default/sre'],
          },
        },
      }),
    });
    await waitForCatalog(portal, { kind: 'user', min: 20 });
    // the policy needs the catalog's relations: owner, parent, memberOf
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [user, component] = await Promise.all(
        ['user/default/olivia.brown', 'component/default/payments-api'].map(
          ref =>
            request(`${portal.url}/api/catalog/entities/by-name/${ref}`, {
              token: portal.serviceToken,
            }),
        ),
      );
      const has = (e: Exchange, type: string) =>
        (e.json?.relations ?? []).some(
          (r: { type: string }) => r.type === type,
        );
      if (has(user, 'memberOf') && has(component, 'ownedBy')) break;
      if (Date.now() > deadline) throw new Error('catalog relations not ready');
      await sleep(1000);
    }
  });

  after(async () => {
    await portal?.stop();
  });

  test('members page, other teams are denied, a configured Group pages anything', async t => {
    const payments = entityRoutes(portal.url, {
      kind: 'component',
      name: 'payments-api',
    });
    const attempt = async (user: string) => {
      const token = await harnessUserToken(portal.url, user);
      const e = await request(payments.pages, {
        method: 'POST',
        token,
        body: {
          message: `Reliability suite: ${user} pages payments-api`,
          priority: 'P5',
        },
      });
      return e.status;
    };
    const statuses = {
      'olivia.brown (payments)': await attempt('olivia.brown'),
      'sofia.rossi (commerce, the parent)': await attempt('sofia.rossi'),
      'ava.martin (checkout)': await attempt('ava.martin'),
      'maria.garcia (sre, allowed Group)': await attempt('maria.garcia'),
    };
    const read = await request(payments.onCall, {
      token: await harnessUserToken(portal.url, 'ava.martin'),
    });
    recordFigure(t.diagnostic.bind(t), 'paging-members-policy', {
      ...statuses,
      'ava.martin reads the on-call view': read.status,
    });
    assert.deepEqual(statuses, {
      'olivia.brown (payments)': 202,
      'sofia.rossi (commerce, the parent)': 202,
      'ava.martin (checkout)': 403,
      'maria.garcia (sre, allowed Group)': 202,
    });
    assert.equal(read.status, 200, 'reading stays allowed');
  });
});
