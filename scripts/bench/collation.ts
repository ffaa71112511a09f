/*
 * bench:collation — the search module's incident collator (plugins/search-backend-module-oncall)
 * streaming 100,000 incidents out of a backend whose store holds them: wall time, documents,
 * and RSS growth of the collating process (a child process of its own) and of the backend.
 *
 *   yarn bench:collation     (BENCH_INCIDENTS=100000 BENCH_BATCH_SIZES=default,500
 *                             BENCH_COLLATOR_HEAP_MIB=<old-space limit>)
 *
 * The collator runs inside the portal's backend, so its process gets the backend's default
 * heap limit, the one `packages/backend/Dockerfile` sets (BENCH_COLLATOR_HEAP_MIB=0: V8's
 * own sizing from the machine's RAM).
 */
import { join } from 'node:path';
import { defaults as collatorDefaults } from '../../plugins/search-backend-module-oncall/src/collators/config';
import {
  createRun,
  dockerfileHeapMiB,
  nodeTransform,
  repoRoot,
  sleep,
  startBackend,
  startProcess,
} from '../harness';
import { printTable, r1, runBench, startBenchSandbox } from './lib';
import { waitForRunEnd } from './tasks';
import { memoryOf, sampleRss } from './procStats';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
/** Old-space limit of the collating process (MiB): the backend's default; 0: none. */
const COLLATOR_HEAP_MIB = Number(
  process.env.BENCH_COLLATOR_HEAP_MIB ?? dockerfileHeapMiB(),
);
/** The collator's page sizes to compare, one collator process each; `default` = the product's. */
const DEFAULT_BATCH_SIZE = collatorDefaults.batchSize;
const BATCH_SIZES = (process.env.BENCH_BATCH_SIZES ?? 'default,500').split(',');
/** Nothing scheduled during the benchmark (a task in its initial wait ignores triggers). */
const manual = {
  frequency: { minutes: 600, seconds: 0 },
  timeout: { minutes: 60, seconds: 0 },
  initialDelay: { minutes: 600, seconds: 0 },
};
/** The incident sync runs once, right after start-up: that run fills the store. */
const firstRunOnly = { ...manual, initialDelay: { minutes: 0, seconds: 5 } };

runBench('collation', async cleanup => {
  const run = createRun('bench-collation');
  const sandbox = await startBenchSandbox(run, {
    scale: { incidents: INCIDENTS },
  });
  cleanup.push(() => sandbox.stop());
  process.stdout.write(`sandbox: ${sandbox.org}\n`);
  const backend = await startBackend(run, {
    name: 'backend',
    sandbox: { url: sandbox.url },
    config: {
      oncall: {
        refresh: { onCall: manual, incidents: firstRunOnly, slos: manual },
        vendorTimeoutMs: 30_000,
      },
      // the portal's own collation would run in the backend at the same time
      search: { collators: { oncall: { schedule: manual } } },
    },
  });
  cleanup.push(() => backend.stop());
  const sync = await waitForRunEnd(
    backend,
    'oncall-sync-incidents',
    0,
    1_800_000,
    1000,
  );
  if (sync.error) throw new Error(`incident sync failed: ${sync.error}`);
  process.stdout.write(`incident sync finished (store filled)\n`);

  type Result = {
    documents: number;
    ms: number;
    rssBeforeMiB: number;
    rssPeakMiB: number;
    documentBytes: number;
    heapBeforeMiB: number;
    heapPeakMiB: number;
    heapAfterGcMiB: number;
    rssAfterGcMiB: number;
    backendBeforeMiB: number;
    backendPeakMiB: number;
  };
  const collate = async (batchSize: string): Promise<Result> => {
    const backendBefore = memoryOf(backend.process.pid).rssMiB;
    const backendRss = sampleRss(backend.process.pid, 50);
    const child = startProcess({
      name: `collator-${batchSize}`,
      command: process.execPath,
      args: [
        ...(COLLATOR_HEAP_MIB
          ? [`--max-old-space-size=${COLLATOR_HEAP_MIB}`]
          : []),
        '--expose-gc',
        '--require',
        nodeTransform,
        join(__dirname, 'collate-main.ts'),
      ],
      cwd: repoRoot,
      env: {
        BENCH_BACKEND_URL: backend.url,
        BENCH_TOKEN: backend.serviceToken,
        ...(batchSize === 'default' ? {} : { BENCH_BATCH_SIZE: batchSize }),
      },
      logFile: join(run.dir, `collator-${batchSize}.log`),
    });
    const started = Date.now();
    while (child.running && Date.now() - started < 1_200_000) await sleep(100);
    const backendPeak = backendRss.stop();
    const line = child.lines.find(l => l.startsWith('{"documents"'));
    if (!line)
      throw new Error(
        `collator failed (${JSON.stringify(child.exit)})\n${child.tail()}`,
      );
    const result = JSON.parse(line) as Omit<
      Result,
      'backendBeforeMiB' | 'backendPeakMiB'
    >;
    if (result.documents < INCIDENTS) {
      throw new Error(
        `the collator produced ${
          result.documents
        } documents, expected ${INCIDENTS}\n${child.tail()}`,
      );
    }
    return {
      ...result,
      backendBeforeMiB: backendBefore,
      backendPeakMiB: backendPeak,
    };
  };
  const results: Array<{ batchSize: string; result: Result }> = [];
  for (const batchSize of BATCH_SIZES) {
    results.push({ batchSize, result: await collate(batchSize) });
  }
  const row = (figure: string, value: (r: Result) => string | number) => [
    figure,
    ...results.map(({ result }) => value(result)),
  ];
  printTable(
    `Collation of ${INCIDENTS} incidents (collator heap limit: ${
      COLLATOR_HEAP_MIB
        ? `${COLLATOR_HEAP_MIB} MiB, the backend's default`
        : 'V8 default'
    }) through OnCallIncidentCollatorFactory (documents consumed as the search indexer would, one at a time), per batchSize`,
    [
      'figure',
      ...results.map(({ batchSize }) =>
        batchSize === 'default'
          ? `batchSize default (${DEFAULT_BATCH_SIZE})`
          : `batchSize ${batchSize}`,
      ),
    ],
    [
      row('documents collated', r => r.documents),
      row('wall time s', r => r1(r.ms / 1000)),
      row('documents/s', r => Math.round(r.documents / (r.ms / 1000))),
      row('collator process RSS before MiB', r => r1(r.rssBeforeMiB)),
      row('collator process RSS peak MiB', r => r1(r.rssPeakMiB)),
      row('collator RSS growth MiB (target < 100)', r =>
        r1(r.rssPeakMiB - r.rssBeforeMiB),
      ),
      row(
        'collator JS heap before / peak / after GC MiB',
        r =>
          `${r1(r.heapBeforeMiB)} / ${r1(r.heapPeakMiB)} / ${r1(
            r.heapAfterGcMiB,
          )}`,
      ),
      row('collator RSS after GC MiB', r => r1(r.rssAfterGcMiB)),
      row(
        'backend RSS before / peak MiB',
        r => `${r1(r.backendBeforeMiB)} / ${r1(r.backendPeakMiB)}`,
      ),
      row('backend RSS growth MiB', r =>
        r1(r.backendPeakMiB - r.backendBeforeMiB),
      ),
      row('document JSON total MiB (what was streamed)', r =>
        r1(r.documentBytes / 1048576),
      ),
      row('target < 100 MiB growth', r =>
        r.rssPeakMiB - r.rssBeforeMiB < 100 ? 'met' : 'missed',
      ),
    ],
  );
  process.stdout.write(`\nlogs: ${run.dir}\n`);
});
