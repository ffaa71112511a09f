import { SandboxVendor } from '../control/faults';
import { QuotaLimits } from './limits';
import { formatRates } from './rates';
import { TokenBucket, WindowStatus } from './TokenBucket';
import { VENDOR_QUOTAS, perVendor } from './vendorQuotas';

/** Where a request stands against its domain, for the vendor's rate-limit headers. @public */
export interface RateLimitStatus extends WindowStatus {
  /** The vendor's name of the domain (Opsgenie's `X-RateLimit-Reason`, DataDog's `X-RateLimit-Name`). */
  domain: string;
}

/** The outcome of one request in quota mode. */
export type QuotaDecision =
  | { allowed: true; status?: RateLimitStatus }
  | { allowed: false; status: RateLimitStatus };

/** Requests let through and refused in one domain since start or the last stats reset. @public */
export interface QuotaDomainStats {
  /** The vendor's name of the domain. */
  name: string;
  /** Its windows, e.g. `10/s,600/min`, or `off`. */
  limits: string;
  allowed: number;
  throttled: number;
}

/** `quota` in `GET /__sandbox/stats`. @public */
export type QuotaStatsSnapshot =
  | { enabled: false }
  | {
      enabled: true;
      vendors: Record<
        SandboxVendor,
        { throttled: number; domains: Record<string, QuotaDomainStats> }
      >;
    };

/** The token buckets of quota mode, one per vendor and domain, with their counters. @public */
export class QuotaRegistry {
  readonly #limits: QuotaLimits;
  readonly #now: () => number;
  readonly #buckets = new Map<string, TokenBucket>();
  #counts = new Map<string, { allowed: number; throttled: number }>();

  constructor(limits: QuotaLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Spends one request of `vendor`'s `domain`; a domain without windows is never limited. */
  take(vendor: SandboxVendor, domain: string): QuotaDecision {
    const windows = this.#limits[vendor][domain] ?? [];
    const key = `${vendor}/${domain}`;
    const counts = this.#countsOf(key);
    if (windows.length === 0) {
      counts.allowed += 1;
      return { allowed: true };
    }
    const now = this.#now();
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(windows, now);
      this.#buckets.set(key, bucket);
    }
    const decision = bucket.take(now);
    const status: RateLimitStatus = {
      domain: VENDOR_QUOTAS[vendor].domains[domain]?.name ?? domain,
      ...decision.window,
    };
    if (decision.allowed) {
      counts.allowed += 1;
      return { allowed: true, status };
    }
    counts.throttled += 1;
    return { allowed: false, status };
  }

  snapshot(): QuotaStatsSnapshot {
    const vendors = perVendor(vendor => {
      let throttled = 0;
      const domains: Record<string, QuotaDomainStats> = {};
      for (const [id, windows] of Object.entries(this.#limits[vendor])) {
        const counts = this.#counts.get(`${vendor}/${id}`);
        throttled += counts?.throttled ?? 0;
        domains[id] = {
          name: VENDOR_QUOTAS[vendor].domains[id]?.name ?? id,
          limits: formatRates(windows),
          allowed: counts?.allowed ?? 0,
          throttled: counts?.throttled ?? 0,
        };
      }
      return { throttled, domains };
    });
    return { enabled: true, vendors };
  }

  /** Zeroes the counters; the buckets keep their tokens, as the vendor's would. */
  resetCounts(): void {
    this.#counts = new Map();
  }

  #countsOf(key: string) {
    let counts = this.#counts.get(key);
    if (!counts) {
      counts = { allowed: 0, throttled: 0 };
      this.#counts.set(key, counts);
    }
    return counts;
  }
}
