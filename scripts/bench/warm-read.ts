/*
 * bench:warm-read — page-view latency with every vendor 300 ms slow: our routes (served from
 * the store after a warm-up sync) under autocannon, versus a baseline client that calls the
 * vendors per page view like a proxy-based plugin, against the same sandbox in the same run.
 *
 * Our side runs twice, one backend after the other on the same sandbox: reading Opsgenie only,
 * then the mixed-provider org (Opsgenie + JSM Operations + PagerDuty, `oncall.migration.prefer`
 * as in app-config.yaml), printed side by side with their ratio.
 *
 *   yarn bench:warm-read        (BENCH_DURATION_S=20 BENCH_CONNECTIONS=50 BENCH_LATENCY_MS=300
 *                                BENCH_PROVIDERS=opsgenie,mixed)
 */
import autocannon from 'autocannon';
import { createRun, statsDelta } from '../harness';
import { BaselineClient, VIEWS, baselineLoad } from './baseline';
import { printTable, r1, runBench, startBenchSandbox } from './lib';
import { cpuMsOf } from './procStats';
import {
  ProviderMode,
  jsmTeamCount,
  pagerDutyTeamCount,
  providerModes,
  vendorTotals,
} from './providers';
import {
  CONNECTIONS,
  DURATION_S,
  LATENCY_MS,
  ours,
  warmBackend,
} from './warmReadSides';

/** A reference route's load, and the backend's CPU time spent during it. */
interface Reference {
  result: Awaited<ReturnType<typeof autocannon>>;
  cpuMs: number;
}

/** A reference route's row of the warm-read table. */
function referenceRow(label: string, { result, cpuMs }: Reference) {
  return [
    label,
    result.requests.total,
    result.latency.p50,
    result.latency.p99,
    r1(result.requests.total / 10),
    result.non2xx + result.errors,
    '',
    r1(cpuMs / Math.max(1, result.requests.total)),
  ];
}

