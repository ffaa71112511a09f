import { Exchange, RequestOptions, percentile, request } from './http';

/** Options of {@link runLoad}. */
export interface LoadOptions {
  /** URLs requested round-robin by every worker. */
  urls: string[];
  request?: RequestOptions;
  /** Parallel workers. */
  concurrency: number;
  /** Stop starting new requests after this long. */
  durationMs: number;
  /** Pause between a worker's requests. */
  pauseMs?: number;
  /** Called with every exchange (e.g. to check bodies); returns a problem or undefined. */
  check?: (exchange: Exchange) => string | undefined;
  /** Stops early when it returns true (checked between requests). */
  until?: () => boolean;
}

/** What a load run saw. */
export interface LoadResult {
  total: number;
  byStatus: Record<string, number>;
  non2xx: number;
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
  durationMs: number;
  /** Problems reported by `check`, with a count per message. */
  problems: Record<string, number>;
  /** The first few non-2xx exchanges, for diagnosis. */
  failures: Array<{ url: string; status: number; body: string }>;
}

/** Sends requests from `concurrency` workers for `durationMs` and tallies the answers. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  const byStatus: Record<string, number> = {};
  const problems: Record<string, number> = {};
  const failures: LoadResult['failures'] = [];
  let next = 0;
  const started = Date.now();
  const deadline = started + options.durationMs;
  const worker = async () => {
    while (Date.now() < deadline && !options.until?.()) {
      const url = options.urls[next++ % options.urls.length];
      const exchange = await request(url, options.request);
      latencies.push(exchange.ms);
      byStatus[exchange.status] = (byStatus[exchange.status] ?? 0) + 1;
      if (exchange.status < 200 || exchange.status > 299) {
        if (failures.length < 10)
          failures.push({
            url,
            status: exchange.status,
            body: exchange.text.slice(0, 300),
          });
      }
      const problem = options.check?.(exchange);
      if (problem) problems[problem] = (problems[problem] ?? 0) + 1;
      if (options.pauseMs)
        await new Promise(done => setTimeout(done, options.pauseMs));
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const total = latencies.length;
  const ok = Object.entries(byStatus)
    .filter(([status]) => Number(status) >= 200 && Number(status) <= 299)
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    total,
    byStatus,
    non2xx: total - ok,
    maxMs: Math.round(Math.max(0, ...latencies)),
    p50Ms: Math.round(percentile(latencies, 50)),
    p99Ms: Math.round(percentile(latencies, 99)),
    durationMs: Date.now() - started,
    problems,
    failures,
  };
}
