/*
 * Vendor faults while page views flow. Every vendor gets every fault — 5xx, hang, malformed
 * body, added latency — in four phases (a Latin square: in each phase each vendor has a
 * different fault), each sustained for FAULT_SECONDS while workers keep reading the on-call,
 * incidents and SLO views of three demo services. Asserted per phase:
 *   - every answer is 200 and carries the stored data (never a blank);
 *   - once a sync has failed, the view says stale: true, gives the age (asOf) and the failing
 *     source with its error; under latency below the vendor timeout the data stays fresh;
 *   - no page view waits longer than the vendor timeout + margin;
 *   - after the fault clears, the vendor's data is fresh again within the refresh interval
 *     plus the breaker's half-open delay (plus 20 s of scheduling slack).
 * The figures (requests, non-2xx, latency, what the sandbox received) are printed per phase.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BackendProcess,
  SandboxFault,
  SandboxProcess,
  VENDORS,
  Vendor,
  fastRefreshConfig,
  recordFigure,
  runLoad,
  statsDelta,
} from '../harness';
import {
  ageSeconds,
  hasData,
  isFresh,
  pollUntilFresh,
  showsVendorFailure,
  vendorOfView,
  viewOfUrl,
  viewUrls,
  VIEWS,
} from './lib';
import { startWarmBackend, stopWarmBackend } from './warmBackend';

const FAULT_SECONDS = Number(process.env.ONCALL_FAULT_SECONDS ?? 20);
const REFRESH_SECONDS = 10;
const VENDOR_TIMEOUT_MS = 2000;
/** Allowance over the vendor timeout for a page view (scheduling on a busy 2-core CI box). */
const LATENCY_MARGIN_MS = 1000;
/** The adapters' breaker stays open this long before a trial call (product default). */
const BREAKER_HALF_OPEN_SECONDS = 30;
/**
 * After a fault clears: the breaker may have opened as late as the end of the fault; it lets a
 * trial through after its half-open delay, at the next scheduled run (one interval, plus up to
 * 5 s of scheduler polling and the sync itself).
 */
const RECOVERY_BOUND_MS =
  (REFRESH_SECONDS + BREAKER_HALF_OPEN_SECONDS + 20) * 1000;

type FaultKind = '5xx' | 'hang' | 'malformed' | 'latency';
const FAULTS: Record<FaultKind, SandboxFault> = {
  '5xx': { mode: 'error', status: 503 },
  hang: { mode: 'hang' },
  malformed: { mode: 'malformed' },
  // below the vendor timeout: slow, but answers arrive
  latency: { latencyMs: 1500 },
};
const PHASES: Array<Record<Vendor, FaultKind>> = [
  { opsgenie: '5xx', blameless: 'hang', datadog: 'malformed' },
  { opsgenie: 'hang', blameless: 'malformed', datadog: '5xx' },
  { opsgenie: 'malformed', blameless: '5xx', datadog: 'hang' },
  { opsgenie: 'latency', blameless: 'latency', datadog: 'latency' },
];

let sandbox: SandboxProcess;
let backend: BackendProcess;
let token: string;
const totals = { requests: 0, non2xx: 0 };

before(async () => {
  ({ sandbox, backend, token } = await startWarmBackend(
    'faults',
    fastRefreshConfig({
      frequencySeconds: REFRESH_SECONDS,
      vendorTimeoutMs: VENDOR_TIMEOUT_MS,
      staleAfterMinutes: 1,
    }),
  ));
});

after(() => stopWarmBackend({ sandbox, backend }));

