/*
 * JSM Operations under vendor faults: the JSM adapter (product resilience defaults: 8 calls at
 * once, 3 attempts, 10 s longest in-line wait, breaker after 5 failures) reads the standalone
 * sandbox's JSM fake while it fails. Asserted:
 *   - 5xx, a hanging API and malformed bodies end as VendorErrors within the timeout budget,
 *     never as data; a malformed body is not retried;
 *   - a 429 storm with JSM's headers (Retry-After, X-RateLimit-*) gets a quiet period at
 *     least as long as Retry-After after each throttled answer, at most the concurrency cap
 *     in any second, and the breaker opens; after the storm the reads succeed again;
 *   - a bare 429 (no headers at all, as the JSM spec leaves possible) backs off exponentially.
 * Until the provider registry wires JSM into the backend, this drives the adapter directly.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CONCURRENCY_CAP, adapterSandbox, vendorFailure } from './adapters';
import { recordFigure, sleep } from '../harness';
import { JsmOnCallProvider } from '../../plugins/oncall-backend/src/oncall/jsm';
import { SANDBOX_DEFAULT_KEYS } from '../../plugins/oncall-sandbox-backend/src/options';

const STORM_SECONDS = Number(process.env.ONCALL_JSM_STORM_SECONDS ?? 20);
const keys = SANDBOX_DEFAULT_KEYS.jsm;

const sandbox = adapterSandbox('jsm');
const { control, total: jsmTotal } = sandbox;

function provider() {
  return JsmOnCallProvider.create({
    config: {
      baseUrl: `${sandbox.url()}/atlassian`,
      cloudId: keys.cloudId,
      email: keys.email,
      apiToken: keys.apiToken,
      jiraBaseUrl: `${sandbox.url()}/jira`,
      orgId: keys.orgId,
    },
    policy: sandbox.policy(),
  });
}

describe('JSM Operations faults', () => {
  sandbox.testFaultMatrix(() => provider(), false);

  test(`429 storm with Retry-After and X-RateLimit-* for ${STORM_SECONDS} s`, async t => {
    await control('DELETE', '/stats');
    await control('PUT', '/faults/jsm', { mode: 'rate-limit' });
    const probe = await fetch(
      `${sandbox.url()}/atlassian/jsm/ops/api/${keys.cloudId}/v1/teams`,
    );
    assert.equal(probe.status, 429);
    const retryAfterS = Number(probe.headers.get('retry-after'));
    assert.ok(retryAfterS >= 1, 'the storm sends Retry-After');
    assert.match(
      probe.headers.get('x-ratelimit-reset') ?? '',
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/,
    );
    const p = provider();
    let reading = true;
    let errors = 0;
    const readers = Array.from({ length: 4 }, async () => {
      while (reading) {
        await p.listTeams().catch(() => {
          errors += 1;
        });
        await sleep(200);
      }
    });
    const { samples, maxPerSecond } = await sandbox.sampleStorm(STORM_SECONDS);
    reading = false;
    await Promise.all(readers);
    await control('DELETE', '/faults');
    const received = samples.at(-1)!.total;
    assert.ok(
      maxPerSecond <= CONCURRENCY_CAP,
      `at most the concurrency cap in any second (got ${maxPerSecond})`,
    );
    assert.ok(errors > 0, 'the readers saw the storm as errors, not data');
    // each throttled answer asks for Retry-After seconds
    const read = () => provider().listTeams();
    await sandbox.finishStorm(
      t,
      { seconds: STORM_SECONDS, waitS: retryAfterS, read },
      { retryAfterS, received, maxPerSecond, readerErrors: errors },
    );
  });

  test('a bare 429 without rate-limit headers backs off exponentially', async t => {
    await control('DELETE', '/stats');
    await control('PUT', '/faults/jsm', { mode: 'error', status: 429 });
    const started = Date.now();
    const error = await vendorFailure(provider().listTeams());
    const ms = Date.now() - started;
    assert.equal(error.status, 429);
    assert.equal(error.retryAfterMs, undefined, 'no header to honour');
    assert.equal(await jsmTotal(), 3, 'three attempts');
    await control('DELETE', '/faults');
    recordFigure(t.diagnostic.bind(t), 'jsm-bare-429', { ms });
  });
});
