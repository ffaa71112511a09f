import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { VendorPolicy, createVendorPolicy } from '../../lib/resilience';
import { OnCallProvider } from '../OnCallProvider';
import { readPagerDutyProviderConfig } from './config';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';

export { readPagerDutyProviderConfig } from './config';
export type { PagerDutyProviderConfig } from './config';
export { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';

/**
 * Builds the PagerDuty on-call provider from its config section (`oncall.pagerduty`, or one
 * `oncall.providers[]` entry), with the shared vendor resilience policy unless one is given.
 */
export function createPagerDutyOnCallProvider(options: {
  config: Config;
  logger: LoggerService;
  cache?: CacheService;
  policy?: VendorPolicy;
  /** The key prefix errors name; default `oncall.pagerduty`. */
  configPrefix?: string;
}): OnCallProvider {
  const config = readPagerDutyProviderConfig(
    options.config,
    options.configPrefix,
  );
  const logger = options.logger.child({ upstream: 'pagerduty' });
  return new PagerDutyOnCallProvider({
    config,
    policy: options.policy ?? createVendorPolicy('pagerduty', logger),
    pagingPolicy:
      options.policy ??
      createVendorPolicy('pagerduty', logger.child({ use: 'paging' })),
  });
}
