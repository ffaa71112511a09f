/*
 * Child process of bench:collation: runs the search module's incident collator against an
 * on-call backend and reports, as one JSON line, documents collated, wall time and this
 * process's RSS (before, peak during). Kept apart from the benchmark's own process so the
 * RSS figure is the collator's.
 *
 *   BENCH_BACKEND_URL=http://localhost:P BENCH_TOKEN=<static service token> \
 *     node --require @backstage/cli/config/nodeTransform.cjs scripts/bench/collate-main.ts
 */
import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { ConfigReader } from '@backstage/config';
import { OnCallIncidentCollatorFactory } from '@oncall-for-backstage/plugin-search-backend-module-oncall';
import { memoryOf } from './procStats';

function logger(): LoggerService {
  const write = (level: string) => (message: string, meta?: unknown) => {
    if (level !== 'debug')
      process.stderr.write(
        `${level} ${message} ${meta ? JSON.stringify(meta) : ''}\n`,
      );
  };
  const self: LoggerService = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    child: () => self,
  };
  return self;
}

async function main() {
  const baseUrl = process.env.BENCH_BACKEND_URL;
  const token = process.env.BENCH_TOKEN;
  if (!baseUrl || !token)
    throw new Error('BENCH_BACKEND_URL and BENCH_TOKEN are required');
  const discovery: DiscoveryService = {
    getBaseUrl: async pluginId => `${baseUrl}/api/${pluginId}`,
    getExternalBaseUrl: async pluginId => `${baseUrl}/api/${pluginId}`,
  };
  // the static external-access token stands in for the search plugin's own service token
  const auth = {
    getOwnServiceCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'bench-collator' },
    }),
    getPluginRequestToken: async () => ({ token }),
  } as unknown as AuthService;
  const batchSize = process.env.BENCH_BATCH_SIZE
    ? Number(process.env.BENCH_BATCH_SIZE)
    : undefined;
  const factory = OnCallIncidentCollatorFactory.fromConfig(
    new ConfigReader(
      batchSize ? { search: { collators: { oncall: { batchSize } } } } : {},
    ),
    {
      discovery,
      auth,
      logger: logger(),
    },
  );
  global.gc?.();
  const before = memoryOf(process.pid).rssMiB;
  const heapBefore = process.memoryUsage().heapUsed / 1048576;
  let peak = before;
  let heapPeak = heapBefore;
  const timer = setInterval(() => {
    peak = Math.max(peak, memoryOf(process.pid).rssMiB);
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed / 1048576);
  }, 50);
  const started = performance.now();
  let documents = 0;
  let bytes = 0;
  for await (const document of await factory.getCollator()) {
    documents++;
    bytes += JSON.stringify(document).length;
  }
  const ms = performance.now() - started;
  clearInterval(timer);
  peak = Math.max(peak, memoryOf(process.pid).rssMiB);
  // what is still held once the garbage is collected: retention, as opposed to GC slack
  global.gc?.();
  const heapAfterGc = process.memoryUsage().heapUsed / 1048576;
  const rssAfterGc = memoryOf(process.pid).rssMiB;
  process.stdout.write(
    `${JSON.stringify({
      documents,
      ms,
      rssBeforeMiB: before,
      rssPeakMiB: peak,
      documentBytes: bytes,
      heapBeforeMiB: heapBefore,
      heapPeakMiB: heapPeak,
      heapAfterGcMiB: heapAfterGc,
      rssAfterGcMiB: rssAfterGc,
    })}\n`,
  );
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
