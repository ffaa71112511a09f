import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Duration } from 'luxon';
import { TooManyPagesError } from './errors';
import { PagingRateLimit } from './pagingConfig';

const TABLE = 'oncall_paging_windows';

/** The answer to one page attempt. */
export type RateLimitDecision =
  | { allowed: true; remaining: number }
  | {
      allowed: false;
      retryAfterSeconds: number;
      /** Attempts counted in the window, this one included. */
      attempts: number;
    };

/**
 * Counts page attempts per caller in fixed windows (`pages` per `windowMs`, aligned to
 * multiples of the window length) in the plugin's database. The count is one atomic upsert,
 * so every replica sharing the database sees the same count and concurrent attempts cannot
 * slip past the limit.
 */
export class PagingRateLimiter {
  constructor(
    private readonly options: {
      knex: Knex;
      limit: PagingRateLimit;
      /** Told once per caller and window when the caller first goes over the limit. */
      logger?: LoggerService;
      now?: () => Date;
    },
  ) {}

  get limit(): PagingRateLimit {
    return this.options.limit;
  }

  /** Counts one attempt by `subject`; a {@link TooManyPagesError} when over the limit. */
  async consume(subject: string): Promise<void> {
    const decision = await this.take(subject);
    if (!decision.allowed) {
      const { pages, windowMs } = this.options.limit;
      if (decision.attempts === pages + 1) {
        this.options.logger?.warn('Paging rate limit reached', {
          caller: subject,
          pages,
          windowMs,
        });
      }
      const window = Duration.fromMillis(windowMs)
        .shiftTo('hours', 'minutes', 'seconds')
        .removeZeros()
        .toHuman({ listStyle: 'narrow' });
      throw new TooManyPagesError(
        `Paging limit reached: ${pages} page${
          pages === 1 ? '' : 's'
        } per ${window} per caller; try again in ${
          decision.retryAfterSeconds
        } s.`,
        decision.retryAfterSeconds,
      );
    }
  }

  /** Counts one attempt by `subject` and says whether it is within the limit. */
  async take(subject: string): Promise<RateLimitDecision> {
    const now = (this.options.now?.() ?? new Date()).getTime();
    const { pages, windowMs } = this.options.limit;
    const windowStart = Math.floor(now / windowMs) * windowMs;
    const [row] = await this.options
      .knex(TABLE)
      .insert({ subject, window_start: windowStart, pages: 1 })
      .onConflict(['subject', 'window_start'])
      .merge({ pages: this.options.knex.raw('??.?? + 1', [TABLE, 'pages']) })
      .returning('pages');
    const count = Number(typeof row === 'object' ? row.pages : row);
    if (count === 1) {
      // the caller's first attempt in this window: its older windows are done with
      await this.options
        .knex(TABLE)
        .where({ subject })
        .andWhere('window_start', '<', windowStart)
        .delete();
    }
    if (count <= pages) {
      return { allowed: true, remaining: pages - count };
    }
    return {
      allowed: false,
      retryAfterSeconds: Math.max(
        1,
        Math.ceil((windowStart + windowMs - now) / 1000),
      ),
      attempts: count,
    };
  }
}
