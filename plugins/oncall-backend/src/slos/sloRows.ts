import { Knex } from 'knex';
import { chunks } from '../lib/chunks';
import { MonitorState } from './SloProvider';
import { StoredSlo, StoredSloDay } from './SloStore';

/** Rows of the SLO tables and how they read back into the store's types. */

export type SloRow = {
  id: string;
  source: string;
  name: string;
  description: string | null;
  type: string | null;
  target: number | string;
  warning: number | string | null;
  timeframe: string;
  sli: number | string | null;
  sli_1h: number | string | null;
  sli_6h: number | string | null;
  sli_3d: number | string | null;
  tags: string;
  url: string;
  as_of: number | string;
  detail_refreshed_at: number | string | null;
};

export type MonitorRow = {
  id: string;
  name: string;
  state: string;
  tags: string;
  url: string;
  as_of: number | string;
};

/**
 * Rows per multi-row insert: at most 12 columns × 500 = 6,000 bound parameters, within
 * SQLite's 32,766 and PostgreSQL's 65,535. Fewer rows per statement cost a round trip each
 * (10,000 SLOs × 90 days of history).
 */
export const CHUNK = 500;
/** Ids per `whereIn` read. */
export const ID_CHUNK = 500;
export const num = (v: number | string | null) =>
  v === null ? undefined : Number(v);
export const MONITOR_STATES: MonitorState[] = [
  'alert',
  'warn',
  'ok',
  'no_data',
  'other',
];

export async function upsertDays(
  db: Knex,
  days: Array<{ id: string; day: StoredSloDay }>,
): Promise<void> {
  for (const chunk of chunks(days, CHUNK)) {
    await db('oncall_slo_history')
      .insert(
        chunk.map(({ id, day }) => ({
          slo_id: id,
          day: day.day,
          sli: day.sli ?? null,
          complete: day.complete,
        })),
      )
      .onConflict(['slo_id', 'day'])
      .merge(['sli', 'complete']);
  }
}

/** A table of tagged records, with the table of their tags and its column naming the record. */
export interface TaggedTables {
  table: 'oncall_slos' | 'oncall_monitors';
  tagTable: 'oncall_slo_tags' | 'oncall_monitor_tags';
  idColumn: 'slo_id' | 'monitor_id';
}

export const TAGGED_SLOS: TaggedTables = {
  table: 'oncall_slos',
  tagTable: 'oncall_slo_tags',
  idColumn: 'slo_id',
};

export const TAGGED_MONITORS: TaggedTables = {
  table: 'oncall_monitors',
  tagTable: 'oncall_monitor_tags',
  idColumn: 'monitor_id',
};

/**
 * Makes the tag rows of each of `items` its tags (deduplicated): the rows of those items are
 * deleted and inserted again, {@link CHUNK} items per statement.
 */
export async function replaceTagRows(
  db: Knex,
  kind: TaggedTables,
  items: Array<{ id: string; tags: string[] }>,
): Promise<void> {
  const { tagTable: table, idColumn: column } = kind;
  for (const chunk of chunks(items, CHUNK)) {
    await db(table)
      .whereIn(
        column,
        chunk.map(item => item.id),
      )
      .delete();
    const rows = chunk.flatMap(item =>
      [...new Set(item.tags)].map(tag => ({ [column]: item.id, tag })),
    );
    for (const batch of chunks(rows, CHUNK)) {
      await db(table).insert(batch);
    }
  }
}

export function parseTags(json: string): string[] {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value)
    ? value.filter((t): t is string => typeof t === 'string')
    : [];
}

export function fromSloRow(row: SloRow): StoredSlo {
  return {
    id: row.id,
    name: row.name,
    description: row.description ?? undefined,
    type:
      row.type === 'metric' || row.type === 'monitor' ? row.type : undefined,
    tags: parseTags(row.tags),
    target: Number(row.target),
    warning: num(row.warning),
    timeframe: row.timeframe,
    url: row.url,
    sli: num(row.sli),
    sli1h: num(row.sli_1h),
    sli6h: num(row.sli_6h),
    sli3d: num(row.sli_3d),
    asOf: new Date(Number(row.as_of)),
    burnRatesAsOf:
      row.detail_refreshed_at === null
        ? undefined
        : new Date(Number(row.detail_refreshed_at)),
  };
}
