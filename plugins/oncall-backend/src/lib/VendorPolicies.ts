import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ResilienceOptions,
  VendorPolicy,
  createVendorPolicy,
} from './resilience';
import { Vendor } from './Vendor';

/**
 * The read policies of the plugin, one per vendor account, shared by every feature that reads
 * from that account. A vendor's rate limit, its breaker and its concurrency cap belong to the
 * account, not to the feature that happened to call: when Opsgenie asks the on-call sync to
 * pause for 60 s, the health sync reading the same account pauses too.
 *
 * Paging keeps its own policy (built by the on-call feature) so that a throttled sync never
 * holds back a page.
 */
export class VendorPolicies {
  readonly #logger: LoggerService;
  readonly #defaults: Partial<ResilienceOptions>;
  readonly #policies = new Map<string, VendorPolicy>();

  constructor(options: {
    logger: LoggerService;
    defaults?: Partial<ResilienceOptions>;
  }) {
    this.#logger = options.logger;
    this.#defaults = options.defaults ?? {};
  }

  /**
   * The policy for reads from `account` (the provider's config id, e.g. `opsgenie`) of
   * `vendor`; the first caller's overrides apply.
   */
  forAccount(
    vendor: Vendor,
    account: string,
    overrides: Partial<ResilienceOptions> = {},
  ): VendorPolicy {
    const key = `${vendor}\u0000${account}`;
    let policy = this.#policies.get(key);
    if (!policy) {
      policy = createVendorPolicy(
        vendor,
        this.#logger.child({ upstream: vendor, account }),
        { ...this.#defaults, ...overrides },
      );
      this.#policies.set(key, policy);
    }
    return policy;
  }
}
