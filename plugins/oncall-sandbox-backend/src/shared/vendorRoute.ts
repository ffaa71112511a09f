import {
  NextFunction,
  Request,
  RequestHandler,
  Response,
  Router,
} from 'express';
import { SandboxVendor } from '../control/faults';
import type { RateLimitStatus } from '../quota/QuotaRegistry';
import { quotaMiddleware } from '../quota/quotaMiddleware';
import { SandboxRuntime } from './runtime';
import { faultMiddleware } from './faultMiddleware';

/** How a vendor writes its error responses and rate-limit headers. */
export interface VendorResponder {
  vendor: SandboxVendor;
  error(res: Response, status: number, message: string): void;
  /**
   * Answers 429 in the vendor's format: for the domain and window of `status` in quota mode,
   * with fixed values for the `rate-limit` fault.
   */
  rateLimited(res: Response, status?: RateLimitStatus): void;
  /** Sets the vendor's rate-limit headers on a request within quota, where the vendor sends any. */
  withinLimit?(res: Response, status: RateLimitStatus): void;
}

/** Adds one group of a vendor's routes, answering from the sandbox's `runtime`. */
export type AddVendorRoutes = (
  routes: VendorRoutes,
  runtime: SandboxRuntime,
) => void;

/** A route handler; it writes the response itself. */
export type VendorHandler = (req: Request, res: Response) => unknown;

/**
 * Registers routes that count requests, spend the vendor's quota (in quota mode), inject faults
 * and check the vendor's auth, in that order.
 */
export class VendorRoutes {
  constructor(
    readonly router: Router,
    private readonly runtime: SandboxRuntime,
    private readonly responder: VendorResponder,
    private readonly auth: RequestHandler,
  ) {}

  get(pattern: string, handler: VendorHandler): void {
    this.add('get', pattern, handler, this.auth);
  }

  post(
    pattern: string,
    handler: VendorHandler,
    auth: RequestHandler = this.auth,
  ): void {
    this.add('post', pattern, handler, auth);
  }

  delete(pattern: string, handler: VendorHandler): void {
    this.add('delete', pattern, handler, this.auth);
  }

  /** Answers every other path of the vendor with its 404 shape, and request errors with its 400. */
  notFound(): void {
    const { runtime, responder } = this;
    this.router.use(
      (err: unknown, _req: Request, res: Response, next: NextFunction) => {
        if (res.headersSent) {
          next(err);
          return;
        }
        responder.error(res, 400, 'Bad request');
      },
    );
    this.router.use(
      (req: Request, _res: Response, next: NextFunction) => {
        runtime.stats.record(responder.vendor, `${req.method} *`);
        next();
      },
      faultMiddleware(runtime, responder),
      (_req: Request, res: Response) => responder.error(res, 404, 'Not found'),
    );
  }

  private add(
    method: 'get' | 'post' | 'delete',
    pattern: string,
    handler: VendorHandler,
    auth: RequestHandler,
  ) {
    const { runtime, responder } = this;
    const key = `${method.toUpperCase()} ${pattern}`;
    this.router[method](
      pattern,
      (_req: Request, _res: Response, next: NextFunction) => {
        runtime.stats.record(responder.vendor, key);
        next();
      },
      quotaMiddleware(runtime, responder, method.toUpperCase(), pattern),
      faultMiddleware(runtime, responder),
      auth,
      (req: Request, res: Response) => {
        Promise.resolve()
          .then(() => handler(req, res))
          .catch(() => {
            if (!res.headersSent) {
              responder.error(res, 500, 'Internal server error');
            }
          });
      },
    );
  }
}
