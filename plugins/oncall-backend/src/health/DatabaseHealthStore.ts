import { DatabaseService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { getMigratedClient } from '../database/migrations';
import { chunks } from '../lib/chunks';
import { Vendor } from '../lib/Vendor';
import { HealthStore, StoredPage, StoredShift } from './HealthStore';

/** Rows per insert: under SQLite's 999 bound variables with 20 columns a row. */
const CHUNK = 40;

type PageRow = {
  source: string;
  id: string;
  team_id: string;
  short_id: string | null;
  key: string;
  message: string;
  priority: string | null;
  status: string;
  count: number;
  created_at: number | string;
  updated_at: number | string;
  acknowledged_at: number | string | null;
  acknowledged_by: string | null;
  closed_at: number | string | null;
  closed_by: string | null;
  responder: string | null;
  responder_time_zone: string | null;
  rotation: string | null;
  schedule_name: string | null;
};

type ShiftRow = {
  source: string;
  team_id: string;
  schedule_id: string;
  rotation: string;
  start_at: number | string;
  end_at: number | string;
  username: string;
  schedule_name: string;
};

const ms = (d: Date | undefined) => (d === undefined ? null : d.getTime());
const date = (v: number | string | null) =>
  v === null ? undefined : new Date(Number(v));
const lower = (v: string | undefined) =>
  v === undefined ? null : v.toLocaleLowerCase('en-US');

function toPageRow(source: Vendor, p: StoredPage): PageRow {
  return {
    source,
    id: p.id,
    team_id: p.teamId,
    short_id: p.shortId ?? null,
    key: p.key.slice(0, 512),
    message: p.message,
    priority: p.priority ?? null,
    status: p.status,
    count: p.count,
    created_at: p.createdAt.getTime(),
    updated_at: p.updatedAt.getTime(),
    acknowledged_at: ms(p.acknowledgedAt),
    acknowledged_by: lower(p.acknowledgedBy),
    closed_at: ms(p.closedAt),
    closed_by: p.closedBy ?? null,
    responder: lower(p.responder),
    responder_time_zone: p.responderTimeZone ?? null,
    rotation: p.rotation ?? null,
    schedule_name: p.scheduleName ?? null,
  };
}

function fromPageRow(r: PageRow): StoredPage {
  return {
    id: r.id,
    teamId: r.team_id,
    shortId: r.short_id ?? undefined,
    key: r.key,
    message: r.message,
    priority: r.priority ?? undefined,
    status: r.status === 'closed' ? 'closed' : 'open',
    count: Number(r.count),
    createdAt: new Date(Number(r.created_at)),
    updatedAt: new Date(Number(r.updated_at)),
    acknowledgedAt: date(r.acknowledged_at),
    acknowledgedBy: r.acknowledged_by ?? undefined,
    closedAt: date(r.closed_at),
    closedBy: r.closed_by ?? undefined,
    responder: r.responder ?? undefined,
    responderTimeZone: r.responder_time_zone ?? undefined,
    rotation: r.rotation ?? undefined,
    scheduleName: r.schedule_name ?? undefined,
  };
}

function fromShiftRow(r: ShiftRow): StoredShift {
  return {
    teamId: r.team_id,
    scheduleId: r.schedule_id,
    scheduleName: r.schedule_name,
    rotation: r.rotation,
    username: r.username,
    start: new Date(Number(r.start_at)),
    end: new Date(Number(r.end_at)),
  };
}

/** {@link HealthStore} in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseHealthStore implements HealthStore {
  private constructor(private readonly db: Knex) {}

  /** From the plugin's database service, migrations applied. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseHealthStore> {
    return new DatabaseHealthStore(await getMigratedClient(options.database));
  }

  /** Over a knex client whose migrations the caller applied. */
  static fromClient(db: Knex): DatabaseHealthStore {
    return new DatabaseHealthStore(db);
  }

  async upsertPages(source: Vendor, pages: StoredPage[]): Promise<void> {
    const rows = pages.map(p => toPageRow(source, p));
    await this.db.transaction(async tx => {
      for (const batch of chunks(rows, CHUNK)) {
        await tx('oncall_health_pages')
          .insert(batch)
          .onConflict(['source', 'id'])
          .merge();
      }
    });
  }

  async replaceShifts(
    source: Vendor,
    teamId: string,
    from: Date,
    shifts: StoredShift[],
  ): Promise<void> {
    const cut = from.getTime();
    const rows: ShiftRow[] = shifts.map(s => ({
      source,
      team_id: s.teamId,
      schedule_id: s.scheduleId,
      rotation: s.rotation,
      start_at: s.start.getTime(),
      end_at: s.end.getTime(),
      username: s.username.toLocaleLowerCase('en-US'),
      schedule_name: s.scheduleName,
    }));
    await this.db.transaction(async tx => {
      const team = { source, team_id: teamId };
      await tx('oncall_health_shifts')
        .where(team)
        .where('start_at', '>=', cut)
        .delete();
      await tx('oncall_health_shifts')
        .where(team)
        .where('end_at', '>', cut)
        .update({ end_at: cut });
      for (const batch of chunks(rows, CHUNK)) {
        await tx('oncall_health_shifts')
          .insert(batch)
          .onConflict([
            'source',
            'team_id',
            'schedule_id',
            'rotation',
            'start_at',
          ])
          .merge(['end_at', 'username', 'schedule_name']);
      }
    });
  }

  async listPages(
    source: Vendor,
    teamId: string,
    from: Date,
    to: Date,
  ): Promise<StoredPage[]> {
    const rows: PageRow[] = await this.db('oncall_health_pages')
      .where({ source, team_id: teamId })
      .where('created_at', '>=', from.getTime())
      .where('created_at', '<', to.getTime())
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(fromPageRow);
  }

  async listShifts(
    source: Vendor,
    teamId: string,
    from: Date,
    to: Date,
  ): Promise<StoredShift[]> {
    const rows: ShiftRow[] = await this.db('oncall_health_shifts')
      .where({ source, team_id: teamId })
      .where('end_at', '>', from.getTime())
      .where('start_at', '<', to.getTime())
      .orderBy([
        { column: 'start_at', order: 'asc' },
        { column: 'rotation', order: 'asc' },
      ]);
    return rows.map(fromShiftRow);
  }

  async lastShifts(
    username: string,
    before: Date,
    limit: number,
  ): Promise<StoredShift[]> {
    const rows: ShiftRow[] = await this.db('oncall_health_shifts')
      .where({ username: username.toLocaleLowerCase('en-US') })
      .where('start_at', '<', before.getTime())
      .orderBy('start_at', 'desc')
      .limit(limit);
    return rows.map(fromShiftRow);
  }

  async prune(before: Date): Promise<number> {
    const cutoff = before.getTime();
    await this.db('oncall_health_shifts').where('end_at', '<', cutoff).delete();
    return this.db('oncall_health_pages')
      .where('created_at', '<', cutoff)
      .delete();
  }
}
