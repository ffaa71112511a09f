/** A vendor the backend reads from. @public */
export type OnCallSource =
  | 'opsgenie'
  | 'jsm'
  | 'pagerduty'
  | 'blameless'
  | 'datadog';

/** The state of one vendor behind a response. @public */
export interface SourceStatus {
  source: OnCallSource;
  /** When the data from this source was last fetched successfully (ISO 8601). */
  asOf?: string;
  /** True when the data is older than the configured refresh window or the last fetch failed. */
  stale: boolean;
  /** The last error talking to this source, while it is failing. */
  lastError?: { message: string; at: string };
}

/**
 * How fresh a response is. `asOf` is the oldest successful fetch behind the response; `stale`
 * is true when any source is stale.
 *
 * @public
 */
export interface Freshness {
  asOf?: string;
  stale: boolean;
  sources: SourceStatus[];
}
