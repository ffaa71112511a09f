import { VendorPolicy } from '../../lib/resilience';
import { VendorHttpClient } from '../../lib/VendorHttpClient';
import { RequestStatus } from '../OnCallProvider';

/** The first pause between two looks at an alert request, unless the provider sets one. */
const DEFAULT_POLL_DELAY_MS = 250;
/** The longest pause between two looks at an alert request. */
const MAX_POLL_DELAY_MS = 2000;

/** How a provider that pages through its vendor's alert API, and follows the requests, is made. */
export interface AlertingProviderOptions<TConfig> {
  config: TConfig;
  /** Guards the reads of the sync and of page views. */
  policy: VendorPolicy;
  /** Guards paging calls; default: the same policy as the reads. */
  pagingPolicy?: VendorPolicy;
  /** First delay between request-status polls; doubles each time. */
  pollDelayMs?: number;
}

function sleep(ms: number): Promise<void> {
  return new Promise<void>(resolve => setTimeout(resolve, ms));
}

/**
 * Follows an alert request until the vendor has processed it or until `timeoutMs` passes
 * (then the last answer, `pending`), doubling the pause between looks from `pollDelayMs`.
 * Answers `pending` at once while pages are queueing for the vendor's alert API
 * (`hasFreeSlot` false): following a request is a nicety that must not take a slot from
 * the next page.
 */
export async function waitForRequest(options: {
  getRequestStatus: () => Promise<RequestStatus>;
  hasFreeSlot: () => boolean;
  pollDelayMs: number;
  timeoutMs: number;
}): Promise<RequestStatus> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = options.pollDelayMs;
  for (;;) {
    if (!options.hasFreeSlot()) {
      return { state: 'pending' };
    }
    const status = await options.getRequestStatus();
    if (status.state === 'processed' || Date.now() + delay > deadline) {
      return status;
    }
    await sleep(delay);
    delay = Math.min(delay * 2, MAX_POLL_DELAY_MS);
  }
}

/**
 * Follows the requests of one vendor's alert API: {@link waitForRequest} with the provider's
 * status read, the free slots of its alert client and its poll delay.
 */
export class RequestFollower {
  readonly #alerts: VendorHttpClient;
  readonly #getRequestStatus: (requestId: string) => Promise<RequestStatus>;
  readonly #pollDelayMs: number;

  constructor(options: {
    alerts: VendorHttpClient;
    getRequestStatus: (requestId: string) => Promise<RequestStatus>;
    pollDelayMs?: number;
  }) {
    this.#alerts = options.alerts;
    this.#getRequestStatus = options.getRequestStatus;
    this.#pollDelayMs = options.pollDelayMs ?? DEFAULT_POLL_DELAY_MS;
  }

  follow(requestId: string, timeoutMs: number): Promise<RequestStatus> {
    return waitForRequest({
      getRequestStatus: () => this.#getRequestStatus(requestId),
      hasFreeSlot: () => this.#alerts.hasFreeSlot(),
      pollDelayMs: this.#pollDelayMs,
      timeoutMs,
    });
  }
}
