/**
 * A vendor account's request budget: at most `requestsPerMinute` requests a minute, spread
 * evenly (one every 60 s / budget) instead of in bursts. Each caller reserves the next free
 * slot and waits for it, so concurrent callers queue in arrival order; a caller that gives up
 * (its signal aborts) keeps its slot spent, as a request the vendor may already count.
 */
export class RequestBudget {
  readonly #intervalMs: number;
  readonly #now: () => number;
  /** When the next request may start (epoch ms). */
  #next = 0;

  constructor(options: { requestsPerMinute: number; now?: () => number }) {
    if (
      !Number.isFinite(options.requestsPerMinute) ||
      options.requestsPerMinute <= 0
    ) {
      throw new RangeError(
        `requestsPerMinute must be a positive number, got ${options.requestsPerMinute}`,
      );
    }
    this.#intervalMs = 60_000 / options.requestsPerMinute;
    this.#now = options.now ?? Date.now;
  }

  /** Milliseconds between two requests. */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Waits for this request's slot; rejects with the signal's reason when it aborts first. */
  async take(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const now = this.#now();
    const slot = Math.max(now, this.#next);
    this.#next = slot + this.#intervalMs;
    const wait = slot - now;
    if (wait <= 0) {
      return;
    }
    await new Promise<void>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined = undefined;
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, wait);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
