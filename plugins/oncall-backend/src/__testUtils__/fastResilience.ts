import { LoggerService } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import {
  ResilienceOptions,
  VendorPolicy,
  createVendorPolicy,
} from '../lib/resilience';
import { Vendor } from '../lib/Vendor';

/**
 * Resilience for tests: retries without waiting, a breaker that does not open on the
 * failures a test provokes, a timeout short enough to see a hang.
 */
export const FAST_RESILIENCE: Partial<ResilienceOptions> = {
  timeoutMs: 2000,
  baseDelayMs: 1,
  maxAttempts: 2,
  breakerThreshold: 1000,
};

/** The vendor's production policy with {@link FAST_RESILIENCE} and the test's overrides. */
export function fastResiliencePolicy(
  vendor: Vendor,
  overrides: Partial<ResilienceOptions> = {},
  logger: LoggerService = mockServices.logger.mock(),
): VendorPolicy {
  return createVendorPolicy(vendor, logger, {
    ...FAST_RESILIENCE,
    ...overrides,
  });
}
