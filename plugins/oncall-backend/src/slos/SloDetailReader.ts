import { LoggerService } from '@backstage/backend-plugin-api';
import { isVendorError } from '../lib/VendorError';
import { DAY_MS, utcDay } from '../lib/time';
import { SLO_HISTORY_DAYS, WINDOW_MS } from './sloWindows';
import { SloProvider } from './SloProvider';
import { SloDetail, StoredSloDay } from './SloStore';

/** Whole days before today read with the burn-rate windows (they cover the 3 d window). */
const RECENT_DAYS = 3;

/** Vendor calls in flight at once for one SLO's day-by-day fallback. */
const PARALLEL = 4;

/** The windows, longest first. */
const WINDOWS = [WINDOW_MS['3d'], WINDOW_MS['6h'], WINDOW_MS['1h']];

/** What a read of an SLO the vendor answers 404 for returns. */
export const GONE = Symbol('gone');

/** Runs `read`; {@link GONE} (logged) when the vendor answers 404 for the SLO. */
export async function unlessGone<T>(
  logger: LoggerService,
  sloId: string,
  read: () => Promise<T>,
): Promise<T | typeof GONE> {
  try {
    return await read();
  } catch (error) {
    if (isVendorError(error) && error.status === 404) {
      logger.warn('Skipped an SLO the vendor no longer knows', { sloId });
      return GONE;
    }
    throw error;
  }
}

/**
 * Reads one SLO's detail from the vendor: the SLI over the 1 h / 6 h / 3 d burn-rate windows
 * and the daily SLIs of the days not yet complete in the store — one history read from the
 * first such day up to now, split by day and window, plus one read per window its series is
 * too coarse for; one read per day where the vendor's answer cannot be split.
 */
export class SloDetailReader {
  readonly #provider: SloProvider;
  readonly #logger: LoggerService;
  readonly #historyDays: number;

  constructor(options: {
    provider: SloProvider;
    logger: LoggerService;
    historyDays?: number;
  }) {
    this.#provider = options.provider;
    this.#logger = options.logger;
    this.#historyDays = options.historyDays ?? SLO_HISTORY_DAYS;
  }

  /** The first day of the kept history for a read ending at `end`. */
  firstDay(end: number): number {
    return Math.floor(end / DAY_MS) * DAY_MS - (this.#historyDays - 1) * DAY_MS;
  }

  /**
   * One SLO's windows and the days from the first not `complete` one (at most
   * {@link RECENT_DAYS} before today unless an older day is missing) up to today; undefined
   * when the vendor no longer knows it.
   */
  async read(
    sloId: string,
    now: Date,
    complete: ReadonlySet<string>,
  ): Promise<SloDetail | undefined> {
    const end = now.getTime();
    const today = Math.floor(end / DAY_MS) * DAY_MS;
    const first = this.firstDay(end);
    const recent = Math.max(first, today - RECENT_DAYS * DAY_MS);
    let from = recent;
    for (let start = first; start < recent; start += DAY_MS) {
      if (!complete.has(utcDay(start))) {
        from = start;
        break;
      }
    }
    const detail = await unlessGone(this.#logger, sloId, async () => {
      const read = await this.#provider.sliBreakdown(
        sloId,
        new Date(from),
        now,
        WINDOWS,
      );
      const windows = new Map(read.windows);
      for (const [k, windowMs] of WINDOWS.entries()) {
        if (windows.has(windowMs)) {
          continue;
        }
        // the series is too coarse for this window: a read of its own
        const own = await this.#provider.sliBreakdown(
          sloId,
          new Date(end - windowMs),
          now,
          WINDOWS.slice(k + 1).filter(w => !windows.has(w)),
        );
        windows.set(windowMs, own.sli);
        own.windows.forEach((sli, w) => {
          if (!windows.has(w)) windows.set(w, sli);
        });
      }
      const days: StoredSloDay[] = [];
      const split = read.days && new Map(read.days.map(d => [d.day, d.sli]));
      for (let start = from; start <= today; start += DAY_MS) {
        days.push({
          day: utcDay(start),
          sli: split?.get(utcDay(start)),
          complete: start + DAY_MS <= end,
        });
      }
      return {
        id: sloId,
        sli1h: windows.get(WINDOW_MS['1h']),
        sli6h: windows.get(WINDOW_MS['6h']),
        sli3d: windows.get(WINDOW_MS['3d']),
        days: split ? days : await this.#dayByDay(sloId, days, end),
      };
    });
    return detail === GONE ? undefined : detail;
  }

  /** The days' SLIs with one history read per day, for answers that cannot be split. */
  async #dayByDay(
    id: string,
    days: StoredSloDay[],
    end: number,
  ): Promise<StoredSloDay[]> {
    const result: StoredSloDay[] = [];
    for (let i = 0; i < days.length; i += PARALLEL) {
      const batch = days.slice(i, i + PARALLEL);
      const slis = await Promise.all(
        batch.map(day => {
          const start = Date.parse(`${day.day}T00:00:00Z`);
          return start >= end
            ? Promise.resolve(undefined)
            : this.#provider.sliBetween(
                id,
                new Date(start),
                new Date(Math.min(end, start + DAY_MS)),
              );
        }),
      );
      batch.forEach((day, k) => result.push({ ...day, sli: slis[k] }));
    }
    return result;
  }
}
