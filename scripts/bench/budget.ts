/*
 * bench:budget — the on-call sync of a large org against the vendors' rate limits: the sandbox in
 * scale mode (BENCH_TEAMS teams) with quota mode on (each vendor's limits as token buckets per
 * domain, 429 with the vendor's headers when exceeded; Opsgenie's Configuration domain, which
 * teams, schedules and timelines fall in, at 10 requests a second), and one backend after the
 * other on it: unpaced (no `oncall.opsgenie.requestsPerMinute`), then with the budget
 * BENCH_OPSGENIE_RPM. Each: the first (full) on-call sync's time, the requests Opsgenie let
 * through and those it answered 429, and whether the sync failed any team. Incidents and SLOs
 * are not configured, so the figures are the on-call sync's alone. Then the full sync of all
 * three vendors together, each with a request budget (budgetAll.ts): 429s per vendor. Then the
 * steady state
 * (steadyOnCall.ts): an hour of 2-minute runs in simulated time, requests per schedule per
 * hour against the every-run full read, and how soon overrides made in Opsgenie show.
 *
 *   yarn bench:budget     (BENCH_TEAMS=500 BENCH_OPSGENIE_RPM=540)
 */
import { HarnessRun, createRun, deepMerge, startBackend } from '../harness';
import {
  BenchSandbox,
  benchNumbers,
  printTable,
  r1,
  runBench,
  startBenchSandbox,
} from './lib';
import { budgetConfig, measureAllVendors, printAllVendors } from './budgetAll';
import { firstRunOnly, firstRuns, notNow } from './scaleRounds';
import {
  SteadyResult,
  measureSteadyOnCall,
  opsgenieQuota,
} from './steadyOnCall';

const { TEAMS, OPSGENIE_RPM } = benchNumbers({ TEAMS: 500, OPSGENIE_RPM: 540 });
const TIMEOUT_MS = 900_000;
const ON_CALL = 'oncall-sync-on-call';

async function measure(
  run: HarnessRun,
  sandbox: BenchSandbox,
  requestsPerMinute: number | undefined,
) {
  const config = budgetConfig(sandbox.url, {
    onCall: firstRunOnly,
    incidents: notNow,
    slos: notNow,
  });
  // on-call alone: the app config's Blameless and DataDog sections removed
  deepMerge(config, { oncall: { blameless: null, datadog: null } });
  if (requestsPerMinute !== undefined) {
    deepMerge(config, { oncall: { opsgenie: { requestsPerMinute } } });
  }
  await sandbox.client.resetStats();
  const backend = await startBackend(run, {
    name: `backend-${requestsPerMinute ?? 'unpaced'}`,
    sandbox: { url: sandbox.url },
    config,
    startTimeoutMs: 300_000,
  });
  try {
    const round = await firstRuns(backend, TIMEOUT_MS, [ON_CALL]);
    const { allowed, throttled } = opsgenieQuota(await sandbox.client.stats());
    const synced = backend.process.lines
      .filter(l => l.includes('Synced on-call teams'))
      .at(-1);
    return {
      budget: requestsPerMinute,
      ms: round.byTask[ON_CALL].ms,
      error: round.byTask[ON_CALL].error,
      failedTeams: Number(/failed["=:\s]+(\d+)/.exec(synced ?? '')?.[1] ?? NaN),
      allowed,
      throttled,
    };
  } finally {
    await backend.stop();
  }
}

runBench('budget', async cleanup => {
  const run = createRun('bench-budget');
  const sandbox = await startBenchSandbox(run, {
    // incidents and SLOs for the all-vendor full sync; the on-call figures read neither
    scale: { teams: TEAMS, services: TEAMS, incidents: 1_000, slos: 300 },
    quota: ['defaults'],
  });
  cleanup.push(() => sandbox.stop());
  process.stdout.write(`sandbox: ${sandbox.org} (quota mode, defaults)\n`);
  // BENCH_STEADY_ONLY=1: the steady state alone; BENCH_ALL_VENDORS_ONLY=1: the full sync of
  // all three vendors alone
  const steadyOnly = Boolean(process.env.BENCH_STEADY_ONLY);
  const allOnly = Boolean(process.env.BENCH_ALL_VENDORS_ONLY);
  const results =
    steadyOnly || allOnly
      ? []
      : [
          await measure(run, sandbox, undefined),
          await measure(run, sandbox, OPSGENIE_RPM),
        ];
  if (results.length > 0)
    printTable(
      `Full on-call sync of ${TEAMS} teams against Opsgenie's limits (quota mode), same sandbox, same run`,
      [
        'oncall.opsgenie.requestsPerMinute',
        'sync s',
        'Opsgenie requests let through',
        'answered 429',
        'teams failed',
        'error',
      ],
      results.map(r => [
        r.budget ?? 'unset (unpaced)',
        r.ms === undefined ? 'did not finish' : r1(r.ms / 1000),
        r.allowed,
        r.throttled,
        Number.isNaN(r.failedTeams) ? '?' : r.failedTeams,
        r.error ?? '',
      ]),
    );
  if (!steadyOnly) {
    printAllVendors(
      await measureAllVendors(run, sandbox, TIMEOUT_MS),
      sandbox.org,
    );
  }
  if (!allOnly) printSteady(await measureSteadyOnCall(sandbox, OPSGENIE_RPM));
  process.stdout.write(`logs: ${run.dir}\n`);
});

function printSteady(r: SteadyResult) {
  const perSchedule = (requests: number) => r2(requests / r.schedules);
  printTable(
    `On-call sync steady state, ${r.teams} teams / ${r.schedules} schedules, quota mode, requestsPerMinute ${OPSGENIE_RPM}: one simulated hour of 2-minute runs (target ≤ 4 requests per schedule per hour, 0 answered 429)`,
    [
      '',
      'Opsgenie requests in the hour',
      'per schedule per hour',
      'answered 429',
    ],
    [
      [
        'every run reads every team (before; 30 passes × one measured pass)',
        r.fullPass.requests * 30,
        perSchedule(r.fullPass.requests * 30),
        `${r.fullPass.throttled} in the pass`,
      ],
      [
        'reads what changed (now)',
        r.hour.requests,
        perSchedule(r.hour.requests),
        r.hour.throttled,
      ],
    ],
  );
  process.stdout.write(
    `  by domain: ${Object.entries(r.hour.byDomain)
      .map(([d, n]) => `${d} ${n}`)
      .join(', ')}; the hour took ${r1(
      r.hour.realMs / 1000,
    )} s of real time, the first full pass ${r1(r.fullPass.ms / 1000)} s\n`,
  );
  printTable(
    `Overrides made in Opsgenie at minute 8: simulated minutes until the store shows them (target ≤ onCallMaxStaleMinutes, 15)`,
    ['override', 'shown after'],
    r.overrides.map(o => [
      o.label,
      o.minutes === undefined ? 'not within the hour' : `${o.minutes} min`,
    ]),
  );
}

const r2 = (n: number) => Math.round(n * 100) / 100;
