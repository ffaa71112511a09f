import { randomUUID } from 'node:crypto';
import { NextFunction, Request, Response } from 'express';
import { VendorResponder } from '../shared/vendorRoute';
import { SandboxRuntime } from '../shared/runtime';

/** Sends an Opsgenie envelope (`took`, `requestId`) with Opsgenie's standard headers. */
export function ogSend(
  res: Response,
  status: number,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): void {
  const requestId = randomUUID();
  const took = Number((0.005 + Math.random() * 0.05).toFixed(3));
  res.set({
    'X-Request-ID': requestId,
    'X-Response-Time': String(took),
    'X-RateLimit-State': 'OK',
    ...headers,
  });
  res.status(status).json({ ...body, took, requestId });
}

/** Opsgenie's `X-Paging-*` headers for the `paging` links of a list answer. */
export function pagingHeaders(
  paging: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {
    'X-Paging-First': paging.first,
    'X-Paging-Last': paging.last,
  };
  if (paging.next) headers['X-Paging-Next'] = paging.next;
  if (paging.prev) headers['X-Paging-Prev'] = paging.prev;
  return headers;
}

/**
 * Opsgenie's error shapes: `{message, took, requestId[, errors]}`; 429 with its throttling
 * headers: `X-RateLimit-State: THROTTLED`, the domain in `X-RateLimit-Reason` and the window
 * that was exceeded in `X-RateLimit-Period-In-Sec` (Configuration and 60 s for the fault).
 */
export const opsgenieResponder: VendorResponder = {
  vendor: 'opsgenie',
  error(res, status, message) {
    ogSend(res, status, { message });
  },
  rateLimited(res, status) {
    ogSend(
      res,
      429,
      { message: 'Request is throttled. Please retry later.' },
      {
        'X-RateLimit-State': 'THROTTLED',
        'X-RateLimit-Reason': status?.domain ?? 'Configuration',
        'X-RateLimit-Period-In-Sec': String(status?.periodSeconds ?? 60),
      },
    );
  },
};

/** 422 with per-field reasons, as Opsgenie answers invalid input. */
export function ogUnprocessable(
  res: Response,
  errors: Record<string, string>,
): void {
  ogSend(res, 422, {
    message: 'Request body is not processable. Please check the errors.',
    errors,
  });
}

/** Enforces `Authorization: GenieKey <key>`. */
export function opsgenieAuth(runtime: SandboxRuntime) {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.get('authorization') ?? '';
    const match = /^GenieKey\s+(.+)$/i.exec(header.trim());
    if (!match || match[1] !== runtime.keys.opsgenie) {
      ogSend(res, 401, { message: 'Could not authenticate' });
      return;
    }
    next();
  };
}
