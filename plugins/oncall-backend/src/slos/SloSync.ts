import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../database/SyncStateStore';
import { SingleFlightSync } from '../lib/SingleFlightSync';
import { mapWithConcurrency } from '../lib/mapWithConcurrency';
import { DAY_MS, utcDay } from '../lib/time';
import { SLO_HISTORY_DAYS, timeframeMs } from './sloWindows';
import { GONE, SloDetailReader, unlessGone } from './SloDetailReader';
import {
  SLO_HISTORY_PER_MINUTE,
  detailMaxAgeMs,
  isDetailDue,
} from './detailSchedule';
import { Shard, WHOLE, inShard, isLeadShard } from '../lib/shards';
import { ProviderSlo, ProviderSloStatuses, SloProvider } from './SloProvider';
import { SloDetail, SloStore } from './SloStore';

/**
 * SLOs read at once; the vendor policy's own concurrency cap (8 calls) still applies, and the
 * extra SLOs keep it busy while the others are parsed.
 */
const SNAPSHOT_CONCURRENCY = 12;
/** SLO details written per store transaction. */
const DETAIL_CHUNK = 100;
/** Default for `oncall.datadog.burnRateMaxAgeMinutes`. */
export const DEFAULT_BURN_RATE_MAX_AGE_MS = 10 * 60_000;

/** The sync-state scope of the SLO snapshot. */
export const SLO_SYNC_SCOPE = 'slos';

/** How long a shard's first run waits for the lead shard to store the first SLO list. */
const FIRST_LIST_WAIT_MS = 4 * 60_000;
const FIRST_LIST_POLL_MS = 1_000;

/**
 * The scheduled SLO snapshot. Every run:
 *
 * - lists the SLO definitions (`listSlos`) and monitors, and reads every SLO's current SLI
 *   over its timeframe in bulk (`listSloStatuses`, one request per 100 SLOs), the three side
 *   by side; an SLO the bulk status lacks gets its SLI from one history read over its
 *   timeframe. Definitions and SLIs are written in one transaction; tag rows only where the
 *   tags changed;
 * - reads the detail (SLI over the 1 h / 6 h / 3 d burn-rate windows and the daily history of
 *   the last three days and today) only of the SLOs whose detail is missing or due
 *   ({@link isDetailDue}: older than half to all of the max age, spread per SLO; the max
 *   age is `burnRateMaxAgeMs`, raised where the SLO count needs it, {@link detailMaxAgeMs}),
 *   stalest first ({@link SloDetailReader}): one history read from the start of the UTC day
 *   three days ago up to now, split by day and window, plus one read per window its series is
 *   too coarse for (in practice the 1 h window of metric SLOs), so about two calls per SLO.
 *   Days of the {@link SLO_HISTORY_DAYS}-day history not complete in the store (a new SLO,
 *   or after an outage) are read with the same call, which then starts at the first missing
 *   day; its coarser series then needs a read of its own for the 3 d window too. Details are
 *   written {@link DETAIL_CHUNK} SLOs per transaction.
 *
 * Split into shards (`oncall.refresh.shards`), the lead shard does all of the above but reads
 * the detail of its own SLOs only; every other shard reads the detail of its SLOs as listed
 * in the store (a first run waits for the lead's first list).
 *
 * History older than `historyDays` is pruned at a process's first run of each UTC day. A run
 * right after another costs the lists and the status pages only. A failing vendor call fails
 * the run; the store keeps what it had (SLIs, burn rates and their read times), served as
 * stale. Page views read only the store.
 */
export class SloSync {
  readonly #details: SloDetailReader;
  /** When this process last looked for due details, per shard index. */
  readonly #lastDetailRun = new Map<number, number>();
  /** The max age last logged as raised above the configured one. */
  #raisedMaxAgeMs?: number;
  readonly #flight: SingleFlightSync<void>;
  readonly #lead: Shard;
  /** The first day kept by this process's last prune: history ages out once per UTC day. */
  #keptFrom?: string;

