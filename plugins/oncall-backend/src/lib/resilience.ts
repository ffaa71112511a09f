import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  IRetryBackoffContext,
  IPolicy,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
} from 'cockatiel';
import { LoggerService } from '@backstage/backend-plugin-api';
import { RequestBudget } from './RequestBudget';
import { Vendor } from './Vendor';
import { VendorError, isVendorError } from './VendorError';

/** Knobs of one vendor's policy; defaults in {@link defaultResilienceOptions}. */
export interface ResilienceOptions {
  /** Timeout of a single attempt. */
  timeoutMs: number;
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** First backoff delay; doubles per attempt, with jitter. */
  baseDelayMs: number;
  /** Upper bound for any single delay, including the vendor's own rate-limit period. */
  maxDelayMs: number;
  /** Consecutive failures that open the breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before letting one trial call through. */
  halfOpenAfterMs: number;
  /** Calls in flight at once towards this vendor. */
  concurrency: number;
  /** Calls allowed to wait for a free slot. */
  queue: number;
  /**
   * Requests a minute this account may spend, retries included, spread evenly
   * ({@link RequestBudget}); none: as fast as the concurrency cap allows.
   */
  requestsPerMinute?: number;
}

export const defaultResilienceOptions: ResilienceOptions = {
  timeoutMs: 5000,
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 10_000,
  breakerThreshold: 5,
  halfOpenAfterMs: 30_000,
  concurrency: 8,
  queue: 1000,
};

/** The policy that guards every call to one vendor. */
export interface VendorPolicy {
  /** Timeout of a single attempt; calls made outside `execute` use it too. */
  readonly timeoutMs: number;
  /** Runs `fn` with a timeout per attempt, retries, the breaker and the concurrency cap. */
  execute<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Whether the breaker is currently open (calls fail fast). */
  isOpen(): boolean;
  /** Whether a call started now would run at once rather than wait in the queue. */
  hasFreeSlot(): boolean;
}

/**
 * Builds the cockatiel policy for one vendor: bulkhead (concurrency cap) → retry (429/5xx/network/
 * timeout, honouring the vendor's rate-limit period) → circuit breaker → the request budget's
 * slot (when `requestsPerMinute` is set; every attempt spends one) → timeout per attempt, which
 * starts once the slot is reached. Errors leave as {@link VendorError}s.
 */
export function createVendorPolicy(
  vendor: Vendor,
  logger: LoggerService,
  overrides: Partial<ResilienceOptions> = {},
): VendorPolicy {
  const options = { ...defaultResilienceOptions, ...overrides };
  // A per-attempt timeout surfaces as cockatiel's TaskCancelledError: retry it like any
  // other timeout and count it towards the breaker.
  const retryable = handleWhen(
    error =>
      (isVendorError(error) && error.retryable) ||
      error instanceof TaskCancelledError,
  );
  const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>>(
    context => {
      const result = context.result;
      const hinted =
        'error' in result && isVendorError(result.error)
          ? result.error.retryAfterMs
          : undefined;
      if (hinted !== undefined) {
        return Math.min(hinted, options.maxDelayMs);
      }
      const exponential = options.baseDelayMs * 2 ** (context.attempt - 1);
      const jitter = Math.random() * options.baseDelayMs;
      return Math.min(exponential + jitter, options.maxDelayMs);
    },
  );
  // A vendor asking for a longer pause than we would wait in-line is not retried now: the
  // pause is remembered below and every call fails fast until it has passed.
  const retryNow = handleWhen(
    error =>
      (isVendorError(error) &&
        error.retryable &&
        (error.retryAfterMs === undefined ||
          error.retryAfterMs <= options.maxDelayMs)) ||
      error instanceof TaskCancelledError,
  );
  const retryPolicy = retry(retryNow, {
    maxAttempts: options.maxAttempts - 1,
    backoff,
  });
  retryPolicy.onRetry(event => {
    logger.debug('Retrying vendor call', {
      vendor,
      delayMs: Math.round(event.delay),
      reason: 'error' in event ? String(event.error) : 'result',
    });
  });
  const breaker = circuitBreaker(retryable, {
    halfOpenAfter: options.halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(options.breakerThreshold),
  });
  breaker.onBreak(() => logger.warn('Vendor circuit opened', { vendor }));
  breaker.onReset(() => logger.info('Vendor circuit closed', { vendor }));
  const perAttemptTimeout = timeout(
    options.timeoutMs,
    TimeoutStrategy.Aggressive,
  );
  const cap = bulkhead(options.concurrency, options.queue);
  const policy: IPolicy = wrap(cap, retryPolicy, breaker);
  const budget =
    options.requestsPerMinute === undefined
      ? undefined
      : new RequestBudget({ requestsPerMinute: options.requestsPerMinute });
  const attempt = async <T>(
    fn: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> => {
    await budget?.take(signal);
    return perAttemptTimeout.execute(
      ({ signal: attemptSignal }) => fn(attemptSignal),
      signal,
    );
  };

  let pausedUntil = 0;

  return {
    timeoutMs: options.timeoutMs,
    async execute<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
      const wait = pausedUntil - Date.now();
      if (wait > 0) {
        throw new VendorError({
          vendor,
          kind: 'http',
          status: 429,
          retryAfterMs: wait,
          message: `${vendor} asked us to wait; calls resume in ${Math.ceil(
            wait / 1000,
          )} s (rate limit)`,
        });
      }
      try {
        return await policy.execute(({ signal }) => attempt(fn, signal));
      } catch (error) {
        const vendorError = toVendorError(vendor, error, options.timeoutMs);
        if (
          vendorError.status === 429 &&
          vendorError.retryAfterMs !== undefined
        ) {
          pausedUntil = Math.max(
            pausedUntil,
            Date.now() + vendorError.retryAfterMs,
          );
          logger.warn('Vendor rate limit: pausing calls', {
            vendor,
            pauseMs: vendorError.retryAfterMs,
          });
        }
        throw vendorError;
      }
    },
    isOpen() {
      return breaker.state === CircuitState.Open;
    },
    hasFreeSlot() {
      return cap.executionSlots > 0;
    },
  };
}

function toVendorError(
  vendor: Vendor,
  error: unknown,
  timeoutMs: number,
): VendorError {
  if (isVendorError(error)) {
    return error;
  }
  if (error instanceof BrokenCircuitError) {
    return new VendorError({
      vendor,
      kind: 'circuit-open',
      message: `${vendor} is failing; calls are paused by the circuit breaker`,
    });
  }
  if (error instanceof TaskCancelledError) {
    return new VendorError({
      vendor,
      kind: 'timeout',
      message: `${vendor} did not answer within ${timeoutMs} ms`,
    });
  }
  if (error instanceof BulkheadRejectedError) {
    return new VendorError({
      vendor,
      kind: 'busy',
      message: `too many calls to ${vendor} are waiting`,
    });
  }
  return new VendorError({
    vendor,
    kind: 'network',
    message: `${vendor} could not be reached: ${String(error)}`,
    cause: error,
  });
}
