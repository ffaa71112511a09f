import { RequestStatus } from '../OnCallProvider';

/** The longest pause between two looks at an alert request. */
const MAX_POLL_DELAY_MS = 2000;

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
