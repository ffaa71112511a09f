import { randomUUID, timingSafeEqual } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { RateLimitStatus } from '../quota/QuotaRegistry';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder } from '../shared/vendorRoute';

/** JSM's error codes of config endpoints, by status. */
const CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  402: 'PAYMENT_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'TOO_MANY_REQUESTS',
};

/** The config endpoints' error body: `{errors: [{title, code}]}`. */
export function jsmError(res: Response, status: number, title: string): void {
  res.status(status).json({
    errors: [{ code: CODES[status] ?? 'INTERNAL_SERVER_ERROR', title }],
  });
}

/** The alert endpoints' error body, Opsgenie's shape: `{took, requestId, message}`. */
export function jsmAlertError(
  res: Response,
  status: number,
  message: string,
): void {
  res.status(status).json({ took: 0, requestId: randomUUID(), message });
}

/** Atlassian's reset instant, `yyyy-MM-ddTHH:mmZ` (rounded up to the minute). */
function resetAt(now: number, seconds: number): string {
  return DateTime.fromMillis(now + seconds * 1000, { zone: 'utc' })
    .plus({ minutes: 1 })
    .startOf('minute')
    .toFormat("yyyy-MM-dd'T'HH:mm'Z'");
}

function setLimitHeaders(
  res: Response,
  now: number,
  status: RateLimitStatus,
): void {
  res.set({
    'X-RateLimit-Limit': String(status.limit),
    'X-RateLimit-Remaining': String(status.remaining),
    'X-RateLimit-Reset': resetAt(now, status.resetSeconds),
    'X-RateLimit-NearLimit': String(status.remaining < status.limit * 0.2),
  });
}

/**
 * JSM Operations' responses in the sandbox: config errors as `{errors}`, and 429 with the
 * headers Atlassian documents for its cloud APIs: `Retry-After` (seconds), `X-RateLimit-Limit`,
 * `-Remaining`, `-Reset` (ISO minute), `-NearLimit` and `RateLimit-Reason`. The spec publishes
 * none of them for this API, so the adapter must also cope without them (a fault with
 * `mode: 'error', status: 429` answers a bare 429).
 */
export function jsmResponder(runtime: SandboxRuntime): VendorResponder {
  return {
    vendor: 'jsm',
    error: jsmError,
    rateLimited(res, status) {
      const retryAfter = Math.max(1, Math.ceil(status?.retryAfterSeconds ?? 1));
      res.set({
        'Retry-After': String(retryAfter),
        'RateLimit-Reason': `${status?.domain ?? 'jsm-ops'}-burst-based`,
      });
      setLimitHeaders(
        res,
        runtime.now(),
        status
          ? { ...status, remaining: 0 }
          : {
              domain: 'jsm-ops',
              limit: 600,
              periodSeconds: 60,
              remaining: 0,
              resetSeconds: retryAfter,
              retryAfterSeconds: retryAfter,
            },
      );
      jsmError(res, 429, 'You have exceeded the rate limit');
    },
    withinLimit(res, status) {
      setLimitHeaders(res, runtime.now(), status);
    },
  };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Enforces HTTP Basic `email:api_token`; 401 `{code, message}` otherwise, as Atlassian answers. */
export function jsmAuth(runtime: SandboxRuntime) {
  const { email, apiToken } = runtime.keys.jsm;
  return (req: Request, res: Response, next: NextFunction) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(
      (req.get('authorization') ?? '').trim(),
    );
    const decoded = match
      ? Buffer.from(match[1], 'base64').toString('utf8')
      : '';
    if (!sameSecret(decoded, `${email}:${apiToken}`)) {
      res.set('WWW-Authenticate', 'Basic realm="api.atlassian.com"');
      res.status(401).json({ code: 401, message: 'Unauthorized' });
      return;
    }
    next();
  };
}
