import { NextFunction, Request, Response } from 'express';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder } from '../shared/vendorRoute';

/** Sends DataDog's error shape `{errors: [message]}`. */
export function ddError(res: Response, status: number, message: string): void {
  res.status(status).json({ errors: [message] });
}

/** DataDog's 429: `{errors}` with its rate-limit headers (no Retry-After). */
export const datadogResponder: VendorResponder = {
  vendor: 'datadog',
  error: ddError,
  rateLimited(res) {
    res.set('X-RateLimit-Remaining', '0');
    ddError(res, 429, 'Too many requests');
  },
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

interface Bucket {
  name: string;
  limit: number;
}

const PERIOD_SECONDS = 10;

/** Rate-limit bucket per route, as recorded (`slo_search` and `validate` named by the sandbox). */
function bucketOf(path: string): Bucket {
  if (/^\/api\/v1\/slo\/search/.test(path))
    return { name: 'slo_search', limit: 1000 };
  if (/^\/api\/v1\/slo\/[^/]+\/history/.test(path))
    return { name: 'slo_history', limit: 150 };
  if (/^\/api\/v1\/slo\/[^/]+/.test(path))
    return { name: 'slo_get', limit: 3000 };
  if (/^\/api\/v1\/slo/.test(path)) return { name: 'slo_get_all', limit: 1000 };
  if (/^\/api\/v1\/monitor\/[^/]+/.test(path))
    return { name: 'get_monitors', limit: 3000 };
  if (/^\/api\/v1\/monitor/.test(path))
    return { name: 'get_all_monitors', limit: 1000 };
  return { name: 'validate', limit: 1000 };
}

/** Sets `X-RateLimit-*` on every response, counting requests per bucket in 10 s windows. */
export function rateLimitHeaders() {
  const windows = new Map<string, { start: number; used: number }>();
  return (req: Request, res: Response, next: NextFunction) => {
    const bucket = bucketOf(req.path);
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
