import { Knex } from 'knex';
import { TtlCache } from '../lib/TtlCache';
import { Vendor, isVendor } from '../lib/Vendor';

/** How long {@link SyncStateStore.listRecent} answers from its last read. */
export const RECENT_STATES_MS = 1_000;

/** The sync bookkeeping of one vendor scope. */
export interface SyncState {
  source: Vendor;
  scope: string;
  asOf?: Date;
  watermark?: string;
  lastError?: { message: string; at: Date };
}

type Row = {
  source: string;
  scope: string;
  as_of: Date | string | null;
  watermark: string | null;
  last_error: string | null;
  last_error_at: Date | string | null;
};

const toDate = (value: Date | string | null): Date | undefined =>
  value === null ? undefined : new Date(value);

/** Records when each vendor scope was last synced, and its last error while failing. */
export class SyncStateStore {
  readonly #db: Knex;
  readonly #recent: TtlCache<SyncState[]>;

  constructor(db: Knex, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#recent = new TtlCache({
      ttlMs: RECENT_STATES_MS,
      maxEntries: 16,
      now: options.now,
    });
  }

  async recordSuccess(
    source: Vendor,
    scope: string,
    at: Date,
    watermark?: string,
  ): Promise<void> {
    await this.#db('oncall_sync_state')
      .insert({
        source,
        scope,
        as_of: at,
        watermark: watermark ?? null,
        last_error: null,
        last_error_at: null,
      })
      .onConflict(['source', 'scope'])
      .merge(
        watermark === undefined
          ? ['as_of', 'last_error', 'last_error_at']
          : ['as_of', 'watermark', 'last_error', 'last_error_at'],
      );
    this.#recent.clear();
  }

  async recordFailure(
    source: Vendor,
    scope: string,
    message: string,
    at: Date,
  ): Promise<void> {
    await this.#db('oncall_sync_state')
      .insert({ source, scope, last_error: message, last_error_at: at })
      .onConflict(['source', 'scope'])
      .merge(['last_error', 'last_error_at']);
    this.#recent.clear();
  }

  /**
   * Moves `as_of` to `at` and clears the last error for scopes that exist: their data was
   * checked against the vendor and found current, without being read again.
   */
  async touch(source: Vendor, scopes: string[], at: Date): Promise<void> {
    // chunks keep each statement under SQLite's bound-parameter limit
    for (let i = 0; i < scopes.length; i += 500) {
      await this.#db('oncall_sync_state')
        .where({ source })
        .whereIn('scope', scopes.slice(i, i + 500))
        .update({ as_of: at, last_error: null, last_error_at: null });
    }
    this.#recent.clear();
  }

  async get(source: Vendor, scope: string): Promise<SyncState | undefined> {
    const row: Row | undefined = await this.#db('oncall_sync_state')
      .where({ source, scope })
      .first();
    return row ? toState(row) : undefined;
  }

  /**
   * {@link SyncStateStore.list} for page views: answers from a read at most
   * {@link RECENT_STATES_MS} old (a view under load then costs no query for it); a write
   * through this store forgets it, another process's write shows within that time.
   */
  listRecent(source: Vendor): Promise<SyncState[]> {
    return this.#recent.get(source, () => this.list(source));
  }

  async list(source?: Vendor): Promise<SyncState[]> {
    const query = this.#db<Row>('oncall_sync_state');
    if (source) {
      query.where({ source });
    }
    const rows: Row[] = await query;
    return rows.flatMap(row => {
      const state = toState(row);
      return state ? [state] : [];
    });
  }
}

function toState(row: Row): SyncState | undefined {
  if (!isVendor(row.source)) {
    return undefined;
  }
  const lastErrorAt = toDate(row.last_error_at);
  return {
    source: row.source,
    scope: row.scope,
    asOf: toDate(row.as_of),
    watermark: row.watermark ?? undefined,
    lastError:
      row.last_error && lastErrorAt
        ? { message: row.last_error, at: lastErrorAt }
        : undefined,
  };
}