runBench('warm-read', async cleanup => {
  const modes = providerModes();
  const run = createRun('bench-warm-read');
  const sandbox = await startBenchSandbox(run);
  cleanup.push(() => sandbox.stop());
  process.stdout.write(
    `sandbox: ${sandbox.org}; on JSM ${await jsmTeamCount(
      sandbox.url,
    )} teams, on PagerDuty ${await pagerDutyTeamCount(sandbox.url)}\n`,
  );
  const sides: Array<{
    mode: ProviderMode;
    coverage: string;
    load: Awaited<ReturnType<typeof ours>>;
  }> = [];
  let baselineSide:
    | {
        base: Awaited<ReturnType<typeof baselineLoad>>;
        baseVendor: ReturnType<typeof statsDelta>;
        catalog: Reference;
        health: Reference;
        userinfo: Reference;
      }
    | undefined;
  for (const mode of modes) {
    const side = await warmBackend(run, sandbox, mode, cleanup);
    const load = await ours(sandbox, side);
    sides.push({ mode, coverage: side.coverage, load });
    if (!baselineSide) {
      const pid = side.backend.process.pid;
      // a reference route under the same load, 10 s, with the backend's CPU spent on it
      const reference = async (paths: string[]): Promise<Reference> => {
        const cpu0 = cpuMsOf(pid);
        const result = await load.cannon(paths, CONNECTIONS, 10);
        return { result, cpuMs: cpuMsOf(pid) - cpu0 };
      };
      // reference: the catalog's own entity read (auth + one entity), same load
      const catalog = await reference(
        side.org.services.map(
          s =>
            `/api/catalog/entities/by-name/${s.kind.toLowerCase()}/default/${
              s.name
            }`,
        ),
      );
      // floor: the backend's cheapest route (no auth, no store, no catalog), same load
      const health = await reference(['/api/oncall/health']);
      // floor of an authenticated route: the auth backend's user info (token check, no store)
      const userinfo = await reference(['/api/auth/v1/userinfo']);

      // baseline: a proxy-style client calling the vendors (Opsgenie teams) per view
      const baseline = new BaselineClient(sandbox.url);
      await baseline.prepare();
      const beforeBaseline = await sandbox.client.stats();
      const items = side.services.flatMap(service =>
        VIEWS.map(view => ({ view, service })),
      );
      const base = await baselineLoad(
        baseline,
        items,
        CONNECTIONS,
        DURATION_S * 1000,
      );
      const baseVendor = statsDelta(
        beforeBaseline,
        await sandbox.client.stats(),
      );
      baselineSide = {
        base,
        baseVendor,
        catalog,
        health,
        userinfo,
      };
    }
    await sandbox.client.clearFaults();
    await side.backend.stop();
  }
  const { base, baseVendor, catalog, health, userinfo } = baselineSide!;

  const vendorTotal = (s: typeof baseVendor) =>
    s.vendors.opsgenie.total +
    s.vendors.blameless.total +
    s.vendors.datadog.total;
  const allTotal = (v: ReturnType<typeof vendorTotals>) =>
    v.opsgenie + v.blameless + v.datadog + v.jsm + v.pagerduty;
  const first = sides[0];
  const oursRps = first.load.result.requests.total / DURATION_S;
  printTable(
    `Warm read, vendors +${LATENCY_MS} ms, ${CONNECTIONS} concurrent, ${DURATION_S} s each (same sandbox, same run)`,
    [
      'side',
      'page views',
      'p50 ms',
      'p99 ms',
      'views/s',
      'non-2xx/errors',
      'vendor requests',
      'backend CPU ms/req',
    ],
    [
      ...sides.flatMap(({ mode, load }) => [
        [
          `ours, ${mode} org (on-call+incidents+slos routes)`,
          load.result.requests.total,
          load.result.latency.p50,
          load.result.latency.p99,
          r1(load.result.requests.total / DURATION_S),
          load.result.non2xx + load.result.errors + load.result.timeouts,
          allTotal(load.vendorAll),
          r1(load.cpuMs / Math.max(1, load.result.requests.total)),
        ],
        ...load.single.map(s => [
          `  ours ${mode} ${s.view}, 1 connection, 5 s`,
          Math.round(s.rps * 5),
          s.p50,
          s.p99,
          r1(s.rps),
          '',
          '',
          r1(s.cpuMs),
        ]),
      ]),
      [
        'baseline (vendor calls per view)',
        base.all.requests,
        Math.round(base.all.p50),
        Math.round(base.all.p99),
        r1(base.all.rps),
        base.errors,
        vendorTotal(baseVendor),
        '',
      ],
      ...VIEWS.map(view => [
        `  baseline ${view}`,
        base.byView[view].requests,
        Math.round(base.byView[view].p50),
        Math.round(base.byView[view].p99),
        r1(base.byView[view].rps),
        '',
        '',
        '',
      ]),
      referenceRow(
        `reference: catalog GET by-name, ${CONNECTIONS} conn, 10 s`,
        catalog,
      ),
      referenceRow(
        `floor: GET /api/oncall/health (no auth), ${CONNECTIONS} conn, 10 s`,
        health,
      ),
      referenceRow(
        `floor: GET /api/auth/v1/userinfo (authenticated), ${CONNECTIONS} conn, 10 s`,
        userinfo,
      ),
    ],
  );
  const floorRps = userinfo.result.requests.total / 10;
  const floorP99 = userinfo.result.latency.p99;
  printTable(
    `Each route alone at ${CONNECTIONS} connections, 10 s, against the authenticated floor (GET /api/auth/v1/userinfo: ${r1(
      floorRps,
    )} req/s, p99 ${floorP99} ms), same backend, same run`,
    [
      'route',
      'req/s',
      'of the floor',
      'target ≥ 50 %',
      'p50 ms',
      'p99 ms',
      'p99 / floor p99',
      'target ≤ 2×',
      '1-conn p50: baseline / ours',
      'target ≥ 30×',
      'non-2xx/errors',
    ],
    sides.flatMap(({ mode, load }) =>
      load.loaded.map(l => {
        const share = l.rps / Math.max(floorRps, 0.1);
        const p99Ratio = l.p99 / Math.max(floorP99, 1);
        const single = load.single.find(s => s.view === l.view)!;
        const speedup = base.byView[l.view].p50 / Math.max(single.p50, 1);
        return [
          `ours ${mode} ${l.view}`,
          r1(l.rps),
          `${Math.round(share * 100)} %`,
          share >= 0.5 ? 'met' : 'missed',
          l.p50,
          l.p99,
          `${r1(p99Ratio)}×`,
          p99Ratio <= 2 ? 'met' : 'missed',
          `${r1(speedup)}×`,
          speedup >= 30 ? 'met' : 'missed',
          l.non2xx,
        ];
      }),
    ),
  );
  const p50Ratio = base.all.p50 / Math.max(first.load.result.latency.p50, 1);
  printTable(
    `Ratios and targets (ours: ${first.mode} org)`,
    ['figure', 'value', 'target', 'met'],
    [
      [
        'baseline p50 / our p50',
        `${r1(p50Ratio)}×`,
        '≥ 30×',
        p50Ratio >= 30 ? 'yes' : 'no',
      ],
      [
        'our p99',
        `${first.load.result.latency.p99} ms`,
        '< 50 ms',
        first.load.result.latency.p99 < 50 ? 'yes' : 'no',
      ],
      ['our throughput / baseline', `${r1(oursRps / base.all.rps)}×`, '', ''],
    ],
  );
  const opsgenie = sides.find(s => s.mode === 'opsgenie');
  const mixed = sides.find(s => s.mode === 'mixed');
  if (opsgenie && mixed) {
    const o = opsgenie.load;
    const m = mixed.load;
    const ratio = (a: number, b: number) => `${r1(a / Math.max(b, 0.1))}×`;
    const perReq = (l: typeof o) =>
      l.cpuMs / Math.max(1, l.result.requests.total);
    printTable(
      'Mixed-provider org vs Opsgenie only (ours, same sandbox, same run; ratio = mixed / Opsgenie-only)',
      ['figure', 'Opsgenie only', 'mixed (OG+JSM+PD)', 'ratio'],
      [
        ['groups per provider', opsgenie.coverage, mixed.coverage, ''],
        [
          'page views/s',
          r1(o.result.requests.total / DURATION_S),
          r1(m.result.requests.total / DURATION_S),
          ratio(m.result.requests.total, o.result.requests.total),
        ],
        [
          'p50 ms',
          o.result.latency.p50,
          m.result.latency.p50,
          ratio(m.result.latency.p50, o.result.latency.p50),
        ],
        [
          'p99 ms',
          o.result.latency.p99,
          m.result.latency.p99,
          ratio(m.result.latency.p99, o.result.latency.p99),
        ],
        [
          'backend CPU ms/req',
          r1(perReq(o)),
          r1(perReq(m)),
          ratio(perReq(m), perReq(o)),
        ],
        [
          'non-2xx/errors',
          o.result.non2xx + o.result.errors + o.result.timeouts,
          m.result.non2xx + m.result.errors + m.result.timeouts,
          '',
        ],
        [
          'vendor requests during load og/bl/dd/jsm/pd',
          Object.values(o.vendorAll).join('/'),
          Object.values(m.vendorAll).join('/'),
          '',
        ],
      ],
    );
  }
  for (const { mode, load } of sides) {
    process.stdout.write(
      `\nvendor requests during ours (${mode}): ${JSON.stringify(
        load.vendorAll,
      )}\n`,
    );
  }
  process.stdout.write(`logs: ${run.dir}\n`);
});