  constructor(
    private readonly options: {
      provider: SloProvider;
      store: SloStore;
      syncState: SyncStateStore;
      logger: LoggerService;
      historyDays?: number;
      /** How old burn rates and recent days may get; default {@link DEFAULT_BURN_RATE_MAX_AGE_MS}. */
      burnRateMaxAgeMs?: number;
      /**
       * History reads a minute the details may plan for (`oncall.datadog.requestsPerMinute`);
       * default DataDog's `slo_history` limit. Raises the max age at large SLO counts
       * ({@link detailMaxAgeMs}).
       */
      historyReadsPerMinute?: number;
      now?: () => Date;
      /** How many shards the scheduled runs are split into; default 1. */
      shards?: number;
    },
  ) {
    this.#lead = { index: 0, count: options.shards ?? 1 };
    this.#details = new SloDetailReader({
      provider: options.provider,
      logger: options.logger,
      historyDays: this.#historyDays(),
    });
    this.#flight = new SingleFlightSync({
      source: options.provider.source,
      scope: SLO_SYNC_SCOPE,
      syncState: options.syncState,
      logger: options.logger,
      name: 'SLO sync',
      run: () => this.#run(),
    });
  }

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  #historyDays(): number {
    return this.options.historyDays ?? SLO_HISTORY_DAYS;
  }

  /**
   * Runs one sync (of a shard: the lead shard's when none is given); concurrent callers in
   * this process share the lead's run in flight.
   */
  run(shard: Shard = WHOLE): Promise<void> {
    return isLeadShard(shard) ? this.#flight.run() : this.#runShard(shard);
  }

  /** Runs a sync when the source was never tried; never throws. */
  ensureSynced(): Promise<void> {
    return this.#flight.ensureSynced();
  }

  async #run(): Promise<void> {
    const source = this.options.provider.source;
    const now = this.#now();
    try {
      // side by side: the vendor policy caps the calls in flight
      const [slos, monitors, statuses] = await Promise.all([
        this.options.provider.listSlos(),
        this.options.provider.listMonitors(),
        this.options.provider.listSloStatuses(),
      ]);
      for (const rejected of [
        ...slos.rejected,
        ...monitors.rejected,
        ...statuses.rejected,
      ]) {
        this.options.logger.warn(
          'Skipped a DataDog record that could not be read',
          {
            source,
            recordId: rejected.id ?? 'unknown',
            reason: rejected.reason,
          },
        );
      }
      const current = await this.#currentSlis(slos.items, statuses.items, now);
      const read = this.#now().getTime();
      await this.options.store.replaceSlos(
        source,
        slos.items,
        now,
        slos.rejected.flatMap(r => (r.id === undefined ? [] : [r.id])),
        current.slis,
      );
      await this.options.store.replaceMonitors(monitors.items, now);
      const written = this.#now().getTime();
      const listed = new Set(slos.items.map(slo => slo.id));
      const refreshed = await this.#refreshDetails(
        this.#lead,
        id =>
          listed.has(id) && !current.gone.has(id) && inShard(id, this.#lead),
        now,
      );
      const keepFrom = utcDay(
        now.getTime() - (this.#historyDays() - 1) * DAY_MS,
      );
      if (keepFrom !== this.#keptFrom) {
        await this.options.store.pruneHistory(keepFrom);
        this.#keptFrom = keepFrom;
      }
      await this.#flight.succeeded(this.#now());
      this.options.logger.info('Synced SLOs', {
        source,
        slos: slos.items.length,
        monitors: monitors.items.length,
        slisFromHistory: current.fromHistory,
        detailsRefreshed: refreshed.read,
        skipped: current.gone.size + refreshed.gone,
        durationMs: this.#now().getTime() - now.getTime(),
        // the lists and statuses read, the SLOs written, then the details
        readMs: read - now.getTime(),
        writeMs: written - read,
        ...(this.#lead.count > 1 && { shard: `1/${this.#lead.count}` }),
      });
    } catch (error) {
      throw await this.#flight.failed(error, this.#now());
    }
  }

  /**
   * Each SLO's SLI over its timeframe: from the bulk status when it has the SLO's timeframe,
   * otherwise from a history read. `gone`: SLOs the vendor no longer knows.
   */
  async #currentSlis(
    slos: ProviderSlo[],
    statuses: ProviderSloStatuses[],
    now: Date,
  ): Promise<{
    slis: Map<string, number | undefined>;
    gone: Set<string>;
    fromHistory: number;
  }> {
    const byId = new Map(statuses.map(s => [s.id, s.statuses]));
    const slis = new Map<string, number | undefined>();
    const missing: ProviderSlo[] = [];
    for (const slo of slos) {
      const status = byId.get(slo.id)?.find(s => s.timeframe === slo.timeframe);
      if (status) {
        slis.set(slo.id, status.sli);
      } else {
        missing.push(slo);
      }
    }
    const gone = new Set<string>();
    await mapWithConcurrency(missing, SNAPSHOT_CONCURRENCY, async slo => {
      const timeframe = timeframeMs(slo.timeframe);
      if (timeframe === undefined) {
        slis.set(slo.id, undefined);
        return;
      }
      const sli = await unlessGone(this.options.logger, slo.id, () =>
        this.options.provider.sliBetween(
          slo.id,
          new Date(now.getTime() - timeframe),
          now,
        ),
      );
      if (sli === GONE) {
        gone.add(slo.id);
      } else {
        slis.set(slo.id, sli);
      }
    });
    return { slis, gone, fromHistory: missing.length };
  }

  /** A shard other than the lead: the detail of its SLOs as listed in the store. */
  async #runShard(shard: Shard): Promise<void> {
    const source = this.options.provider.source;
    const started = Date.now();
    try {
      const deadline = Date.now() + FIRST_LIST_WAIT_MS;
      // the lead stores the list before it reads its own SLOs' details
      while (!(await this.options.store.hasSlos(source))) {
        if (Date.now() >= deadline) {
          this.options.logger.info('SLO shard waits for the first SLO list', {
            shard: `${shard.index + 1}/${shard.count}`,
          });
          return;
        }
        await new Promise(resolve => setTimeout(resolve, FIRST_LIST_POLL_MS));
      }
      const refreshed = await this.#refreshDetails(
        shard,
        id => inShard(id, shard),
        this.#now(),
      );
      this.options.logger.info('Synced SLO details', {
        source,
        shard: `${shard.index + 1}/${shard.count}`,
        slos: refreshed.slos,
        detailsRefreshed: refreshed.read,
        skipped: refreshed.gone,
        durationMs: Date.now() - started,
      });
    } catch (error) {
      this.options.logger.warn('SLO shard failed; the store keeps serving', {
        source,
        shard: `${shard.index + 1}/${shard.count}`,
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }

  /**
   * Reads and stores the detail of the stored SLOs `wanted` (of `shard`) that are due,
   * stalest first; `slos`: how many stored SLOs were wanted.
   */
  async #refreshDetails(
    shard: Shard,
    wanted: (id: string) => boolean,
    now: Date,
  ): Promise<{ slos: number; read: number; gone: number }> {
    const stored = await this.options.store.detailAges(
      this.options.provider.source,
    );
    // the budget is the account's: every shard plans with the whole count
    const maxAgeMs = this.#maxAgeFor(stored.length);
    // read each detail in the run nearest its due time: the next run of this shard is
    // expected as far ahead as the last one was behind
    const previous = this.#lastDetailRun.get(shard.index);
    this.#lastDetailRun.set(shard.index, now.getTime());
    const aheadMs =
      previous === undefined
        ? 0
        : Math.min(maxAgeMs / 2, Math.max(0, now.getTime() - previous) / 2);
    const ages = stored.filter(({ id }) => wanted(id));
    const due = ages
      .filter(({ id, refreshedAt }) =>
        isDetailDue(id, refreshedAt, now, maxAgeMs, aheadMs),
      )
      // never read first, then the oldest read
      .sort(
        (a, b) =>
          (a.refreshedAt?.getTime() ?? 0) - (b.refreshedAt?.getTime() ?? 0),
      )
      .map(({ id }) => id);
    const firstDay = utcDay(this.#details.firstDay(now.getTime()));
    let read = 0;
    // a chunk is written while the next one is read; one write at a time, in order
    let writing: Promise<void> = Promise.resolve();
    for (let i = 0; i < due.length; i += DETAIL_CHUNK) {
      const chunk = due.slice(i, i + DETAIL_CHUNK);
      const complete = await this.options.store.completeDays(chunk, firstDay);
      const details = (
        await mapWithConcurrency(chunk, SNAPSHOT_CONCURRENCY, id =>
          this.#details.read(id, now, complete.get(id) ?? new Set()),
        )
      ).filter((d): d is SloDetail => d !== undefined);
      await writing;
      writing = this.options.store.updateDetails(details, now);
      // a failed write surfaces at the next await of `writing`
      writing.catch(() => {});
      read += details.length;
    }
    await writing;
    return { slos: ages.length, read, gone: due.length - read };
  }

  /** The details' max age for `slos` SLOs; says so once when the count raises it. */
  #maxAgeFor(slos: number): number {
    const configured =
      this.options.burnRateMaxAgeMs ?? DEFAULT_BURN_RATE_MAX_AGE_MS;
    const historyReadsPerMinute =
      this.options.historyReadsPerMinute ?? SLO_HISTORY_PER_MINUTE;
    const maxAgeMs = detailMaxAgeMs(configured, slos, historyReadsPerMinute);
    const raised = maxAgeMs > configured ? maxAgeMs : undefined;
    if (raised !== this.#raisedMaxAgeMs) {
      this.#raisedMaxAgeMs = raised;
      this.options.logger.info(
        raised === undefined
          ? 'SLO details refresh with the configured burnRateMaxAgeMinutes again'
          : 'SLO details refresh less often than burnRateMaxAgeMinutes: their history reads must fit the DataDog request budget',
        {
          slos,
          configuredMinutes: configured / 60_000,
          maxAgeMinutes: Math.round(maxAgeMs / 6_000) / 10,
          historyReadsPerMinute,
        },
      );
    }
    return maxAgeMs;
  }
}
