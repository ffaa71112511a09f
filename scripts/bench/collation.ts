/*
 * bench:collation — the search module's incident collator (plugins/search-backend-module-oncall)
 * streaming 100,000 incidents out of a backend whose store holds them: wall time, documents,
 * and RSS growth of the collating process (a child process of its own) and of the backend.
 *
 *   yarn bench:collation     (BENCH_INCIDENTS=100000 BENCH_COLLATOR_HEAP_MIB=<old-space limit>)
 */
import { join } from 'node:path';
import {
  createRun,
  nodeTransform,
  repoRoot,
  sleep,
  startBackend,
  startProcess,
} from '../harness';
import {
  memoryOf,
  printTable,
  r1,
  runBench,
  sampleRss,
  startBenchSandbox,
  waitForRunEnd,
} from './lib';

const INCIDENTS = Number(process.env.BENCH_INCIDENTS ?? 100_000);
/** Optional old-space limit of the collating process (MiB), e.g. its memory budget. */
const COLLATOR_HEAP_MIB = process.env.BENCH_COLLATOR_HEAP_MIB;
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

  const backendBefore = memoryOf(backend.process.pid).rssMiB;
  const backendRss = sampleRss(backend.process.pid, 50);
  const child = startProcess({
    name: 'collator',
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
    env: { BENCH_BACKEND_URL: backend.url, BENCH_TOKEN: backend.serviceToken },
    logFile: join(run.dir, 'collator.log'),
  });
  const started = Date.now();
  while (child.running && Date.now() - started < 1_200_000) await sleep(100);
  const backendPeak = backendRss.stop();
  const line = child.lines.find(l => l.startsWith('{"documents"'));
  if (!line)
    throw new Error(
      `collator failed (${JSON.stringify(child.exit)})\n${child.tail()}`,
    );
  const result = JSON.parse(line) as {
    documents: number;
    ms: number;
    rssBeforeMiB: number;
    rssPeakMiB: number;
    documentBytes: number;
    heapBeforeMiB: number;
    heapPeakMiB: number;
    heapAfterGcMiB: number;
    rssAfterGcMiB: number;
  };
  if (result.documents < INCIDENTS) {
    throw new Error(
      `the collator produced ${
        result.documents
      } documents, expected ${INCIDENTS}\n${child.tail()}`,
    );
  }
  const growth = result.rssPeakMiB - result.rssBeforeMiB;
  printTable(
    `Collation of ${INCIDENTS} incidents (collator heap limit: ${
      COLLATOR_HEAP_MIB ? `${COLLATOR_HEAP_MIB} MiB` : 'V8 default'
    }) through OncallIncidentCollatorFactory (documents consumed as the search indexer would, one at a time)`,
    ['figure', 'value'],
    [
      ['documents collated', result.documents],
      ['wall time s', r1(result.ms / 1000)],
      ['documents/s', Math.round(result.documents / (result.ms / 1000))],
      ['collator process RSS before MiB', r1(result.rssBeforeMiB)],
      ['collator process RSS peak MiB', r1(result.rssPeakMiB)],
      ['collator RSS growth MiB (target < 100)', r1(growth)],
      [
        'collator JS heap before / peak / after GC MiB',
        `${r1(result.heapBeforeMiB)} / ${r1(result.heapPeakMiB)} / ${r1(
          result.heapAfterGcMiB,
        )}`,
      ],
      ['collator RSS after GC MiB', r1(result.rssAfterGcMiB)],
      [
        'backend RSS before / peak MiB',
        `${r1(backendBefore)} / ${r1(backendPeak)}`,
      ],
      ['backend RSS growth MiB', r1(backendPeak - backendBefore)],
      [
        'document JSON total MiB (what was streamed)',
        r1(result.documentBytes / 1048576),
      ],
    ],
  );
  process.stdout.write(
    `\ntarget < 100 MiB growth: ${growth < 100 ? 'met' : 'missed'}\nlogs: ${
      run.dir
    }\n`,
  );
});
