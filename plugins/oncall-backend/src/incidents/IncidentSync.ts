import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../database/SyncStateStore';
import { SingleFlightSync } from '../lib/SingleFlightSync';
import { IncidentProvider } from './IncidentProvider';
import { IncidentStore } from './IncidentStore';
import { DAY_MS } from '../lib/time';

/** The sync-state scope of the incident sync. */
export const INCIDENT_SYNC_SCOPE = 'incidents';

/**
 * Why a run started: the incident schedule (`oncall-sync-incidents`, logged at info) or the
 * open-incident watch behind the live banner (`oncall-sync-open-incidents`, every 30 s by
 * default, logged at debug so it does not flood the log).
 */
export type IncidentSyncTrigger = 'schedule' | 'open-incidents';

/** What one run did. */
export interface IncidentSyncResult {
  written: number;
  skipped: number;
  pruned: number;
  watermark?: string;
}

/**
 * Incremental incident sync into the store. The first run backfills `backfillDays`; later
 * runs ask the provider only for changes since the stored watermark. Pages arrive oldest change
 * first (the next page is read while one is written) and are upserted one transaction each;
 * the watermark moves only after a page is committed, so an interrupted run resumes where it
 * stopped and a repeated run writes the same rows again (no change). Unreadable records are logged with their id and skipped. Incidents
 * that started more than `retentionDays` ago are pruned.
 */
export class IncidentSync {
  readonly #flight: SingleFlightSync<IncidentSyncResult>;
  #trigger: IncidentSyncTrigger = 'schedule';

  constructor(
    private readonly options: {
      provider: IncidentProvider;
      store: IncidentStore;
      syncState: SyncStateStore;
      logger: LoggerService;
      backfillDays: number;
      retentionDays: number;
      pageSize?: number;
      now?: () => Date;
    },
  ) {
    this.#flight = new SingleFlightSync({
      source: options.provider.source,
      scope: INCIDENT_SYNC_SCOPE,
      syncState: options.syncState,
      logger: options.logger,
      name: 'Incident sync',
      run: () => this.#run(),
    });
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /**
   * Runs one sync; concurrent callers in this process share the run in flight (which keeps
   * the trigger it started with).
   */
  run(trigger: IncidentSyncTrigger = 'schedule'): Promise<IncidentSyncResult> {
    this.#trigger = trigger;
    return this.#flight.run();
  }

  /** Runs a sync when the source was never tried; never throws. */
  ensureSynced(): Promise<void> {
    return this.#flight.ensureSynced();
  }

  async #run(): Promise<IncidentSyncResult> {
    const trigger = this.#trigger;
    const source = this.options.provider.source;
    const startedAt = this.#now();
    const state = await this.options.syncState.get(source, INCIDENT_SYNC_SCOPE);
    const stored = state?.watermark ? Number(state.watermark) : Number.NaN;
    const since = Number.isFinite(stored)
      ? new Date(stored)
      : new Date(startedAt.getTime() - this.options.backfillDays * DAY_MS);
    let watermark = Number.isFinite(stored) ? String(stored) : undefined;
    let written = 0;
    let skipped = 0;
    try {
      for await (const page of prefetching(
        this.options.provider.changesSince(since, {
          pageSize: this.options.pageSize,
        }),
      )) {
        for (const rejected of page.rejected) {
          this.options.logger.warn(
            'Skipped an incident that could not be read',
            {
              source,
              incidentId: rejected.id ?? 'unknown',
              reason: rejected.reason,
            },
          );
        }
        skipped += page.rejected.length;
        if (page.items.length > 0) {
          await this.options.store.upsert(source, page.items);
          written += page.items.length;
        }
        if (page.watermark) {
          watermark = String(page.watermark.getTime());
          await this.#flight.succeeded(this.#now(), watermark);
        }
      }
      const pruned = await this.options.store.prune(
        new Date(startedAt.getTime() - this.options.retentionDays * DAY_MS),
      );
      await this.#flight.succeeded(
        this.#now(),
        watermark ?? String(since.getTime()),
      );
      const log = trigger === 'schedule' ? 'info' : 'debug';
      this.options.logger[log]('Synced incidents', {
        source,
        trigger,
        written,
        skipped,
        pruned,
        durationMs: this.#now().getTime() - startedAt.getTime(),
      });
      return { written, skipped, pruned, watermark };
    } catch (error) {
      throw await this.#flight.failed(error, this.#now(), { written });
    }
  }
}

/**
 * Yields the pages of `pages` in order while the next one is already being read: the vendor
 * read of page k + 1 overlaps the store write of page k. A failed read surfaces only after
 * every page before it was yielded (and so committed).
 */
async function* prefetching<T>(pages: AsyncGenerator<T>): AsyncGenerator<T> {
  let next = pages.next();
  // the read may fail while the caller still writes the page before it: handled below
  next.catch(() => {});
  try {
    for (;;) {
      const result = await next;
      if (result.done) {
        return;
      }
      next = pages.next();
      next.catch(() => {});
      yield result.value;
    }
  } finally {
    // the caller stopped early (or a read failed): let the source clean up
    pages.return(undefined).catch(() => {});
  }
}
