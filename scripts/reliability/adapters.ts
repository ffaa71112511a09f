/*
 * What the adapter-level reliability files (jsm.test.ts, pagerduty.test.ts) share: they drive
 * one vendor adapter directly against the standalone sandbox and steer its faults.
 */
import assert from 'node:assert/strict';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { VendorError } from '../../plugins/oncall-backend/src/lib/VendorError';

/** The adapter's log lines are not asserted here. */
export const quietLogger: LoggerService = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => quietLogger,
};

/** Calls the sandbox's control API (`/__sandbox<path>`), asserting it answered 2xx. */
export async function sandboxControl(
  sandboxUrl: string,
  method: string,
  path: string,
  body?: object,
): Promise<void> {
  const response = await fetch(`${sandboxUrl}/__sandbox${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status}`);
}

/** How many requests one vendor fake of the sandbox has received. */
export async function vendorRequestTotal(
  sandboxUrl: string,
  vendor: 'jsm' | 'pagerduty',
): Promise<number> {
  const response = await fetch(`${sandboxUrl}/__sandbox/stats`);
  const stats = (await response.json()) as {
    vendors: Record<string, { total: number }>;
  };
  return stats.vendors[vendor].total;
}

/** The VendorError a call ends with (asserting it ends with one, never with data). */
export async function vendorFailure(
  call: Promise<unknown>,
): Promise<VendorError> {
  const error = await call.then(
    () => undefined,
    e => e,
  );
  assert.ok(error instanceof VendorError, `a VendorError, got ${error}`);
  return error;
}
