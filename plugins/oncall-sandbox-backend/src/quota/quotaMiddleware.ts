import { NextFunction, Request, RequestHandler, Response } from 'express';
import type { SandboxRuntime } from '../shared/runtime';
import type { VendorResponder } from '../shared/vendorRoute';
import { VENDOR_QUOTAS } from './vendorQuotas';

/**
 * Spends one request of the route's rate-limit domain in quota mode: within the limit the
 * vendor's rate-limit headers are set and the route runs; over it the vendor's 429 answers.
 * Outside quota mode, and for routes outside every domain, it lets requests through.
 */
export function quotaMiddleware(
  runtime: SandboxRuntime,
  responder: VendorResponder,
  method: string,
  pattern: string,
): RequestHandler {
  const domain = VENDOR_QUOTAS[responder.vendor].domainOf(method, pattern);
  return (_req: Request, res: Response, next: NextFunction) => {
    const quota = runtime.quota;
    if (!quota || domain === undefined) {
      next();
      return;
    }
    const decision = quota.take(responder.vendor, domain);
    if (!decision.allowed) {
      responder.rateLimited(res, decision.status);
      return;
    }
    if (decision.status) {
      responder.withinLimit?.(res, decision.status);
    }
    next();
  };
}
