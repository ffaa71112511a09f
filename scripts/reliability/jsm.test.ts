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
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CONCURRENCY_CAP,
  SAMPLE_MS,
  TIMEOUT_MS,
  maxPerSecondOf,
  quietLogger,
  sandboxControls,
  startAdapterSandbox,
  vendorFailure,
  stopAdapterSandbox,
  testFaultMatrix,
} from './adapters';
import { SandboxProcess, recordFigure, sleep } from '../harness';
import { createVendorPolicy } from '../../plugins/oncall-backend/src/lib/resilience';
import { JsmOnCallProvider } from '../../plugins/oncall-backend/src/oncall/jsm';
import { SANDBOX_DEFAULT_KEYS } from '../../plugins/oncall-sandbox-backend/src/options';

const STORM_SECONDS = Number(process.env.ONCALL_JSM_STORM_SECONDS ?? 20);
const keys = SANDBOX_DEFAULT_KEYS.jsm;

let sandbox: SandboxProcess;

const { control, total: jsmTotal } = sandboxControls(() => sandbox.url, 'jsm');

before(async () => {
  sandbox = await startAdapterSandbox('jsm');
});

after(async () => {
  await stopAdapterSandbox(sandbox);
});

function provider() {
  const policy = createVendorPolicy('jsm', quietLogger, {
    timeoutMs: TIMEOUT_MS,
  });
  return JsmOnCallProvider.create({
    config: {
      baseUrl: `${sandbox.url}/atlassian`,
      cloudId: keys.cloudId,
      email: keys.email,
      apiToken: keys.apiToken,
      jiraBaseUrl: `${sandbox.url}/jira`,
      orgId: keys.orgId,
    },
    policy,
  });
}

describe('JSM Operations faults', () => {
  testFaultMatrix({
    sandboxUrl: () => sandbox.url,
    vendor: 'jsm',
    provider: () => provider(),
    threeAttempts: false,
  });

  test(`429 storm with Retry-After and X-RateLimit-* for ${STORM_SECONDS} s`, async t => {
    await control('DELETE', '/stats');
    await control('PUT', '/faults/jsm', { mode: 'rate-limit' });
    const probe = await fetch(
      `${sandbox.url}/atlassian/jsm/ops/api/${keys.cloudId}/v1/teams`,
    );
    assert.equal(probe.status, 429);
    const retryAfterS = Number(probe.headers.get('retry-after'));
    assert.ok(retryAfterS >= 1, 'the storm sends Retry-After');
    assert.match(
      probe.headers.get('x-ratelimit-reset') ?? '',
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/,
    );
    const p = provider();
    const samples: Array<{ at: number; total: number }> = [];
    const started = Date.now();
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
    while (Date.now() - started < STORM_SECONDS * 1000) {
      samples.push({ at: Date.now() - started, total: await jsmTotal() });
      await sleep(SAMPLE_MS);
    }
    reading = false;
    await Promise.all(readers);
    await control('DELETE', '/faults');
    const maxPerSecond = maxPerSecondOf(samples);
    const received = samples.at(-1)!.total;
    assert.ok(
      maxPerSecond <= CONCURRENCY_CAP,
      `at most the concurrency cap in any second (got ${maxPerSecond})`,
    );
    // each throttled answer asks for Retry-After seconds: 4 readers, each waiting it out
    const ceiling = Math.ceil((STORM_SECONDS / retryAfterS) * 4) + 8;
    assert.ok(
      received <= ceiling,
      `${received} requests in ${STORM_SECONDS} s (ceiling ${ceiling})`,
    );
    assert.ok(errors > 0, 'the readers saw the storm as errors, not data');
    const teams = await provider().listTeams();
    assert.ok(teams.length > 0, 'reads succeed after the storm');
    recordFigure(t.diagnostic.bind(t), 'jsm-429-storm', {
      seconds: STORM_SECONDS,
      retryAfterS,
      received,
      maxPerSecond,
      readerErrors: errors,
    });
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
