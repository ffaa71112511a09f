import { formatFloor, vendorFloor } from './vendorFloor';
import { HealthFigures } from './scaleHealth';
import { SyncRound } from './scaleRounds';
import { SandboxStats } from '../harness';
import { printTable, r1 } from './lib';
import { SYNC_TASKS } from './tasks';
import { vendorTotals } from './providers';

/** What one backend (store × provider mode) measured in bench:scale. */
export interface ScaleResult {
  kind: string;
  mode: string;
  coverage: string;
  full: SyncRound;
  incremental: SyncRound & { triggerWallMs: number };
  rssAtStart: number;
  fullRss: number;
  incrementalRss: number;
  hwmMiB: number;
  size: { mib: number; rows: string };
  fullStats: SandboxStats;
  incrementalStats: SandboxStats;
  health?: HealthFigures;
  cpuS: {
    full: { backend: number; sandbox: number };
    incremental: { backend: number; sandbox: number };
  };
}

/** Prints every table of bench:scale: sync rounds, the mixed/Opsgenie ratios, health, targets. */
export function printScaleReport(
  results: ScaleResult[],
  SCALE: { teams: number; services: number; incidents: number; slos: number },
): void {
  const DATABASES = [...new Set(results.map(r => r.kind))];
  const secs = (ms?: number) =>
    ms === undefined ? 'did not finish' : r1(ms / 1000);
  const rows: Array<Array<string | number>> = [];
  for (const r of results) {
    const vendorTotal = (s: typeof r.fullStats) =>
      Object.values(vendorTotals(undefined, s)).join('/');
    rows.push([
      `${r.kind} ${r.mode}`,
      'full',
      secs(r.full.wallMs),
      ...SYNC_TASKS.map(t =>
        r.full.byTask[t]?.error ? `error` : secs(r.full.byTask[t]?.ms),
      ),
      vendorTotal(r.fullStats),
      `${r1(r.cpuS.full.backend)} / ${r1(r.cpuS.full.sandbox)}`,
      r1(r.fullRss),
      '',
      '',
    ]);
    rows.push([
      `${r.kind} ${r.mode}`,
      'incremental',
      `${secs(r.incremental.wallMs)} (${secs(
        r.incremental.triggerWallMs,
      )} from the trigger)`,
      ...SYNC_TASKS.map(t =>
        r.incremental.byTask[t]?.error
          ? 'error'
          : secs(r.incremental.byTask[t]?.ms),
      ),
      vendorTotal(r.incrementalStats),
      `${r1(r.cpuS.incremental.backend)} / ${r1(r.cpuS.incremental.sandbox)}`,
      r1(r.incrementalRss),
      r1(r.hwmMiB),
      r1(r.size.mib),
    ]);
  }
  printTable(
    `Scale: ${SCALE.teams} teams / ${SCALE.services} services / ${SCALE.incidents} incidents / ${SCALE.slos} SLOs (plus the demo org)`,
    [
      'store',
      'sync',
      'wall s (3 tasks together)',
      'on-call s',
      'incidents s',
      'SLOs s',
      'vendor requests og/bl/dd/jsm/pd',
      'CPU s backend / sandbox',
      'peak RSS MiB (sampled)',
      'VmHWM MiB',
      'store MiB',
    ],
    rows,
  );
  for (const r of results) {
    for (const [phase, round] of [
      ['full', r.full],
      ['incremental', r.incremental],
    ] as const) {
      for (const [task, outcome] of Object.entries(round.byTask)) {
        if (outcome.error)
          process.stdout.write(
            `${r.kind} ${r.mode} ${phase} ${task}: ${outcome.error.slice(
              0,
              400,
            )}\n`,
          );
      }
    }
    process.stdout.write(
      `${r.kind} ${r.mode}: RSS at start ${r1(r.rssAtStart)} MiB; store ${
        r.size.rows
      }\n`,
    );
    process.stdout.write(
      `${r.kind} ${r.mode}: full-sync vendor routes ${JSON.stringify(
        r.fullStats.vendors,
      )}\n`,
    );
  }
  const ratioRows: Array<Array<string | number>> = [];
  for (const kind of DATABASES) {
    const o = results.find(r => r.kind === kind && r.mode === 'opsgenie');
    const m = results.find(r => r.kind === kind && r.mode === 'mixed');
    if (!o || !m) continue;
    const ratio = (a?: number, b?: number) =>
      a === undefined || b === undefined || !b ? '' : `${r1(a / b)}×`;
    const onCall = 'oncall-sync-on-call';
    for (const [figure, a, b, unit] of [
      ['full sync wall', o.full.wallMs / 1000, m.full.wallMs / 1000, 's'],
      [
        'full on-call sync',
        (o.full.byTask[onCall]?.ms ?? NaN) / 1000,
        (m.full.byTask[onCall]?.ms ?? NaN) / 1000,
        's',
      ],
      [
        'incremental sync wall',
        o.incremental.wallMs / 1000,
        m.incremental.wallMs / 1000,
        's',
      ],
      [
        'incremental on-call sync',
        (o.incremental.byTask[onCall]?.ms ?? NaN) / 1000,
        (m.incremental.byTask[onCall]?.ms ?? NaN) / 1000,
        's',
      ],
      ['backend CPU, full', o.cpuS.full.backend, m.cpuS.full.backend, 's'],
      ['VmHWM', o.hwmMiB, m.hwmMiB, 'MiB'],
      ['store', o.size.mib, m.size.mib, 'MiB'],
    ] as const) {
      ratioRows.push([
        kind,
        figure,
        `${r1(a)} ${unit}`,
        `${r1(b)} ${unit}`,
        ratio(b, a),
      ]);
    }
    ratioRows.push([
      kind,
      'full-sync vendor requests og/bl/dd/jsm/pd',
      Object.values(vendorTotals(undefined, o.fullStats)).join('/'),
      Object.values(vendorTotals(undefined, m.fullStats)).join('/'),
      '',
    ]);
    ratioRows.push([
      kind,
      'demo groups per provider (coverage)',
      o.coverage,
      m.coverage,
      '',
    ]);
  }
  if (ratioRows.length > 0) {
    printTable(
      'Mixed-provider org vs Opsgenie only (same sandbox, same run; ratio = mixed / Opsgenie-only)',
      ['store', 'figure', 'Opsgenie only', 'mixed (OG+JSM+PD)', 'ratio'],
      ratioRows,
    );
  }
  printHealth(results);
  printTable(
    'Targets',
    ['figure', 'target', ...results.map(r => `${r.kind} ${r.mode}`)],
    [
      ['full sync', '< 60 s', ...results.map(r => `${secs(r.full.wallMs)} s`)],
      [
        "full sync's requests at the vendors' default limits (floor)",
        '',
        ...results.map(r => formatFloor(vendorFloor(r.fullStats))),
      ],
      [
        'incremental sync (the runs)',
        '< 5 s',
        ...results.map(r => `${secs(r.incremental.wallMs)} s`),
      ],
      [
        'peak RSS (VmHWM)',
        '< 600 MiB',
        ...results.map(r => `${r1(r.hwmMiB)} MiB`),
      ],
    ],
  );
}

