import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { createVendorPolicy } from '../lib/resilience';
import { OpsgenieOnCallProvider } from '../oncall/opsgenie/OpsgenieOnCallProvider';

/** Where the provider under test sends its requests; msw answers them. */
export const base = 'http://opsgenie.test';
export const apiKey = '0b6d2a4e-5f1c-4d3b-9a7e-2c8f1e6d4b3a';

/** An msw server for `base`, started and stopped around the tests of the calling file. */
export function opsgenieMswServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
}

/** A recorded Opsgenie response body from the sandbox's wire samples. */
export function sample(name: string): Record<string, unknown> {
  return loadWireSample('opsgenie', name) as Record<string, unknown>;
}

/** An Opsgenie provider for `base` with short delays. */
export function provider(
  options: { timeoutMs?: number; maxAttempts?: number } = {},
) {
  const logger = mockServices.logger.mock();
  return OpsgenieOnCallProvider.create({
    config: { baseUrl: base, apiKey },
    policy: createVendorPolicy('opsgenie', logger, {
      timeoutMs: options.timeoutMs ?? 1000,
      maxAttempts: options.maxAttempts ?? 3,
      baseDelayMs: 10,
      breakerThreshold: 100,
    }),
    pollDelayMs: 10,
  });
}

/**
 * An Opsgenie provider whose pages run under a policy of their own (4 at a time, 10 queued),
 * apart from the reads (8 at a time).
 */
export function pagingProvider() {
  const logger = mockServices.logger.mock();
  const options = { timeoutMs: 10_000, baseDelayMs: 10 };
  return OpsgenieOnCallProvider.create({
    config: { baseUrl: base, apiKey },
    policy: createVendorPolicy('opsgenie', logger, {
      ...options,
      concurrency: 8,
      queue: 1000,
    }),
    pagingPolicy: createVendorPolicy('opsgenie', logger, {
      ...options,
      concurrency: 4,
      queue: 10,
    }),
    pollDelayMs: 10,
  });
}
