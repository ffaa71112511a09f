/**
 * Open-loop load: `total` operations spread evenly over `durationMs` (operation i is due at
 * start + i × durationMs / total), at most `concurrency` in flight. Operations that cannot
 * start on time start as soon as a worker is free; none starts after `hardStopMs`.
 */
export async function runPaced(options: {
  total: number;
  durationMs: number;
  concurrency: number;
  hardStopMs?: number;
  operation: (index: number) => Promise<void>;
}) {
  const { total, durationMs, concurrency } = options;
  const hardStop = options.hardStopMs ?? durationMs * 1.5;
  const started = performance.now();
  let next = 0;
  let done = 0;
  let errors = 0;
  const latencies: number[] = [];
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= total) return;
      const due = started + (index * durationMs) / total;
      const wait = due - performance.now();
      if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
      if (performance.now() - started > hardStop) return;
      const t0 = performance.now();
      try {
        await options.operation(index);
        done++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { done, errors, latencies, elapsedMs: performance.now() - started };
}