/** The health sync (full, incremental) and the health route under load, per store and org. */
function printHealth(
  results: Array<{ kind: string; mode: string; health?: HealthFigures }>,
) {
  const measured = results.filter(r => r.health);
  if (measured.length === 0) return;
  const secs = (ms?: number) =>
    ms === undefined ? 'did not finish' : r1(ms / 1000);
  printTable(
    'On-call health: page sync (oncall-sync-health, triggered alone after the three tasks)',
    [
      'store',
      'sync',
      's',
      'vendor requests og/bl/dd/jsm/pd',
      'peak RSS MiB',
      'error',
    ],
    measured.flatMap(r =>
      (['full', 'incremental'] as const).map(phase => {
        const run = r.health![phase];
        return [
          `${r.kind} ${r.mode}`,
          phase,
          run.triggerMs === undefined
            ? secs(run.ms)
            : `${secs(run.ms)} (${secs(run.triggerMs)} from the trigger)`,
          run.requests,
          r1(run.peakRssMiB),
          run.error ?? '',
        ];
      }),
    ),
  );
  printTable(
    'On-call health route, warm, 50 connections, 10 s (same backend, same run)',
    [
      'store',
      'route',
      'groups',
      'pages in 12 weeks',
      'req/s',
      'p50 ms',
      'p99 ms',
      'non-2xx',
    ],
    measured.flatMap(r =>
      r.health!.load.map(l => [
        `${r.kind} ${r.mode}`,
        l.route,
        r.health!.groups,
        r.health!.pagesStored,
        l.rps,
        l.p50,
        l.p99,
        l.non2xx,
      ]),
    ),
  );
}
