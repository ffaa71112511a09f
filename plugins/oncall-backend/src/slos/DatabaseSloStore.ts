import { Knex } from 'knex';
import { chunks } from '../lib/chunks';
import { ProviderMonitor, ProviderSlo } from './SloProvider';
import { SloDetail, SloStore, StoredSlo, StoredSloDay } from './SloStore';
import {
  CHUNK,
  fromSloRow,
  ID_CHUNK,
  MONITOR_STATES,
  MonitorRow,
  num,
  parseTags,
  replaceTagRows,
  SloRow,
  TAGGED_MONITORS,
  TAGGED_SLOS,
  TaggedTables,
  upsertDays,
} from './sloRows';

/** The {@link SloStore} in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseSloStore implements SloStore {
  /** A store over the plugin's migrated database client. */
  static create(options: { knex: Knex }): DatabaseSloStore {
    return new DatabaseSloStore(options.knex);
  }

  private constructor(private readonly db: Knex) {}

  /**
   * Makes the stored SLO definitions of `source` exactly `slos`, in one transaction: new ones
   * are added, known ones updated, vanished ones deleted with their history. An SLO with an
   * entry in `slis` gets that SLI over its timeframe (undefined: no data) as of `at`; the
   * others keep their stored SLIs. Ids in `keep` (records the vendor sent but that could not be
   * read this time) stay as they were.
   */
  async replaceSlos(
    source: string,
    slos: ProviderSlo[],
    at: Date,
    keep: string[] = [],
    slis: ReadonlyMap<string, number | undefined> = new Map(),
  ): Promise<void> {
    await this.db.transaction(async tx => {
      const stored: Array<{ id: string; tags: string }> = await tx(
        'oncall_slos',
      )
        .select('id', 'tags')
        .where({ source });
      const storedTags = new Map(stored.map(row => [row.id, row.tags]));
      const wanted = new Set([...slos.map(s => s.id), ...keep]);
      const gone = stored.map(row => row.id).filter(id => !wanted.has(id));
      for (let i = 0; i < gone.length; i += ID_CHUNK) {
        const ids = gone.slice(i, i + ID_CHUNK);
        await tx('oncall_slo_history').whereIn('slo_id', ids).delete();
        await tx('oncall_slo_tags').whereIn('slo_id', ids).delete();
        await tx('oncall_slos').whereIn('id', ids).delete();
      }
      const definitionColumns = [
        'source',
        'name',
        'description',
        'type',
        'target',
        'warning',
        'timeframe',
        'tags',
        'url',
      ];
      const withSli = slos.filter(slo => slis.has(slo.id));
      const without = slos.filter(slo => !slis.has(slo.id));
      for (const [group, merge] of [
        [withSli, [...definitionColumns, 'sli', 'as_of']],
        [without, definitionColumns],
      ] as const) {
        for (const chunk of chunks(group, CHUNK)) {
          await tx('oncall_slos')
            .insert(
              chunk.map(slo => ({
                id: slo.id,
                source,
                name: slo.name,
                description: slo.description ?? null,
                type: slo.type ?? null,
                target: slo.target,
                warning: slo.warning ?? null,
                timeframe: slo.timeframe,
                tags: JSON.stringify(slo.tags),
                url: slo.url,
                sli: slis.get(slo.id) ?? null,
                as_of: at.getTime(),
              })),
            )
            .onConflict('id')
            .merge([...merge]);
        }
      }
      // tag rows follow the tags column: rewritten only where the tags changed
      const retagged = slos.filter(
        slo => storedTags.get(slo.id) !== JSON.stringify(slo.tags),
      );
      await replaceTagRows(tx, TAGGED_SLOS, retagged);
    });
  }

  /**
   * Stores the burn-rate windows and days of several SLOs in one transaction, marking their
   * detail as read at `at`.
   */
  async updateDetails(details: SloDetail[], at: Date): Promise<void> {
    await this.db.transaction(async tx => {
      for (const detail of details) {
        await tx('oncall_slos')
          .where({ id: detail.id })
          .update({
            sli_1h: detail.sli1h ?? null,
            sli_6h: detail.sli6h ?? null,
            sli_3d: detail.sli3d ?? null,
            detail_refreshed_at: at.getTime(),
          });
      }
      await upsertDays(
        tx,
        details.flatMap(d => d.days.map(day => ({ id: d.id, day }))),
      );
    });
  }

  /** Each SLO of `source` with when its detail was last read (absent: never). */
  async hasSlos(source: string): Promise<boolean> {
    const row = await this.db('oncall_slos')
      .select('id')
      .where({ source })
      .first();
    return row !== undefined;
  }

  async detailAges(
    source: string,
  ): Promise<Array<{ id: string; refreshedAt?: Date }>> {
    const rows: Array<{
      id: string;
      detail_refreshed_at: number | string | null;
    }> = await this.db('oncall_slos')
      .select('id', 'detail_refreshed_at')
      .where({ source });
    return rows.map(row => ({
      id: row.id,
      refreshedAt:
        row.detail_refreshed_at === null
          ? undefined
          : new Date(Number(row.detail_refreshed_at)),
    }));
  }

  /** The complete stored days on or after `fromDay` of each of `ids`. */
  async completeDays(
    ids: string[],
    fromDay: string,
  ): Promise<Map<string, Set<string>>> {
    const result = new Map<string, Set<string>>(
      ids.map(id => [id, new Set<string>()]),
    );
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows: Array<{ slo_id: string; day: string }> = await this.db(
        'oncall_slo_history',
      )
        .select('slo_id', 'day')
        .whereIn('slo_id', ids.slice(i, i + ID_CHUNK))
        .andWhere('day', '>=', fromDay)
        .andWhere('complete', true);
      rows.forEach(row => result.get(row.slo_id)?.add(row.day));
    }
    return result;
  }

  /** Inserts or replaces days of one SLO's history. */
  async upsertHistory(id: string, days: StoredSloDay[]): Promise<void> {
    await upsertDays(
      this.db,
      days.map(day => ({ id, day })),
    );
  }

  /** Days of `id` on or after `fromDay` (inclusive), oldest first. */
  async history(id: string, fromDay: string): Promise<StoredSloDay[]> {
    const rows: Array<{
      day: string;
      sli: number | string | null;
      complete: boolean | number;
    }> = await this.db('oncall_slo_history')
      .where('slo_id', id)
      .andWhere('day', '>=', fromDay)
      .orderBy('day', 'asc');
    return rows.map(r => ({
      day: r.day,
      sli: num(r.sli),
      complete: Boolean(r.complete),
    }));
  }

  /** Days of each of `ids` on or after `fromDay` (inclusive), oldest first, in one query. */
  async histories(
    ids: string[],
    fromDay: string,
  ): Promise<Map<string, StoredSloDay[]>> {
    const byId = new Map<string, StoredSloDay[]>(ids.map(id => [id, []]));
    for (let i = 0; i < ids.length; i += ID_CHUNK) {
      const rows: Array<{
        slo_id: string;
        day: string;
        sli: number | string | null;
        complete: boolean | number;
      }> = await this.db('oncall_slo_history')
        .select('slo_id', 'day', 'sli', 'complete')
        .whereIn('slo_id', ids.slice(i, i + ID_CHUNK))
        .andWhere('day', '>=', fromDay)
        .orderBy([
          { column: 'slo_id', order: 'asc' },
          { column: 'day', order: 'asc' },
        ]);
      for (const r of rows) {
        byId.get(r.slo_id)?.push({
          day: r.day,
          sli: num(r.sli),
          complete: Boolean(r.complete),
        });
      }
    }
    return byId;
  }

  /** Deletes history older than `beforeDay`. */
  async pruneHistory(beforeDay: string): Promise<void> {
    await this.db('oncall_slo_history').where('day', '<', beforeDay).delete();
  }

  /** All SLOs of a source. */
  async listSlos(source: string): Promise<StoredSlo[]> {
    const rows: SloRow[] = await this.db('oncall_slos')
      .where({ source })
      .orderBy('id');
    return rows.map(fromSloRow);
  }

  /** SLOs matching any of the queries; a query matches an SLO carrying all its tags. */
  async findSlos(queries: string[][]): Promise<StoredSlo[]> {
    const rows = await this.#tagged<SloRow>(TAGGED_SLOS, queries);
    return rows.map(fromSloRow);
  }

  /** Makes the stored monitors exactly `monitors`. */
  async replaceMonitors(monitors: ProviderMonitor[], at: Date): Promise<void> {
    await this.db.transaction(async tx => {
      const ids = monitors.map(m => m.id);
      const gone = tx('oncall_monitors').select('id').whereNotIn('id', ids);
      await tx('oncall_monitor_tags').whereIn('monitor_id', gone).delete();
      await tx('oncall_monitors').whereNotIn('id', ids).delete();
      for (const chunk of chunks(monitors, CHUNK)) {
        await tx('oncall_monitors')
          .insert(
            chunk.map(m => ({
              id: m.id,
              name: m.name,
              state: m.state,
              tags: JSON.stringify(m.tags),
              url: m.url,
              as_of: at.getTime(),
            })),
          )
          .onConflict('id')
          .merge();
      }
      await replaceTagRows(tx, TAGGED_MONITORS, monitors);
    });
  }

  /** Monitors matching any of the queries (all tags of a query). */
  async findMonitors(queries: string[][]): Promise<ProviderMonitor[]> {
    const rows = await this.#tagged<MonitorRow>(TAGGED_MONITORS, queries);
    return rows.map(row => ({
      id: row.id,
      name: row.name,
      state: MONITOR_STATES.find(s => s === row.state) ?? 'other',
      tags: parseTags(row.tags),
      url: row.url,
    }));
  }

  /** The rows of `kind.table`, by name, whose tags match any of the queries. */
  async #tagged<R>(kind: TaggedTables, queries: string[][]): Promise<R[]> {
    const ids = await this.#matching(kind, queries);
    if (ids.length === 0) {
      return [];
    }
    return this.db(kind.table).whereIn('id', ids).orderBy('name').orderBy('id');
  }

  async #matching(kind: TaggedTables, queries: string[][]): Promise<string[]> {
    const { tagTable, idColumn } = kind;
    const ids = new Set<string>();
    for (const raw of queries) {
      const tags = [
        ...new Set(raw.map(t => t.trim().toLocaleLowerCase('en-US'))),
      ].filter(t => t.length > 0);
      if (tags.length === 0) {
        continue;
      }
      const rows: Array<Record<string, string>> = await this.db(tagTable)
        .select(idColumn)
        .whereIn('tag', tags)
        .groupBy(idColumn)
        .havingRaw('count(distinct tag) = ?', [tags.length]);
      rows.forEach(row => ids.add(String(row[idColumn])));
    }
    return [...ids];
  }
}
