import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { QuotaLimits, defaultQuotaLimits, setQuotaLimit } from './limits';

const PREFIX = 'oncall-sandbox.quota';

/**
 * Reads `oncall-sandbox.quota`: absent or `enabled: false` is no quota mode; otherwise the
 * default limits with `limits.<vendor>.<domain>` (rate lists such as `10/s,600/min`, or `off`)
 * applied. Every error names the full key.
 */
export function readQuotaConfig(
  config: Config | undefined,
): QuotaLimits | undefined {
  if (!config || !(config.getOptionalBoolean('enabled') ?? true)) {
    return undefined;
  }
  const limits = defaultQuotaLimits();
  const overrides = config.getOptionalConfig('limits');
  for (const vendor of overrides?.keys() ?? []) {
    const domains = overrides?.getConfig(vendor);
    for (const domain of domains?.keys() ?? []) {
      const where = `${PREFIX}.limits.${vendor}.${domain}`;
      let rates: string;
      try {
        rates = domains?.getString(domain) ?? '';
      } catch {
        throw new InputError(
          `${where} must be a list of rates such as '10/s,600/min', or 'off'`,
        );
      }
      setQuotaLimit(limits, vendor, domain, rates, where);
    }
  }
  return limits;
}
