/*
 * PagerDuty under vendor faults: the PagerDuty adapter (product resilience defaults: 8 calls at
 * once, 3 attempts, 10 s longest in-line wait, breaker after 5 failures) reads the standalone
 * sandbox's PagerDuty fake (REST API v2 at /pagerduty, Events API v2 at /pagerduty-events)
 * while it fails. Asserted:
 *   - 5xx, a hanging API and malformed bodies end as VendorErrors within the timeout budget,
 *     never as data; a malformed body is not retried;
 *   - a 429 storm with PagerDuty's headers (ratelimit-limit, ratelimit-remaining: 0,
 *     ratelimit-reset in seconds) gets a quiet period at least as long as ratelimit-reset after
 *     each throttled answer, at most the concurrency cap in any second, and the breaker opens;
 *     after the storm the reads succeed again;
 *   - paging through Events API v2 under a 5xx fault is retried with the same dedup_key, and
 *     the sandbox opens one incident for it, not two.
 * Until the provider registry wires PagerDuty into the harness backend, this drives the
 * adapter directly. The adapter's requests are watched by wrapping fetch in this process.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { CONCURRENCY_CAP, adapterSandbox, vendorFailure } from './adapters';
import { recordFigure, sleep } from '../harness';
import { VendorPolicy } from '../../plugins/oncall-backend/src/lib/resilience';
import { VendorError } from '../../plugins/oncall-backend/src/lib/VendorError';
import { PagerDutyOnCallProvider } from '../../plugins/oncall-backend/src/oncall/pagerduty';
import {
  createDemoOrg,
  demoPagerDuty,
} from '../../plugins/oncall-sandbox-backend/src';
import { SANDBOX_DEFAULT_KEYS } from '../../plugins/oncall-sandbox-backend/src/options';

const STORM_SECONDS = Number(process.env.ONCALL_PD_STORM_SECONDS ?? 20);
const SEED = 42;
const apiToken = SANDBOX_DEFAULT_KEYS.pagerduty;

const sandbox = adapterSandbox('pagerduty', { seed: SEED });
const { control, total: pagerdutyTotal } = sandbox;

/** One request the adapter sent to the PagerDuty fake, as this process's fetch saw it. */
interface Sent {
  /** Which storm reader sent it (undefined outside the storm). */
  reader?: number;
  path: string;
  body?: string;
  startedAt: number;
  answeredAt?: number;
  status?: number;
  /** `ratelimit-reset` of a 429 answer, in seconds. */
  resetS?: number;
}

const sent: Sent[] = [];
const readerOf = new AsyncLocalStorage<number>();
const realFetch = globalThis.fetch;

function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** Records every request to the PagerDuty fakes, with the 429s' ratelimit-reset. */
const watchedFetch: typeof fetch = async (input, init) => {
  const url = new URL(urlOf(input));
  if (!/^\/pagerduty(-events)?\//.test(url.pathname)) {
    return realFetch(input, init);
  }
  const entry: Sent = {
    reader: readerOf.getStore(),
    path: url.pathname,
    body: typeof init?.body === 'string' ? init.body : undefined,
    startedAt: Date.now(),
  };
  sent.push(entry);
  const response = await realFetch(input, init);
  entry.answeredAt = Date.now();
  entry.status = response.status;
  if (response.status === 429) {
    const reset = response.headers.get('ratelimit-reset');
    entry.resetS = reset === null ? undefined : Number(reset);
  }
  return response;
};

before(() => {
  globalThis.fetch = watchedFetch;
});

after(() => {
  globalThis.fetch = realFetch;
});

function provider(policy: VendorPolicy = sandbox.policy()) {
  return new PagerDutyOnCallProvider({
    config: {
      baseUrl: `${sandbox.url()}/pagerduty`,
      eventsBaseUrl: `${sandbox.url()}/pagerduty-events`,
      apiToken,
      integrationKeys: {},
    },
    policy,
  });
}

/** The incidents the Events API opened with `dedupKey`, read from the fake's REST API. */
async function incidentsWithKey(
  dedupKey: string,
): Promise<Array<{ incident_key: string; alert_counts: { all: number } }>> {
  const response = await fetch(
    `${sandbox.url()}/pagerduty/incidents?limit=100`,
    {
      headers: { authorization: `Token token=${apiToken}` },
    },
  );
  assert.equal(response.status, 200);
  const body = (await response.json()) as {
    incidents: Array<{ incident_key: string; alert_counts: { all: number } }>;
  };
  return body.incidents.filter(i => i.incident_key === dedupKey);
}

