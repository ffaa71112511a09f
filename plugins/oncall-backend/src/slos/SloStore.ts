import { ProviderMonitor, ProviderSlo } from './SloProvider';

/** An SLO as stored: its definition and the latest SLIs. */
export interface StoredSlo extends ProviderSlo {
  /** SLI in percent over the timeframe, and over the burn-rate windows. */
  sli?: number;
  sli1h?: number;
  sli6h?: number;
  sli3d?: number;
  /** When `sli` was read. */
  asOf: Date;
  /** When the burn-rate windows and the recent days were read; absent before the first read. */
  burnRatesAsOf?: Date;
}

/** One stored day of an SLO. */
export interface StoredSloDay {
  day: string;
  sli?: number;
  complete: boolean;
}

/** One SLO's burn-rate windows and the days read with them. */
export interface SloDetail {
  id: string;
  sli1h?: number;
  sli6h?: number;
  sli3d?: number;
  days: StoredSloDay[];
}

/** SLOs, their daily history and monitors, as last synced; queried by tags. */
export interface SloStore {
  /**
   * Makes the stored SLO definitions of `source` exactly `slos`, in one transaction: new ones
   * are added, known ones updated, vanished ones deleted with their history. An SLO with an
   * entry in `slis` gets that SLI over its timeframe (undefined: no data) as of `at`; the
   * others keep their stored SLIs. Ids in `keep` (records the vendor sent but that could not be
   * read this time) stay as they were.
   */
  replaceSlos(
    source: string,
    slos: ProviderSlo[],
    at: Date,
    keep?: string[],
    slis?: ReadonlyMap<string, number | undefined>,
  ): Promise<void>;
  /**
   * Stores the burn-rate windows and days of several SLOs in one transaction, marking their
   * detail as read at `at`.
   */
  updateDetails(details: SloDetail[], at: Date): Promise<void>;
  /** Whether the store holds any SLO of `source` (an SLO list was stored). */
  hasSlos(source: string): Promise<boolean>;
  /** Each SLO of `source` with when its detail was last read (absent: never). */
  detailAges(
    source: string,
  ): Promise<Array<{ id: string; refreshedAt?: Date }>>;
  /** The complete stored days on or after `fromDay` of each of `ids`. */
  completeDays(
    ids: string[],
    fromDay: string,
  ): Promise<Map<string, Set<string>>>;
  /** Inserts or replaces days of one SLO's history. */
  upsertHistory(id: string, days: StoredSloDay[]): Promise<void>;
  /** Days of `id` on or after `fromDay` (inclusive), oldest first. */
  history(id: string, fromDay: string): Promise<StoredSloDay[]>;
  /** Days of each of `ids` on or after `fromDay` (inclusive), oldest first, in one query. */
  histories(
    ids: string[],
    fromDay: string,
  ): Promise<Map<string, StoredSloDay[]>>;
  /** Deletes history older than `beforeDay`. */
  pruneHistory(beforeDay: string): Promise<void>;
  /** All SLOs of a source. */
  listSlos(source: string): Promise<StoredSlo[]>;
  /** SLOs matching any of the queries; a query matches an SLO carrying all its tags. */
  findSlos(queries: string[][]): Promise<StoredSlo[]>;
  /** Makes the stored monitors exactly `monitors`. */
  replaceMonitors(monitors: ProviderMonitor[], at: Date): Promise<void>;
  /** Monitors matching any of the queries (all tags of a query). */
  findMonitors(queries: string[][]): Promise<ProviderMonitor[]>;
}
