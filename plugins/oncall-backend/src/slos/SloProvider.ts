import { Vendor } from '../lib/Vendor';

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

/** An SLO's current status over one timeframe, as the vendor last computed it. */
export interface ProviderSloStatus {
  timeframe: string;
  /** SLI in percent; undefined without data. */
  sli?: number;
  /** Percent of the budget left; undefined without data. */
  errorBudgetRemaining?: number;
  /** The vendor's own state, e.g. `ok`, `warning`, `breached`, `no_data`. */
  state?: string;
  /** When the vendor computed it. */
  asOf?: Date;
}

/** The current statuses of one SLO (one per timeframe the vendor reports). */
export interface ProviderSloStatuses {
  id: string;
  statuses: ProviderSloStatus[];
}

/** What one history read over [from, to) tells. */
export interface SliBreakdown {
  /** SLI over the whole read; undefined without data. */
  sli?: number;
  /**
   * The SLI of each UTC day from `from`'s day up to `to` (a running day up to `to`), or
   * undefined when the answer cannot be split by day.
   */
  days?: Array<{ day: string; sli?: number }>;
  /**
   * The SLI over [to − window, to) of each asked window (ms) the answer resolves finely enough;
   * undefined as a value means no data. A window missing here needs a read of its own.
   */
  windows: ReadonlyMap<number, number | undefined>;
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
   * The current status of every SLO carrying all of `tags` (all SLOs without tags), in bulk.
   * An SLO the vendor has not indexed yet is missing.
   */
  listSloStatuses(options?: {
    tags?: string[];
  }): Promise<{ items: ProviderSloStatuses[]; rejected: RejectedRecord[] }>;
  /**
   * One history read over [from, to) split into UTC days and into the trailing windows
   * `windowsMs` it resolves finely enough. Throws a 404 VendorError like
   * {@link SloProvider.sliBetween}.
   */
  sliBreakdown(
    sloId: string,
    from: Date,
    to: Date,
    windowsMs: readonly number[],
  ): Promise<SliBreakdown>;
  /** Monitors carrying every one of `tags` (all monitors without tags). */
  listMonitors(options?: {
    tags?: string[];
  }): Promise<{ items: ProviderMonitor[]; rejected: RejectedRecord[] }>;
}
