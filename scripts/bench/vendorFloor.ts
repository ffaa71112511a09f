import {
  VENDOR_QUOTAS,
  defaultQuotaLimits,
  formatRates,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { SandboxStats } from '../harness';
import { AllVendorStats } from './providers';
import { r1 } from './lib';

/** The rate-limit domain that bounds a set of requests the most. */
export interface VendorFloor {
  /** The least time the requests take inside every domain's default limits. */
  seconds: number;
  /** `vendor/domain`, its request count and its limits, e.g. `datadog/slo_history 30062 at 150/10s`. */
  bound: string;
}

/**
 * The least time the requests in `stats` need at the vendors' default rate limits (the
 * sandbox's quota defaults: documented, recorded or marked assumed in its `VENDOR_QUOTAS`):
 * per rate-limit domain, requests × window / limit of its tightest window, the largest over
 * all domains (domains of different vendors fill side by side). The first full bucket is not
 * counted, so this is a floor for a sync of that size against the real vendors, whatever the
 * plugin's own speed.
 */
export function vendorFloor(stats: SandboxStats): VendorFloor {
  const limits = defaultQuotaLimits();
  const vendors = stats.vendors as Partial<AllVendorStats>;
  let floor: VendorFloor = { seconds: 0, bound: 'none' };
  for (const vendor of Object.keys(VENDOR_QUOTAS) as Array<
    keyof typeof VENDOR_QUOTAS
  >) {
    const counts = new Map<string, number>();
    for (const [route, n] of Object.entries(vendors[vendor]?.routes ?? {})) {
      const [method, pattern] = route.split(' ');
      const domain = VENDOR_QUOTAS[vendor].domainOf(method, pattern);
      if (domain !== undefined) {
        counts.set(domain, (counts.get(domain) ?? 0) + n);
      }
    }
    for (const [domain, n] of counts) {
      const windows = limits[vendor][domain] ?? [];
      for (const w of windows) {
        const seconds = (n * w.seconds) / w.limit;
        if (seconds > floor.seconds) {
          floor = {
            seconds,
            bound: `${vendor}/${domain} ${n} at ${formatRates(windows)}`,
          };
        }
      }
    }
  }
  return floor;
}

/** `12.3 s (datadog/slo_history 30062 at 150/10s)`. */
export function formatFloor(floor: VendorFloor): string {
  return `${r1(floor.seconds)} s (${floor.bound})`;
}
