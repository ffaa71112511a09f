import { QuotaWindow } from './rates';

/** Tolerance for the floating-point refill (a token is a token even at 0.9999999999). */
const EPSILON = 1e-9;

/** Where one window of a bucket stands after a request, in the terms rate-limit headers use. */
export interface WindowStatus {
  limit: number;
  periodSeconds: number;
  /** Whole requests still allowed in this window. */
  remaining: number;
  /** Seconds until the window is full again. */
  resetSeconds: number;
  /** Seconds until the next request is let through (0 while one would be). */
  retryAfterSeconds: number;
}

/** The outcome of one request against a bucket. */
export interface BucketDecision {
  allowed: boolean;
  /**
   * Allowed: the window with the fewest requests left. Throttled: the window that keeps the
   * caller waiting longest.
   */
  window: WindowStatus;
}

/**
 * A token bucket with one or more windows (e.g. per second and per minute), each checked
 * separately as Opsgenie describes its limits: a request takes a token from every window, and is
 * refused, taking nothing, when any window is empty. Tokens come back continuously; time comes
 * from the caller, so a test moves it by hand.
 */
export class TokenBucket {
  readonly #windows: QuotaWindow[];
  readonly #tokens: number[];
  #last: number;

  constructor(windows: QuotaWindow[], nowMs: number) {
    if (windows.length === 0) {
      throw new RangeError('A token bucket needs at least one window');
    }
    this.#windows = windows;
    this.#tokens = windows.map(w => w.limit);
    this.#last = nowMs;
  }

  take(nowMs: number): BucketDecision {
    this.#refill(nowMs);
    const statuses = () => this.#windows.map((_w, i) => this.#status(i));
    if (this.#tokens.every(t => t >= 1 - EPSILON)) {
      this.#tokens.forEach((t, i) => {
        this.#tokens[i] = Math.max(0, t - 1);
      });
      const after = statuses();
      return {
        allowed: true,
        window: after.reduce((a, b) => (b.remaining < a.remaining ? b : a)),
      };
    }
    return {
      allowed: false,
      window: statuses().reduce((a, b) =>
        b.retryAfterSeconds > a.retryAfterSeconds ? b : a,
      ),
    };
  }

  #refill(nowMs: number): void {
    const elapsedMs = nowMs - this.#last;
    if (elapsedMs <= 0) {
      return;
    }
    this.#last = nowMs;
    this.#windows.forEach((w, i) => {
      this.#tokens[i] = Math.min(
        w.limit,
        this.#tokens[i] + (elapsedMs * w.limit) / (w.seconds * 1000),
      );
    });
  }

  #status(i: number): WindowStatus {
    const { limit, seconds } = this.#windows[i];
    const tokens = this.#tokens[i];
    const perSecond = limit / seconds;
    const secondsUntil = (target: number) =>
      tokens >= target - EPSILON
        ? 0
        : Math.ceil((target - tokens) / perSecond - EPSILON);
    return {
      limit,
      periodSeconds: seconds,
      remaining: Math.floor(tokens + EPSILON),
      resetSeconds: secondsUntil(limit),
      retryAfterSeconds: secondsUntil(1),
    };
  }
}
