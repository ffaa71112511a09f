import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../database/SyncStateStore';
import { SingleFlightSync } from '../lib/SingleFlightSync';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { isVendorError } from '../lib/VendorError';
import { ProviderSlo, SloProvider } from './SloProvider';
import { SloStore, StoredSloDay } from './SloStore';

/** SLOs snapshotted at once; the vendor policy's own concurrency cap still applies. */
const SNAPSHOT_CONCURRENCY = 8;

/** The sync-state scope of the SLO snapshot. */
export const SLO_SYNC_SCOPE = 'slos';

const HOUR_MS = 60 * 60_000;
const DAY_MS = 24 * HOUR_MS;
/** Days of daily history kept for the chart. */
export const SLO_HISTORY_DAYS = 90;
/** Vendor calls in flight at once for one snapshot. */
const PARALLEL = 4;

/** The burn-rate windows as durations. */
export const WINDOW_MS = {
  '1h': HOUR_MS,
  '6h': 6 * HOUR_MS,
  '3d': 3 * DAY_MS,
} as const;

/** `7d` → 7 days in ms; undefined for a timeframe we cannot read. */
export function timeframeMs(timeframe: string): number | undefined {
  const match = /^(\d+)d$/.exec(timeframe.trim());
  return match ? Number(match[1]) * DAY_MS : undefined;
}

/** `YYYY-MM-DD` of a UTC day. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The scheduled SLO snapshot: stores every SLO and monitor, each SLO's SLI over its timeframe
 * and over the burn-rate windows (1 h, 6 h, 3 d), and a daily SLI history for the last
 * {@link SLO_HISTORY_DAYS} UTC days. The days not yet complete in the store are read with one
 * history call split by day (one call per day when the vendor's answer cannot be split), so a
 * snapshot costs five calls per SLO. Page views read only the store.
 */
export class SloSync {
  readonly #provider: SloProvider;
  readonly #store: SloStore;
  readonly #syncState: SyncStateStore;
  readonly #logger: LoggerService;
  readonly #historyDays: number;
  readonly #now: () => Date;
  readonly #flight: SingleFlightSync<void>;

  constructor(options: {
    provider: SloProvider;
    store: SloStore;
    syncState: SyncStateStore;
    logger: LoggerService;
    historyDays?: number;
    now?: () => Date;
  }) {
    this.#provider = options.provider;
    this.#store = options.store;
    this.#syncState = options.syncState;
    this.#logger = options.logger;
    this.#historyDays = options.historyDays ?? SLO_HISTORY_DAYS;
    this.#now = options.now ?? (() => new Date());
    this.#flight = new SingleFlightSync({
      source: this.#provider.source,
      scope: SLO_SYNC_SCOPE,
      syncState: this.#syncState,
      run: () => this.#run(),
    });
  }

  /** Runs one sync; concurrent callers in this process share the run in flight. */
  run(): Promise<void> {
    return this.#flight.run();
  }

  /** Runs a sync when the source was never tried; never throws. */
  ensureSynced(): Promise<void> {
    return this.#flight.ensureSynced();
  }

  async #run(): Promise<void> {
    const source = this.#provider.source;
    const now = this.#now();
    try {
      const slos = await this.#provider.listSlos();
      const monitors = await this.#provider.listMonitors();
      for (const rejected of [...slos.rejected, ...monitors.rejected]) {
        this.#logger.warn('Skipped a DataDog record that could not be read', {
          source,
          recordId: rejected.id ?? 'unknown',
          reason: rejected.reason,
        });
      }
      await this.#store.replaceSlos(
        source,
        slos.items,
        now,
        slos.rejected.flatMap(r => (r.id === undefined ? [] : [r.id])),
      );
      await this.#store.replaceMonitors(monitors.items, now);
      // SLOs are read side by side, as many as the vendor policy lets through at once
      const snapshots = await mapWithConcurrency(
        slos.items,
        SNAPSHOT_CONCURRENCY,
        slo => this.#snapshot(slo, now),
      );
      const skipped = snapshots.filter(stored => !stored).length;
      await this.#store.pruneHistory(
        dayOf(now.getTime() - (this.#historyDays - 1) * DAY_MS),
      );
      await this.#syncState.recordSuccess(source, SLO_SYNC_SCOPE, this.#now());
      this.#logger.info('Synced SLOs', {
        source,
        slos: slos.items.length,
        monitors: monitors.items.length,
        skipped,
        durationMs: this.#now().getTime() - now.getTime(),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.#syncState.recordFailure(
        source,
        SLO_SYNC_SCOPE,
        message,
        this.#now(),
      );
      this.#logger.warn('SLO sync failed; the store keeps serving', {
        source,
        error: message,
      });
      throw error;
    }
  }

  /** Stores one SLO's SLIs and missing history; false when the vendor no longer knows it. */
  async #snapshot(slo: ProviderSlo, now: Date): Promise<boolean> {
    const end = now.getTime();
    const timeframe = timeframeMs(slo.timeframe);
    const sli = (fromMs: number) =>
      this.#provider.sliBetween(slo.id, new Date(fromMs), now);
    try {
      const [overall, sli1h, sli6h, sli3d] = await Promise.all([
        timeframe === undefined
          ? Promise.resolve(undefined)
          : sli(end - timeframe),
        sli(end - WINDOW_MS['1h']),
        sli(end - WINDOW_MS['6h']),
        sli(end - WINDOW_MS['3d']),
      ]);
      await this.#store.updateSnapshot(
        slo.id,
        { sli: overall, sli1h, sli6h, sli3d },
        now,
      );
      await this.#store.upsertHistory(
        slo.id,
        await this.#missingDays(slo.id, end),
      );
      return true;
    } catch (error) {
      if (isVendorError(error) && error.status === 404) {
        this.#logger.warn('Skipped an SLO the vendor no longer knows', {
          sloId: slo.id,
        });
        return false;
      }
      throw error;
    }
  }

  async #missingDays(id: string, end: number): Promise<StoredSloDay[]> {
    const today = Math.floor(end / DAY_MS) * DAY_MS;
    const first = today - (this.#historyDays - 1) * DAY_MS;
    const stored = new Map(
      (await this.#store.history(id, dayOf(first))).map(d => [d.day, d]),
    );
    const wanted: number[] = [];
    for (let start = first; start <= today; start += DAY_MS) {
      if (!stored.get(dayOf(start))?.complete) {
        wanted.push(start);
      }
    }
    if (wanted.length === 0) {
      return [];
    }
    const complete = (start: number) => start + DAY_MS <= end;
    const split = await this.#provider.sliByDay(
      id,
      new Date(wanted[0]),
      new Date(end),
    );
    if (split) {
      const byDay = new Map(split.map(d => [d.day, d.sli]));
      return wanted.map(start => ({
        day: dayOf(start),
        sli: byDay.get(dayOf(start)),
        complete: complete(start),
      }));
    }
    const days: StoredSloDay[] = [];
    for (let i = 0; i < wanted.length; i += PARALLEL) {
      const batch = wanted.slice(i, i + PARALLEL);
      const slis = await Promise.all(
        batch.map(start =>
          start >= end
            ? Promise.resolve(undefined)
            : this.#provider.sliBetween(
                id,
                new Date(start),
                new Date(Math.min(end, start + DAY_MS)),
              ),
        ),
      );
      batch.forEach((start, k) =>
        days.push({
          day: dayOf(start),
          sli: slis[k],
          complete: complete(start),
        }),
      );
    }
    return days;
  }
}
