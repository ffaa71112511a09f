/*
 * 429 storms: every vendor answers 429 with its own rate-limit headers (Opsgenie
 * X-RateLimit-Period-In-Sec, Blameless Retry-After, DataDog X-RateLimit-Reset) for
 * STORM_SECONDS while page views flow. The sandbox's request counters are sampled every
 * 250 ms to see what each vendor received and when. Asserted:
 *   - page views stay 200 with stored data (stale) throughout;
 *   - each vendor receives at most BUDGET_PER_MINUTE requests per minute during the storm,
 *     and never more than the adapter's concurrency cap in any one second;
 *   - after the first throttled answer the vendor gets a quiet period at least as long as
 *     its headers ask for (the adapter waits in-line up to its maxDelay of 10 s, and for a
 *     longer period pauses every call to that vendor until it has passed);
 *   - each adapter either paused as asked (log) or its breaker opened (log), and whether the
 *     breaker closed again (from half-open, after a successful trial call) is reported;
 *     the data is fresh again afterwards.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  SandboxProcess,
  SandboxStats,
  VENDORS,
  Vendor,
  fastRefreshConfig,
  recordFigure,
  request,
  runLoad,
  sleep,
} from '../harness';
import { hasData, pollUntilFresh, viewOfUrl, viewUrls, VIEWS } from './lib';
import { CONCURRENCY_CAP, SAMPLE_MS } from './adapters';
import { startWarmBackend, stopWarmBackend } from './warmBackend';

/**
 * Long enough for the breaker of the slowest-failing vendor to open: Blameless syncs are one
 * sequential chain whose retries wait the Retry-After (capped at 10 s), so its fifth
 * consecutive failure — the breaker's threshold — comes only after about 40–50 s.
 */
const STORM_SECONDS = Number(process.env.ONCALL_STORM_SECONDS ?? 65);
const REFRESH_SECONDS = 10;
/** The request budget per vendor during a storm (documented in docs/reliability.md). */
const BUDGET_PER_MINUTE = 30;
const BREAKER_HALF_OPEN_SECONDS = 30;

let sandbox: SandboxProcess;
let backend: BackendProcess;
let token: string;

before(async () => {
  ({ sandbox, backend, token } = await startWarmBackend(
    'ratelimits',
    fastRefreshConfig({
      frequencySeconds: REFRESH_SECONDS,
      staleAfterMinutes: 1,
    }),
  ));
});

after(() => stopWarmBackend({ sandbox, backend }));

/** The backoff each vendor's 429 asks for, read from a throttled answer of the sandbox. */
async function advertisedBackoffSeconds(
  vendor: Vendor,
): Promise<{ seconds: number; header: string }> {
  const paths: Record<Vendor, string> = {
    opsgenie: '/v2/teams',
    blameless: '/api/v1/incidents?limit=1',
    datadog: '/api/v1/slo?limit=1',
  };
  const response = await request(
    `${sandbox.client.vendorUrl(vendor)}${paths[vendor]}`,
  );
  assert.equal(response.status, 429, `${vendor} storm answers 429`);
  const h = (name: string) => response.headers.get(name);
  if (h('x-ratelimit-period-in-sec')) {
    return {
      seconds: Number(h('x-ratelimit-period-in-sec')),
      header: `X-RateLimit-Period-In-Sec: ${h('x-ratelimit-period-in-sec')}`,
    };
  }
  if (h('retry-after'))
    return {
      seconds: Number(h('retry-after')),
      header: `Retry-After: ${h('retry-after')}`,
    };
  if (h('x-ratelimit-reset')) {
    return {
      seconds: Number(h('x-ratelimit-reset')),
      header: `X-RateLimit-Reset: ${h('x-ratelimit-reset')}`,
    };
  }
  return { seconds: 0, header: '(none)' };
}

