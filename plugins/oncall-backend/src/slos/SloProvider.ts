import { Vendor } from '../lib/VendorError';

/** An SLO definition as a provider delivers it. */
export interface ProviderSlo {
  id: string;
  name: string;
  description?: string;
  type?: 'metric' | 'monitor';
  /** Tags, lower-case, e.g. `service:checkout-api`. */
  tags: string[];
  /** Target in percent over `timeframe`. */
  target: number;
  warning?: number;
  timeframe: string;
  url: string;
}

/** Normalised monitor states. */
export type MonitorState = 'alert' | 'warn' | 'ok' | 'no_data' | 'other';

/** A monitor as a provider delivers it. */
export interface ProviderMonitor {
  id: string;
  name: string;
  state: MonitorState;
  tags: string[];
  url: string;
}

/** A record the provider could not read. */
export interface RejectedRecord {
  id?: string;
  reason: string;
}

/** SLOs, their SLIs over any window, and monitors. Only implementations know the wire format. */
export interface SloProvider {
  readonly source: Vendor;
  /** Web UI base for links, e.g. https://app.datadoghq.com. */
  readonly webUrl: string;
  /** SLOs carrying every one of `tags` (all SLOs without tags). */
  listSlos(options?: {
    tags?: string[];
  }): Promise<{ items: ProviderSlo[]; rejected: RejectedRecord[] }>;
  /**
   * The SLI in percent over [from, to), undefined without data. Throws a 404 VendorError for
   * an SLO that no longer exists.
   */
  sliBetween(sloId: string, from: Date, to: Date): Promise<number | undefined>;
  /**
   * The SLI of each UTC day in [from, to) from one history read, or undefined when the vendor's
   * answer cannot be split by day (the caller then asks {@link SloProvider.sliBetween} per day).
   */
  sliByDay(
    sloId: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ day: string; sli?: number }> | undefined>;
  /** Monitors carrying every one of `tags` (all monitors without tags). */
  listMonitors(options?: {
    tags?: string[];
  }): Promise<{ items: ProviderMonitor[]; rejected: RejectedRecord[] }>;
}
