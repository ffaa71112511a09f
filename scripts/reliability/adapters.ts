/*
 * What the adapter-level reliability files (jsm.test.ts, pagerduty.test.ts) share: they drive
 * one vendor adapter directly against the standalone sandbox and steer its faults.
 */
import assert from 'node:assert/strict';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { VendorError } from '../../plugins/oncall-backend/src/lib/VendorError';
import { TestContext, after, before, test } from 'node:test';
import { createVendorPolicy } from '../../plugins/oncall-backend/src/lib/resilience';
import {
  SandboxProcess,
  createRun,
  recordFigure,
  sleep,
  startSandbox,
} from '../harness';

/** Each adapter call's timeout in these files. */
export const TIMEOUT_MS = 1000;
/** The adapters' per-vendor concurrency cap (product default). */
export const CONCURRENCY_CAP = 8;
/** How often a storm samples the sandbox's request count. */
export const SAMPLE_MS = 250;

/** The adapter's log lines are not asserted here. */
export const quietLogger: LoggerService = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quietLogger,
};

/** Calls the sandbox's control API (`/__sandbox<path>`), asserting it answered 2xx. */
export async function sandboxControl(
  sandboxUrl: string,
  method: string,
  path: string,
  body?: object,
): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
}

/** How many requests one vendor fake of the sandbox has received. */
export async function vendorRequestTotal(
  sandboxUrl: string,
  vendor: 'jsm' | 'pagerduty',
): Promise<number> {
  const response = await fetch(`${sandboxUrl}/__sandbox/stats`);
  const stats = (await response.json()) as {
    vendors: Record<string, { total: number }>;
  };
  return stats.vendors[vendor].total;
}

/** The VendorError a call ends with (asserting it ends with one, never with data). */
export async function vendorFailure(
  call: Promise<unknown>,
): Promise<VendorError> {
  const error = await call.then(
    () => undefined,
    e => e,
  );
  assert.ok(error instanceof VendorError, `a VendorError, got ${error}`);
  return error;
}

/**
 * Puts each of a 5xx, a hanging API and malformed bodies on `vendor`'s fake in turn and
 * asserts `read` ends in a VendorError of the matching kind within three attempts of at most
 * `timeoutMs` each; a malformed body is not retried, and with `threeAttempts` the other two
 * take exactly three. Clears the faults after each; returns each fault's time and requests.
 */
export async function assertFaultMatrix(options: {
  sandboxUrl: string;
  vendor: 'jsm' | 'pagerduty';
  timeoutMs: number;
  read: () => Promise<unknown>;
  threeAttempts: boolean;
}): Promise<Record<string, { ms: number; requests: number }>> {
  const { sandboxUrl, vendor, timeoutMs, read } = options;
  const figures: Record<string, { ms: number; requests: number }> = {};
  for (const [name, fault, kind] of [
    ['5xx', { mode: 'error', status: 503 }, 'http'],
    ['hang', { mode: 'hang' }, 'timeout'],
    ['malformed', { mode: 'malformed' }, 'malformed'],
  ] as const) {
    await sandboxControl(sandboxUrl, 'DELETE', '/stats');
    await sandboxControl(sandboxUrl, 'PUT', `/faults/${vendor}`, fault);
    const started = Date.now();
    const error = await vendorFailure(read());
    const ms = Date.now() - started;
    assert.equal(error.kind, kind, `${name}: ${error.message}`);
    // three attempts of at most the timeout each, with backoff in between
    assert.ok(ms < 3 * timeoutMs + 2000, `${name} took ${ms} ms`);
    const requests = await vendorRequestTotal(sandboxUrl, vendor);
    if (name === 'malformed') {
      assert.equal(requests, 1, 'a malformed body is not retried');
    } else if (options.threeAttempts) {
      assert.equal(requests, 3, `${name}: three attempts`);
    }
    figures[name] = { ms, requests };
    await sandboxControl(sandboxUrl, 'DELETE', '/faults');
  }
  return figures;
}

/**
 * The test both adapter files run first: {@link assertFaultMatrix} on `provider().listTeams()`
 * with {@link TIMEOUT_MS}, then a schedule read that succeeds once the faults clear; records
 * the figures as `<vendor>-faults`.
 */
