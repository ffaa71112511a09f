import { NextFunction, Request, Response } from 'express';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder } from '../shared/vendorRoute';
import { verifyToken } from './token';

const ERROR_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  429: 'rate_limited',
};

/** Blameless error shape `{ok: false, error, message}` (shape from its client code; inferred). */
export function blSendError(
  res: Response,
  status: number,
  message: string,
): void {
  res.status(status).json({
    ok: false,
    error: ERROR_CODES[status] ?? 'internal_error',
    message,
  });
}

/**
 * Blameless never documented rate limiting. The sandbox's 429 with `Retry-After` (seconds until
 * a request is let through again in quota mode, 30 for the fault) is invented, so adapters can
 * exercise their backoff.
 */
export const blamelessResponder: VendorResponder = {
  vendor: 'blameless',
  error: blSendError,
  rateLimited(res, status) {
    res.set(
      'Retry-After',
      String(status ? Math.max(1, status.retryAfterSeconds) : 30),
    );
    blSendError(res, 429, 'Too many requests');
  },
};

/** Requires `Authorization: Bearer <token>` (or the bare token) from the token exchange. */
export function blamelessAuth(runtime: SandboxRuntime) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = (req.get('authorization') ?? '').trim();
    const token = header.replace(/^Bearer\s+/i, '');
    if (!token || !verifyToken(runtime.keys.blameless, token, runtime.now())) {
      blSendError(res, 401, 'Missing or invalid access token');
      return;
    }
    next();
  };
}

/** Mongo extended JSON date, as Blameless prints timestamps. */
export function $date(ms: number): { $date: number } {
  return { $date: ms };
}