describe('PagerDuty faults', () => {
  sandbox.testFaultMatrix(() => provider(), true);

  test(`429 storm with ratelimit-* headers for ${STORM_SECONDS} s`, async t => {
    await control('DELETE', '/stats');
    await control('PUT', '/faults/pagerduty', { mode: 'rate-limit' });
    const probe = await fetch(`${sandbox.url()}/pagerduty/teams`, {
      headers: { authorization: `Token token=${apiToken}` },
    });
    assert.equal(probe.status, 429);
    assert.deepEqual(await probe.json(), {
      error: { message: 'Rate Limit Exceeded', code: 2020 },
    });
    assert.match(probe.headers.get('ratelimit-limit') ?? '', /^\d+$/);
    assert.equal(probe.headers.get('ratelimit-remaining'), '0');
    const resetS = Number(probe.headers.get('ratelimit-reset'));
    assert.ok(resetS >= 1, 'the storm sends ratelimit-reset in seconds');
    await control('DELETE', '/stats');

    const policy = sandbox.policy();
    const p = provider(policy);
    const firstSent = sent.length;
    let reading = true;
    let breakerOpenAtMs: number | undefined;
    const errors: Record<string, number> = {};
    let data = 0;
    const readers = Array.from({ length: 4 }, (_, reader) =>
      readerOf.run(reader, async () => {
        while (reading) {
          await p.listTeams().then(
            () => {
              data += 1;
            },
            (e: unknown) => {
              const kind = e instanceof VendorError ? e.kind : 'other';
              errors[kind] = (errors[kind] ?? 0) + 1;
            },
          );
          await sleep(200);
        }
      }),
    );
    // the most requests in any one second as the sandbox counted them
    const { maxPerSecond: maxPerSecondSandbox } = await sandbox.sampleStorm(
      STORM_SECONDS,
      atMs => {
        if (breakerOpenAtMs === undefined && policy.isOpen()) {
          breakerOpenAtMs = atMs;
        }
      },
    );
    reading = false;
    await Promise.all(readers);
    const received = await pagerdutyTotal();
    await control('DELETE', '/faults');

    const storm = sent.slice(firstSent).filter(s => s.reader !== undefined);
    // the quiet period after each throttled answer: the same reader's next request
    let shortestQuietMs = Infinity;
    let quietPeriods = 0;
    for (const [i, s] of storm.entries()) {
      if (s.status !== 429) continue;
      assert.equal(s.resetS, resetS, 'every 429 carries ratelimit-reset');
      const next = storm.slice(i + 1).find(x => x.reader === s.reader);
      if (next && s.answeredAt !== undefined) {
        quietPeriods += 1;
        shortestQuietMs = Math.min(
          shortestQuietMs,
          next.startedAt - s.answeredAt,
        );
      }
    }
    // any one-second window of request starts, as the adapter sent them
    let maxPerSecond = 0;
    for (const s of storm) {
      maxPerSecond = Math.max(
        maxPerSecond,
        storm.filter(
          x => x.startedAt >= s.startedAt && x.startedAt < s.startedAt + 1000,
        ).length,
      );
    }
    const throttled = storm.filter(s => s.status === 429).length;

    assert.equal(data, 0, 'the storm never reads as data');
    assert.ok(throttled > 0, 'the adapter met the storm');
    assert.equal(throttled, storm.length, 'every storm request was throttled');
    assert.equal(
      received,
      storm.length,
      'the sandbox saw what the adapter sent',
    );
    assert.ok(quietPeriods > 0, 'a throttled reader tried again');
    assert.ok(
      shortestQuietMs >= resetS * 1000 - 20,
      `a quiet period of ratelimit-reset (${resetS} s) after each 429 (shortest ${shortestQuietMs} ms)`,
    );
    assert.ok(
      maxPerSecond <= CONCURRENCY_CAP && maxPerSecondSandbox <= CONCURRENCY_CAP,
      `at most the concurrency cap in any second (sent ${maxPerSecond}, sandbox ${maxPerSecondSandbox})`,
    );
    assert.ok(breakerOpenAtMs !== undefined, 'the breaker opened');
    assert.ok((errors['circuit-open'] ?? 0) > 0, 'calls failed fast once open');
    // each throttled answer asks for ratelimit-reset seconds
    const read = () => provider().listTeams();
    await sandbox.finishStorm(
      t,
      { seconds: STORM_SECONDS, waitS: resetS, read },
      {
        resetS,
        received,
        throttled,
        maxPerSecond,
        maxPerSecondSandbox,
        shortestQuietMs,
        quietPeriods,
        breakerOpenAtMs,
        readerErrors: errors,
      },
    );
  });

  test('a page under a 5xx fault is retried with the same dedup_key and opens one incident', async t => {
    const [service] = demoPagerDuty(
      createDemoOrg({ seed: SEED, now: new Date() }),
    ).services;
    assert.ok(service, 'the demo org has a PagerDuty service');
    const runKey = `reliability-${Date.now().toString(36)}`;
    const alert = (dedupKey: string) => ({
      message: 'Checkout fails (reliability suite)',
      team: 'reliability',
      dedupKey,
      priority: 'P2' as const,
      integrationKey: service.integrationKey,
    });
    const enqueued = (from: number) =>
      sent
        .slice(from)
        .filter(s => s.path === '/pagerduty-events/v2/enqueue')
        .map(s => ({
          status: s.status,
          dedupKey: (JSON.parse(s.body ?? '{}') as { dedup_key?: string })
            .dedup_key,
        }));

    // a 5xx blip: the first attempt fails, the retry gets through
    const blipKey = `${runKey}-blip`;
    await control('DELETE', '/stats');
    await control('PUT', '/faults/pagerduty', { mode: 'error', status: 503 });
    const blipFrom = sent.length;
    const started = Date.now();
    const paging = provider().createAlert(alert(blipKey));
    // clear the fault as soon as the first attempt is answered (the retry waits >= 200 ms)
    while (sent.slice(blipFrom).every(s => s.status === undefined)) {
      await sleep(5);
    }
    await control('DELETE', '/faults');
    const { requestId } = await paging;
    const blipMs = Date.now() - started;
    assert.equal(requestId, blipKey);
    const blip = enqueued(blipFrom);
    assert.deepEqual(
      blip.map(b => b.status),
      [503, 202],
      'one failed attempt, one retry',
    );
    assert.ok(
      blip.every(b => b.dedupKey === blipKey),
      'the retry carries the same dedup_key',
    );
    let incidents = await incidentsWithKey(blipKey);
    assert.equal(incidents.length, 1, 'one incident for the page');
    assert.equal(incidents[0].alert_counts.all, 1);

    // an outage: every attempt fails, the page ends as an error; the caller pages again later
    const outageKey = `${runKey}-outage`;
    await control('PUT', '/faults/pagerduty', { mode: 'error', status: 503 });
    const outageFrom = sent.length;
    const error = await vendorFailure(provider().createAlert(alert(outageKey)));
    assert.equal(error.status, 503);
    await control('DELETE', '/faults');
    assert.equal((await incidentsWithKey(outageKey)).length, 0, 'no page yet');
    await provider().createAlert(alert(outageKey));
    const outage = enqueued(outageFrom);
    assert.deepEqual(
      outage.map(o => o.status),
      [503, 503, 503, 202],
    );
    assert.ok(outage.every(o => o.dedupKey === outageKey));
    incidents = await incidentsWithKey(outageKey);
    assert.equal(incidents.length, 1, 'one incident after the outage');

    // the same page sent again joins the open incident instead of paging twice
    await provider().createAlert(alert(blipKey));
    incidents = await incidentsWithKey(blipKey);
    assert.equal(incidents.length, 1, 'still one incident');
    assert.equal(incidents[0].alert_counts.all, 2, 'the repeat joined it');
    recordFigure(t.diagnostic.bind(t), 'pagerduty-paging-5xx', {
      blipMs,
      blipAttempts: blip.length,
      outageAttempts: outage.length - 1,
      incidents: 2,
    });
  });

  test('a throttled Events API (429 without rate-limit headers) backs off exponentially', async t => {
    const [service] = demoPagerDuty(
      createDemoOrg({ seed: SEED, now: new Date() }),
    ).services;
    const dedupKey = `reliability-${Date.now().toString(36)}-throttled`;
    const alert = {
      message: 'Checkout fails (reliability suite)',
      team: 'reliability',
      dedupKey,
      integrationKey: service.integrationKey,
    };
    await control('PUT', '/faults/pagerduty', { mode: 'rate-limit' });
    const from = sent.length;
    const p = provider();
    const error = await vendorFailure(p.createAlert(alert));
    const attempts = sent
      .slice(from)
      .filter(s => s.path === '/pagerduty-events/v2/enqueue');
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, undefined, 'no header to honour');
    assert.deepEqual(
      attempts.map(a => [a.status, a.resetS]),
      [
        [429, undefined],
        [429, undefined],
        [429, undefined],
      ],
      'three attempts, none with ratelimit-reset',
    );
    const gapsMs = attempts
      .slice(1)
      .map((a, i) => a.startedAt - (attempts[i].answeredAt ?? 0));
    // 200 ms, then 400 ms, each with up to 200 ms jitter
    assert.ok(gapsMs[0] >= 200 && gapsMs[1] >= 400, `backoff ${gapsMs}`);
    await control('DELETE', '/faults');
    // no pause was set: the same adapter pages at once, with the same key, once
    assert.equal((await p.createAlert(alert)).requestId, dedupKey);
    assert.equal((await incidentsWithKey(dedupKey)).length, 1);
    recordFigure(t.diagnostic.bind(t), 'pagerduty-events-429', { gapsMs });
  });
});
