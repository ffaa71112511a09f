import { SandboxVendor } from './faults';

/** Requests received by one vendor fake. @public */
export interface VendorStats {
  total: number;
  routes: Record<string, number>;
}

/** Body of `GET /__sandbox/stats`. @public */
export interface SandboxStatsSnapshot {
  vendors: Record<SandboxVendor, VendorStats>;
}

/** Counts requests per vendor and route pattern. @public */
export class StatsRegistry {
  private counts = StatsRegistry.empty();

  private static empty(): SandboxStatsSnapshot['vendors'] {
    return {
      opsgenie: { total: 0, routes: {} },
      blameless: { total: 0, routes: {} },
      datadog: { total: 0, routes: {} },
      jsm: { total: 0, routes: {} },
      pagerduty: { total: 0, routes: {} },
    };
  }

  record(vendor: SandboxVendor, route: string): void {
    const stats = this.counts[vendor];
    stats.total += 1;
    stats.routes[route] = (stats.routes[route] ?? 0) + 1;
  }

  snapshot(): SandboxStatsSnapshot {
    return { vendors: structuredClone(this.counts) };
  }

  reset(): void {
    this.counts = StatsRegistry.empty();
  }
}
