import { NextFunction, Request, Response } from 'express';
import type { RateLimitStatus } from '../quota/QuotaRegistry';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder } from '../shared/vendorRoute';

/** PagerDuty's REST limit: 960 requests a minute per API key. */
export const PD_REQUESTS_PER_MINUTE = 960;

/** PagerDuty's error codes for the errors the fake answers. */
const CODES: Record<number, number> = {
  400: 2001,
  404: 2100,
  429: 2020,
};

/** Sends PagerDuty's REST error envelope `{error: {message, code[, errors]}}`. */
export function pdError(
  res: Response,
  status: number,
  message: string,
  errors?: string[],
): void {
  const code = CODES[status];
  res.status(status).json({
    error: {
      message,
      ...(code === undefined ? {} : { code }),
      ...(errors ? { errors } : {}),
    },
  });
}

/** 400 "Invalid Input Provided" naming the offending parameter. */
export function pdInvalid(res: Response, problem: string): void {
  pdError(res, 400, 'Invalid Input Provided', [problem]);
}

function setRateLimit(res: Response, status: RateLimitStatus): void {
  res.set({
    'ratelimit-limit': String(status.limit),
    'ratelimit-remaining': String(Math.max(0, status.remaining)),
    'ratelimit-reset': String(Math.max(1, status.resetSeconds)),
  });
}

/** The HTML page an nginx edge answers a burst with: 429 without any rate-limit header. */
const NGINX_429 =
  '<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/**
 * PagerDuty's REST errors and 429: `{"error":{"message":"Rate Limit Exceeded","code":2020}}`
 * with `ratelimit-limit`, `ratelimit-remaining: 0` and `ratelimit-reset` (seconds to wait).
 * The `error` fault with status 429 answers as PagerDuty's nginx edge does: an HTML page and
 * no rate-limit headers.
 */
export const pagerdutyResponder: VendorResponder = {
  vendor: 'pagerduty',
  error(res, status, message) {
    if (status === 429) {
      res.status(429).type('text/html').send(NGINX_429);
      return;
    }
    pdError(res, status, message);
  },
  rateLimited(res, status) {
    setRateLimit(
      res,
      status
        ? {
            ...status,
            remaining: 0,
            resetSeconds: Math.max(1, status.retryAfterSeconds),
          }
        : {
            domain: 'rest',
            limit: PD_REQUESTS_PER_MINUTE,
            remaining: 0,
            resetSeconds: 1,
            retryAfterSeconds: 1,
            periodSeconds: 60,
          },
    );
    pdError(res, 429, 'Rate Limit Exceeded');
  },
  withinLimit: setRateLimit,
};

/**
 * Sets `ratelimit-*` on every REST response outside quota mode, counting requests in one-minute
 * windows against PagerDuty's 960 (nothing is refused; quota mode enforces the limit).
 */
export function pdRateLimitHeaders(runtime: SandboxRuntime) {
  let window = { start: 0, used: 0 };
  return (_req: Request, res: Response, next: NextFunction) => {
    if (!runtime.quota) {
      const now = runtime.now();
      const start = Math.floor(now / 60_000) * 60_000;
      if (window.start !== start) {
        window = { start, used: 0 };
      }
      window.used += 1;
      setRateLimit(res, {
        domain: 'rest',
        limit: PD_REQUESTS_PER_MINUTE,
        remaining: PD_REQUESTS_PER_MINUTE - window.used,
        resetSeconds: Math.ceil((start + 60_000 - now) / 1000),
        retryAfterSeconds: 0,
        periodSeconds: 60,
      });
    }
    next();
  };
}

/**
 * PagerDuty's REST auth: `Authorization: Token token=<key>`; a versioned `Accept` asking for
 * another version than 2 is refused with 406.
 */
export function pagerdutyAuth(runtime: SandboxRuntime) {
  return (req: Request, res: Response, next: NextFunction) => {
    const accept = req.get('accept') ?? '';
    const version = /application\/vnd\.pagerduty\+json;\s*version=(\w+)/i.exec(
      accept,
    );
    if (version && version[1] !== '2') {
      pdError(res, 406, 'Not Acceptable');
      return;
    }
    const match = /^Token\s+token=(.+)$/i.exec(
      (req.get('authorization') ?? '').trim(),
    );
    if (!match || match[1] !== runtime.keys.pagerduty) {
      pdError(res, 401, 'Unauthorized');
      return;
    }
    next();
  };
}
