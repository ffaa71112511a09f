import { NextFunction, Request, RequestHandler, Response } from 'express';
import { SandboxFault } from '../control/faults';
import { SandboxRuntime } from './runtime';
import type { VendorResponder } from './vendorRoute';

/** A truncated JSON document, as a proxy cutting a response short would deliver it. */
export const MALFORMED_BODY =
  '{"data":[{"id":"7f3a2c1e-5b4d-4e8f-9a6b-1c2d3e4f5a6b","name":"trunc';

/** Resolves after `ms`, or early (with false) when the client goes away; never leaks the timer. */
function delay(ms: number, res: Response): Promise<boolean> {
  return new Promise(resolve => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    function onClose() {
      clearTimeout(timer);
      resolve(false);
    }
    timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
}

/** Resolves once the vendor's fault is no longer `hang` (true) or the client went away (false). */
function hang(
  runtime: SandboxRuntime,
  vendor: VendorResponder['vendor'],
  res: Response,
): Promise<boolean> {
  return new Promise(resolve => {
    let unsubscribe = () => {};
    function finish(value: boolean) {
      unsubscribe();
      res.off('close', onClose);
      resolve(value);
    }
    function onClose() {
      finish(false);
    }
    unsubscribe = runtime.faults.onChange(() => {
      if (runtime.faults.get(vendor)?.mode !== 'hang') {
        finish(true);
      }
    });
    res.once('close', onClose);
  });
}

function shouldFault(fault: SandboxFault): boolean {
  const mode = fault.mode ?? 'ok';
  const rate = fault.errorRate ?? (mode === 'ok' ? 0 : 1);
  return rate > 0 && Math.random() < rate;
}

async function applyFault(
  runtime: SandboxRuntime,
  responder: VendorResponder,
  res: Response,
): Promise<boolean> {
  const fault = runtime.faults.get(responder.vendor);
  if (!fault) {
    return true;
  }
  if (fault.latencyMs && !(await delay(fault.latencyMs, res))) {
    return false;
  }
  if (!shouldFault(fault)) {
    return true;
  }
  switch (fault.mode ?? 'ok') {
    case 'rate-limit':
      responder.rateLimited(res);
      return false;
    case 'malformed':
      res.status(200).type('application/json').send(MALFORMED_BODY);
      return false;
    case 'hang':
      return hang(runtime, responder.vendor, res);
    default:
      responder.error(res, fault.status ?? 500, 'Internal server error');
      return false;
  }
}

/** Applies the vendor's current fault (latency, error, 429, hang, malformed body) before the route runs. */
export function faultMiddleware(
  runtime: SandboxRuntime,
  responder: VendorResponder,
): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    applyFault(runtime, responder, res).then(
      proceed => {
        if (proceed && !res.writableEnded && !res.destroyed) {
          next();
        }
      },
      () => {
        if (!res.headersSent) {
          responder.error(res, 500, 'Internal server error');
        }
      },
    );
  };
}
