import { Freshness } from './freshness';

/** SLO status following the multiwindow burn-rate alerting table. @public */
export type SloStatus = 'ok' | 'warning' | 'breached' | 'no_data';

/** The burn-rate windows reported. @public */
export const BURN_RATE_WINDOWS = ['1h', '6h', '3d'] as const;
/** A burn-rate window. @public */
export type BurnRateWindow = (typeof BURN_RATE_WINDOWS)[number];

/** One daily point of an SLO's history. @public */
export interface SloHistoryPoint {
  /** Day (ISO 8601 date). */
  date: string;
  /** SLI over the day, percent (0–100), absent when there was no data. */
  sli?: number;
  /** Error budget remaining at the end of the day, percent of the budget (may be negative). */
  errorBudgetRemaining?: number;
}

/** One SLO. @public */
export interface Slo {
  id: string;
  name: string;
  description?: string;
  type?: 'metric' | 'monitor';
  /** Target in percent, e.g. 99.9. */
  target: number;
  /** Warning threshold in percent, when set. */
  warning?: number;
  timeframe: '7d' | '30d' | '90d' | string;
  /** SLI over the timeframe, percent; absent with no data. */
  sli?: number;
  /** Error budget remaining over the timeframe, percent of the budget; absent with no data. */
  errorBudgetRemaining?: number;
  /** Burn rates per window; null where the window has no data. */
  burnRates: Record<BurnRateWindow, number | null>;
  /**
   * When the burn rates (and the latest history points) were read, ISO 8601; present only
   * when that is earlier than the SLI's read (the report's `freshness`), as burn rates are
   * refreshed less often than the SLI.
   */
  burnRatesAsOf?: string;
  status: SloStatus;
  tags?: string[];
  url: string;
  history: SloHistoryPoint[];
}

/** Monitors matching the entity's monitor tags, by state. @public */
export interface MonitorSummary {
  alert: number;
  warn: number;
  ok: number;
  noData: number;
  total: number;
  url?: string;
  items?: Array<{ id: string; name: string; state: string; url: string }>;
}

/** SLOs for an entity. @public */
export interface SloReport {
  entityRef: string;
  /** The tag query used. */
  query?: string;
  items: Slo[];
  monitors?: MonitorSummary;
  freshness: Freshness;
}
