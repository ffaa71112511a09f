import express, { NextFunction, Request, Response, Router } from 'express';
import { NotAllowedError, NotFoundError, isError } from '@backstage/errors';
import { decideControlAccess } from './access';
import { SANDBOX_VENDORS, SandboxVendor, faultSchema } from './faults';
import { addIncidentControlRoutes, parseControlBody } from './incidentRoutes';
import { SandboxState } from '../shared/runtime';

function isVendor(value: string): value is SandboxVendor {
  return SANDBOX_VENDORS.some(v => v === value);
}

/**
 * `/__sandbox` control routes: faults, request and quota stats, live incidents. Open to loopback callers, or with
 * `controlKey` to callers that send it ({@link decideControlAccess}); 403 for anyone else.
 */
export function createControlRouter(
  state: SandboxState,
  options: { controlKey?: string } = {},
): Router {
  const router = Router();
  router.use((req, _res, next) => {
    const access = decideControlAccess(
      { remoteAddress: req.socket.remoteAddress, headers: req.headers },
      options,
    );
    if (!access.allowed) {
      throw new NotAllowedError(access.reason);
    }
    next();
  });
  router.use(express.json({ limit: '16kb' }));

  router.put('/faults/:vendor', (req, res) => {
    const vendor = req.params.vendor;
    if (!isVendor(vendor)) {
      throw new NotFoundError(
        `Unknown vendor '${vendor}'; use one of ${SANDBOX_VENDORS.join(', ')}`,
      );
    }
    const fault = parseControlBody('fault', faultSchema, req.body);
    state.faults.set(vendor, fault);
    res.json({ vendor, fault });
  });

  router.get('/faults', (_req, res) => {
    res.json({ faults: state.faults.snapshot() });
  });

  router.delete('/faults', (_req, res) => {
    state.faults.clear();
    res.status(204).end();
  });

  router.get('/stats', (_req, res) => {
    res.json({
      ...state.stats.snapshot(),
      quota: state.quota?.snapshot() ?? { enabled: false },
    });
  });

  router.delete('/stats', (_req, res) => {
    state.stats.reset();
    state.quota?.resetCounts();
    res.status(204).end();
  });

  addIncidentControlRoutes(router, state.incidents);

  router.use(
    (err: unknown, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) {
        next(err);
        return;
      }
      const name = isError(err) ? err.name : 'Error';
      let status = 500;
      let message = isError(err) ? err.message : 'Unknown error';
      if (err instanceof SyntaxError) {
        // the parser's message quotes the body
        status = 400;
        message = 'body: not valid JSON';
      } else if (name === 'InputError') {
        status = 400;
      } else if (name === 'NotAllowedError') {
        status = 403;
      } else if (name === 'NotFoundError') {
        status = 404;
      } else if (name === 'ConflictError') {
        status = 409;
      }
      res.status(status).json({
        error: { name: status === 400 ? 'InputError' : name, message },
      });
    },
  );
  return router;
}
