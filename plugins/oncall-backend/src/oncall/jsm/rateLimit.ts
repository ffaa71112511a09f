import { secondsHeaderMs } from '../../lib/VendorHttpClient';

/**
 * How long JSM asks us to wait: `Retry-After` (seconds) when present, otherwise until
 * `X-RateLimit-Reset` (ISO instant, Atlassian's `yyyy-MM-ddTHH:mmZ`) on a throttled answer;
 * undefined leaves the policy to back off exponentially with jitter.
 */
export function jsmRetryAfterMs(
  headers: Headers,
  now: () => number = Date.now,
): number | undefined {
  const retryAfter = secondsHeaderMs(headers, 'Retry-After');
  if (retryAfter !== undefined) {
    return retryAfter;
  }
  const reset = headers.get('X-RateLimit-Reset');
  const remaining = headers.get('X-RateLimit-Remaining');
  if (reset === null || (remaining !== null && Number(remaining) > 0)) {
    return undefined;
  }
  const at = Date.parse(reset);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now());
}
