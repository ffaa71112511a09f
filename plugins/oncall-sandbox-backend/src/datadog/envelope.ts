import { NextFunction, Request, Response } from 'express';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder } from '../shared/vendorRoute';
import type { RateLimitStatus } from '../quota/QuotaRegistry';
import { VENDOR_QUOTAS, datadogBucketOf } from '../quota/vendorQuotas';

/** Sends DataDog's error shape `{errors: [message]}`. */
export function ddError(res: Response, status: number, message: string): void {
  res.status(status).json({ errors: [message] });
}

/** DataDog's `X-RateLimit-*` headers for one bucket. */
function setRateLimitHeaders(res: Response, status: RateLimitStatus): void {
  res.set({
    'X-RateLimit-Limit': String(status.limit),
    'X-RateLimit-Period': String(status.periodSeconds),
    'X-RateLimit-Remaining': String(status.remaining),
    'X-RateLimit-Reset': String(Math.max(1, status.resetSeconds)),
    'X-RateLimit-Name': status.domain,
  });
}

/**
 * DataDog's 429: `{errors}` with its rate-limit headers (no Retry-After); `X-RateLimit-Reset`
 * is the seconds until the bucket is full again, which the official client sleeps for.
 */
export const datadogResponder: VendorResponder = {
  vendor: 'datadog',
  error: ddError,
  rateLimited(res, status) {
    if (status) {
      setRateLimitHeaders(res, { ...status, remaining: 0 });
    } else {
      res.set('X-RateLimit-Remaining', '0');
    }
    ddError(res, 429, 'Too many requests');
  },
  withinLimit: setRateLimitHeaders,
};

/** The body DataDog's edge answers invalid keys with (recorded). */
const FORBIDDEN = {
  status: 'error',
  code: 403,
  errors: ['Forbidden'],
  statuspage: 'http://status.datadoghq.com',
  twitter: 'http://twitter.com/datadogops',
  email: 'support@datadoghq.com',
};

/** Requires `DD-API-KEY` and `DD-APPLICATION-KEY` (only the API key for `/api/v1/validate`). */
export function datadogAuth(runtime: SandboxRuntime, apiKeyOnly = false) {
  return (req: Request, res: Response, next: NextFunction) => {
    const apiKey = req.get('dd-api-key');
    if (apiKeyOnly && !apiKey) {
      ddError(res, 403, 'API key required');
      return;
    }
    const appOk =
      apiKeyOnly || req.get('dd-application-key') === runtime.keys.datadogApp;
    if (apiKey !== runtime.keys.datadogApi || !appOk) {
      res.status(403).json(FORBIDDEN);
      return;
    }
    next();
  };
}

const PERIOD_SECONDS = 10;

/**
 * Sets `X-RateLimit-*` on every response, counting requests per bucket in 10 s windows with the
 * recorded limits (no request is refused). Quota mode replaces these with its own buckets.
 */
export function rateLimitHeaders() {
  const windows = new Map<string, { start: number; used: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const name = datadogBucketOf(req.path) ?? 'validate';
    const bucket = {
      name,
      limit: VENDOR_QUOTAS.datadog.domains[name].windows[0].limit,
    };
    const now = Date.now();
    const windowStart =
      Math.floor(now / (PERIOD_SECONDS * 1000)) * PERIOD_SECONDS * 1000;
    let window = windows.get(bucket.name);
    if (!window || window.start !== windowStart) {
      window = { start: windowStart, used: 0 };
      windows.set(bucket.name, window);
    }
    window.used += 1;
    res.set({
      'X-RateLimit-Limit': String(bucket.limit),
      'X-RateLimit-Period': String(PERIOD_SECONDS),
      'X-RateLimit-Remaining': String(Math.max(0, bucket.limit - window.used)),
      'X-RateLimit-Reset': String(
        Math.max(
          1,
          Math.ceil((windowStart + PERIOD_SECONDS * 1000 - now) / 1000),
        ),
      ),
      'X-RateLimit-Name': bucket.name,
    });
    next();
  };
}