describe('rate-limit storms', () => {
  test(`429 storm on every vendor for ${STORM_SECONDS} s`, async t => {
    const samples: Array<{ at: number; stats: SandboxStats }> = [];
    const linesBefore = backend.process.lines.length;
    await sandbox.client.resetStats();
    for (const vendor of VENDORS)
      await sandbox.client.setFault(vendor, { mode: 'rate-limit' });
    const started = Date.now();
    const advertised: Record<string, { seconds: number; header: string }> = {};
    for (const vendor of VENDORS)
      advertised[vendor] = await advertisedBackoffSeconds(vendor);
    // our own probes counted as requests: take them out of the vendors' tallies
    const probeStats = await sandbox.client.stats();

    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        samples.push({
          at: Date.now() - started,
          stats: await sandbox.client.stats(),
        });
        await sleep(SAMPLE_MS);
      }
    })();
    const load = await runLoad({
      urls: viewUrls(backend.url).map(u => u.url),
      request: { token },
      concurrency: 2,
      pauseMs: 100,
      durationMs: STORM_SECONDS * 1000,
      check: e => {
        const view = viewOfUrl(e.url);
        if (e.status !== 200) return `HTTP ${e.status}`;
        if (!hasData(view, e.json)) return `${view} without stored data`;
        return undefined;
      },
    });
    sampling = false;
    await sampler;
    const stormMs = Date.now() - started;

    await sandbox.client.clearFaults();
    const cleared = Date.now();
    const recovered: Record<string, number> = {};
    for (const { view, vendor } of VIEWS) {
      await pollUntilFresh(
        backend.url,
        token,
        { view, vendor },
        // the breaker's half-open delay, or a longer pause the vendor asked for, then a run
        (Math.max(
          BREAKER_HALF_OPEN_SECONDS,
          ...VENDORS.map(v => advertised[v].seconds),
        ) +
          REFRESH_SECONDS +
          15) *
          1000,
      );
      recovered[vendor] = Math.round((Date.now() - cleared) / 100) / 10;
    }
    const logs = backend.process.linesSince(linesBefore);

    const perVendor: Record<string, unknown> = {};
    for (const vendor of VENDORS) {
      const base = probeStats.vendors[vendor].total;
      // arrival counts per sample window
      const series = samples.map(s => ({
        at: s.at,
        total: s.stats.vendors[vendor].total - base,
      }));
      const received = series.length ? series[series.length - 1].total : 0;
      let peakPerSecond = 0;
      for (let i = 0; i < series.length; i++) {
        const j = series.findIndex(s => s.at >= series[i].at + 1000);
        if (j < 0) break;
        peakPerSecond = Math.max(
          peakPerSecond,
          series[j].total - series[i].total,
        );
      }
      // quiet gaps: longest time without a new request after the first request
      const arrivals = series
        .filter((s, i) => i > 0 && s.total > series[i - 1].total)
        .map(s => s.at);
      let longestQuietMs = 0;
      for (let i = 1; i < arrivals.length; i++) {
        longestQuietMs = Math.max(
          longestQuietMs,
          arrivals[i] - arrivals[i - 1],
        );
      }
      if (arrivals.length)
        longestQuietMs = Math.max(
          longestQuietMs,
          stormMs - arrivals[arrivals.length - 1],
        );
      const lateTrial = arrivals.some(
        a =>
          arrivals[0] !== undefined &&
          a - arrivals[0] >= (BREAKER_HALF_OPEN_SECONDS - 2) * 1000,
      );
      const opened = logs.some(
        l => /Vendor circuit opened/.test(l) && l.includes(vendor),
      );
      const closed = logs.some(
        l => /Vendor circuit closed/.test(l) && l.includes(vendor),
      );
      const paused = logs.some(
        l => /Vendor rate limit: pausing calls/.test(l) && l.includes(vendor),
      );
      const perMinute = Math.round((received / (stormMs / 60_000)) * 10) / 10;
      perVendor[vendor] = {
        advertised: advertised[vendor].header,
        received,
        perMinute,
        peakPerSecond,
        longestQuietSeconds: Math.round(longestQuietMs / 100) / 10,
        // how long the storm still ran after the first request reached the vendor
        stormAfterFirstSeconds: arrivals.length
          ? Math.round((stormMs - arrivals[0]) / 100) / 10
          : 0,
        // seconds after the storm began at which requests arrived (250 ms resolution)
        arrivalsAtSeconds: arrivals.map(a => Math.round(a / 100) / 10),
        trialAfterHalfOpen: lateTrial,
        pausedAsAsked: paused,
        breakerOpened: opened,
        breakerClosed: closed,
        freshAfterStormSeconds: recovered[vendor],
      };
    }
    recordFigure(t.diagnostic.bind(t), 'rate-limits', {
      stormSeconds: Math.round(stormMs / 1000),
      budgetPerMinute: BUDGET_PER_MINUTE,
      pageViews: load.total,
      non2xx: load.non2xx,
      p99Ms: load.p99Ms,
      maxMs: load.maxMs,
      vendors: perVendor,
    });

    assert.equal(
      load.non2xx,
      0,
      `non-2xx page views: ${JSON.stringify(load.failures)}`,
    );
    assert.deepEqual(load.problems, {});
    for (const vendor of VENDORS) {
      const v = perVendor[vendor] as any;
      assert.ok(v.received > 0, `${vendor}: the storm was never hit`);
      assert.ok(
        v.perMinute <= BUDGET_PER_MINUTE,
        `${vendor}: ${v.perMinute} requests/min over the budget of ${BUDGET_PER_MINUTE}`,
      );
      assert.ok(
        v.peakPerSecond <= CONCURRENCY_CAP,
        `${vendor}: ${v.peakPerSecond} requests in one second`,
      );
      // a period longer than the rest of the storm can only be honoured until the storm ends
      const wanted = Math.min(
        advertised[vendor].seconds,
        v.stormAfterFirstSeconds,
      );
      assert.ok(
        v.longestQuietSeconds >= wanted - 1,
        `${vendor}: longest quiet period ${v.longestQuietSeconds} s, headers asked for ${advertised[vendor].header}`,
      );
      assert.ok(
        v.pausedAsAsked || v.breakerOpened,
        `${vendor}: neither a rate-limit pause nor an open breaker in the backend log`,
      );
    }
  });
});
