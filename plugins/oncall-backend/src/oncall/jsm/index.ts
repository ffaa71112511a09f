import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { VendorPolicy, createVendorPolicy } from '../../lib/resilience';
import { OnCallProvider } from '../OnCallProvider';
import { JsmProviderConfig, readJsmProviderConfig } from './config';
import { JsmOnCallProvider } from './JsmOnCallProvider';

export { readJsmProviderConfig, JSM_DEFAULT_BASE_URL } from './config';
export type { JsmProviderConfig } from './config';
export { JsmOnCallProvider } from './JsmOnCallProvider';
export { jsmRetryAfterMs } from './rateLimit';

/**
 * Builds the JSM Operations provider from its config section (`oncall.jsm`, or one
 * `oncall.providers[]` entry with `type: jsm`): reads and validates it, and guards every call
 * with the one resilience policy shape every vendor uses (`createVendorPolicy('jsm', …)`),
 * paging under a policy of its own.
 */
export function createJsmOnCallProvider(options: {
  config: Config;
  logger: LoggerService;
  /** Where the section sits, for error messages; default `oncall.jsm`. */
  configKey?: string;
  /** Timeout of one vendor call (`oncall.vendorTimeoutMs`). */
  timeoutMs?: number;
  policy?: VendorPolicy;
  pagingPolicy?: VendorPolicy;
}): OnCallProvider {
  const config: JsmProviderConfig = readJsmProviderConfig(
    options.config,
    options.configKey,
  );
  const logger = options.logger.child({ upstream: 'jsm' });
  const overrides =
    options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  return JsmOnCallProvider.create({
    config,
    policy: options.policy ?? createVendorPolicy('jsm', logger, overrides),
    pagingPolicy:
      options.pagingPolicy ??
      createVendorPolicy('jsm', logger.child({ use: 'paging' }), overrides),
  });
}