describe('vendor faults while page views flow', () => {
  for (const phase of PHASES) {
    const label = VENDORS.map(v => `${v} ${phase[v]}`).join(', ');
    test(label, async t => {
      const urls = viewUrls(backend.url).map(u => u.url);
      const broken = VENDORS.filter(v => phase[v] !== 'latency');
      const staleSeenAt: Partial<Record<Vendor, number>> = {};
      const lastBody: Partial<Record<Vendor, any>> = {};
      const statsBefore = await sandbox.client.stats();
      const started = Date.now();
      for (const vendor of VENDORS) {
        await sandbox.client.setFault(vendor, FAULTS[phase[vendor]]);
      }

      const load = await runLoad({
        urls,
        request: { token, timeoutMs: 30_000 },
        concurrency: 4,
        pauseMs: 50,
        // at least FAULT_SECONDS, and until every broken vendor shows as failing (max +30 s)
        durationMs: (FAULT_SECONDS + 30) * 1000,
        until: () =>
          Date.now() - started >= FAULT_SECONDS * 1000 &&
          broken.every(v => staleSeenAt[v] !== undefined),
        check: exchange => {
          const view = viewOfUrl(exchange.url);
          const vendor = vendorOfView(view);
          if (exchange.status !== 200) return `HTTP ${exchange.status}`;
          if (!hasData(view, exchange.json))
            return `${view} answered without its stored data`;
          lastBody[vendor] = exchange.json;
          if (
            showsVendorFailure(exchange.json, vendor) &&
            staleSeenAt[vendor] === undefined
          ) {
            staleSeenAt[vendor] = Date.now() - started;
          }
          if (exchange.ms > VENDOR_TIMEOUT_MS + LATENCY_MARGIN_MS) {
            return `page view waited ${Math.round(exchange.ms)} ms`;
          }
          return undefined;
        },
      });
      const faultMs = Date.now() - started;

      // What the user saw at the end of the fault, per vendor
      const shown: Record<string, unknown> = {};
      for (const vendor of VENDORS) {
        const body = lastBody[vendor];
        const status = body?.freshness?.sources?.find(
          (s: any) => s.source === vendor,
        );
        shown[vendor] = {
          stale: status?.stale,
          ageSeconds: ageSeconds(body, vendor),
          error: status?.lastError?.message?.slice(0, 120),
        };
      }

      await sandbox.client.clearFaults();
      const cleared = Date.now();
      const recovery: Record<string, number> = {};
      let recoveryRequests = 0;
      let recoveryNon2xx = 0;
      await Promise.all(
        VIEWS.map(async ({ view, vendor }) => {
          const result = await pollUntilFresh(
            backend.url,
            token,
            { view, vendor },
            RECOVERY_BOUND_MS,
          );
          recoveryRequests += result.requests.length;
          recoveryNon2xx += result.requests.filter(
            e => e.status !== 200,
          ).length;
          recovery[vendor] = Math.round((Date.now() - cleared) / 100) / 10;
        }),
      );
      const vendorSaw = statsDelta(statsBefore, await sandbox.client.stats());

      const requests = load.total + recoveryRequests;
      const non2xx = load.non2xx + recoveryNon2xx;
      totals.requests += requests;
      totals.non2xx += non2xx;
      recordFigure(t.diagnostic.bind(t), 'faults', {
        phase: label,
        faultSeconds: Math.round(faultMs / 1000),
        requests,
        non2xx,
        byStatus: load.byStatus,
        p50Ms: load.p50Ms,
        p99Ms: load.p99Ms,
        maxMs: load.maxMs,
        staleShownAfterSeconds: Object.fromEntries(
          Object.entries(staleSeenAt).map(([v, ms]) => [
            v,
            Math.round(ms! / 100) / 10,
          ]),
        ),
        shown,
        freshAfterClearSeconds: recovery,
        vendorReceived: Object.fromEntries(
          VENDORS.map(v => [v, vendorSaw.vendors[v].total]),
        ),
        vendorRoutes: Object.fromEntries(
          VENDORS.map(v => [v, vendorSaw.vendors[v].routes]),
        ),
        problems: load.problems,
      });

      assert.equal(
        non2xx,
        0,
        `non-2xx answers: ${JSON.stringify(load.failures)}`,
      );
      assert.deepEqual(
        load.problems,
        {},
        'every answer is 200 with stored data, in time',
      );
      for (const vendor of broken) {
        assert.ok(
          staleSeenAt[vendor] !== undefined,
          `${vendor} ${
            phase[vendor]
          }: views never said stale with the failing source; last: ${JSON.stringify(
            lastBody[vendor]?.freshness,
          )}`,
        );
      }
      for (const vendor of VENDORS.filter(v => phase[v] === 'latency')) {
        assert.ok(
          isFresh(lastBody[vendor], vendor),
          `${vendor} under ${
            FAULTS.latency.latencyMs
          } ms latency should stay fresh: ${JSON.stringify(
            lastBody[vendor]?.freshness,
          )}`,
        );
      }
      for (const vendor of VENDORS) {
        assert.ok(
          vendorSaw.vendors[vendor].total > 0,
          `${vendor} received no requests during the phase: the fault was never exercised`,
        );
      }
    });
  }

  test('summary: non-2xx over every phase', t => {
    recordFigure(t.diagnostic.bind(t), 'faults-total', totals);
    assert.equal(totals.non2xx, 0);
  });
});