export function testFaultMatrix(options: {
  sandboxUrl: () => string;
  vendor: 'jsm' | 'pagerduty';
  provider: () => {
    listTeams(): Promise<unknown>;
    listSchedules(): Promise<unknown[]>;
  };
  threeAttempts: boolean;
}): void {
  const { vendor, provider, threeAttempts } = options;
  test('5xx, hang and malformed bodies end as errors within the budget, never as data', async t => {
    const figures = await assertFaultMatrix({
      sandboxUrl: options.sandboxUrl(),
      vendor,
      timeoutMs: TIMEOUT_MS,
      read: () => provider().listTeams(),
      threeAttempts,
    });
    const schedules = await provider().listSchedules();
    assert.ok(schedules.length > 0, 'reads succeed once the faults clear');
    recordFigure(t.diagnostic.bind(t), `${vendor}-faults`, figures);
  });
}

/** The most requests the sandbox counted in any one second, from samples of its running total. */
export function maxPerSecondOf(
  samples: Array<{ at: number; total: number }>,
): number {
  let maxPerSecond = 0;
  for (const s of samples) {
    const earlier = samples.filter(x => x.at <= s.at - 1000).at(-1);
    if (earlier) maxPerSecond = Math.max(maxPerSecond, s.total - earlier.total);
  }
  return maxPerSecond;
}

/** Starts the standalone sandbox of a new run named `runName`: an adapter file's first step. */
export async function startAdapterSandbox(
  runName: string,
  options: { seed?: number } = {},
): Promise<SandboxProcess> {
  return startSandbox(createRun(runName), options);
}

/** Clears the sandbox's faults (best effort) and stops it: an adapter file's last step. */
export async function stopAdapterSandbox(
  sandbox: SandboxProcess,
): Promise<void> {
  await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' }).catch(
    () => undefined,
  );
  await sandbox?.stop();
}

/**
 * The standalone sandbox of an adapter file, started (run `vendor`, seeded with `seed`) before
 * the file's tests and stopped after them; with its control API, `vendor`'s request count, a
 * quiet policy for the adapter, the fault matrix test and a storm sampler, all bound to it.
 */
export function adapterSandbox(
  vendor: 'jsm' | 'pagerduty',
  options: { seed?: number } = {},
) {
  let sandbox: SandboxProcess;
  before(async () => {
    sandbox = await startAdapterSandbox(vendor, options);
  });
  after(async () => {
    await stopAdapterSandbox(sandbox);
  });
  const url = () => sandbox.url;
  const total = () => vendorRequestTotal(url(), vendor);
  return {
    url,
    control: (method: string, path: string, body?: object) =>
      sandboxControl(url(), method, path, body),
    total,
    /** The product's resilience policy for `vendor`, quiet, with {@link TIMEOUT_MS}. */
    policy: () =>
      createVendorPolicy(vendor, quietLogger, { timeoutMs: TIMEOUT_MS }),
    testFaultMatrix: (
      provider: Parameters<typeof testFaultMatrix>[0]['provider'],
      threeAttempts: boolean,
    ) => testFaultMatrix({ sandboxUrl: url, vendor, provider, threeAttempts }),
    /**
     * Samples the request count every {@link SAMPLE_MS} for `seconds`, calling `onSample` with
     * the time since the start after each; returns the samples and the most requests the
     * sandbox counted in any one second.
     */
    async sampleStorm(seconds: number, onSample?: (atMs: number) => void) {
      const samples: Array<{ at: number; total: number }> = [];
      const started = Date.now();
      while (Date.now() - started < seconds * 1000) {
        samples.push({ at: Date.now() - started, total: await total() });
        onSample?.(Date.now() - started);
        await sleep(SAMPLE_MS);
      }
      return { samples, maxPerSecond: maxPerSecondOf(samples) };
    },
    /**
     * Ends a storm test: the storm's 4 readers, each waiting out the `waitS` seconds every
     * throttled answer asks for, sent at most their share of the `received` requests in
     * `seconds` (plus 8), `read` succeeds once the storm is over, and the storm's `figures`
     * are recorded as `<vendor>-429-storm`.
     */
    async finishStorm(
      t: TestContext,
      storm: { seconds: number; waitS: number; read: () => Promise<unknown[]> },
      figures: { received: number } & Record<string, unknown>,
    ) {
      const { seconds, waitS, read } = storm;
      const { received } = figures;
      const ceiling = Math.ceil((seconds / waitS) * 4) + 8;
      assert.ok(
        received <= ceiling,
        `${received} requests in ${seconds} s (ceiling ${ceiling})`,
      );
      const teams = await read();
      assert.ok(teams.length > 0, 'reads succeed after the storm');
      recordFigure(t.diagnostic.bind(t), `${vendor}-429-storm`, {
        seconds,
        ...figures,
      });
    },
  };
}
