import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStats,
  IncidentStatus,
  OPEN_INCIDENT_STATUSES,
  SEVERITIES,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import { Knex } from 'knex';
import {
  ProviderIncident,
  RetrospectiveLookupResult,
} from './IncidentProvider';
import {
  IncidentFilter,
  IncidentPosition,
  IncidentStore,
  StoredIncident,
} from './IncidentStore';
import { chunks } from '../lib/chunks';
import { httpUrl } from '../lib/httpUrl';

const TABLE = 'oncall_incidents';
const SERVICES = 'oncall_incident_services';
/**
 * Incidents per multi-row insert: 19 columns × 500 = 9,500 bound parameters, within SQLite's
 * 32,766 and PostgreSQL's 65,535; a vendor page is written in one statement.
 */
const CHUNK = 500;

type Row = {
  id: string;
  source: string;
  title: string;
  severity: string;
  status: string;
  started_at: number | string;
  acknowledged_at: number | string | null;
  resolved_at: number | string | null;
  updated_at: number | string;
  commander_name: string | null;
  commander_email: string | null;
  slack_channel_name: string | null;
  slack_channel_url: string | null;
  retrospective_status: string | null;
  retrospective_url: string | null;
  /** Boolean; SQLite answers 0/1. */
  retrospective_pending: boolean | number;
  url: string;
  services: string;
};

/** The {@link IncidentStore} in the plugin's database (SQLite or PostgreSQL). */
export class DatabaseIncidentStore implements IncidentStore {
  /** A store over the plugin's migrated database client. */
  static create(options: { knex: Knex }): DatabaseIncidentStore {
    return new DatabaseIncidentStore(options.knex);
  }

  private constructor(private readonly db: Knex) {}

  /** Inserts or updates incidents and their services in one transaction. */
  async upsert(source: string, incidents: ProviderIncident[]): Promise<void> {
    await this.db.transaction(async tx => {
      for (const chunk of chunks(incidents, CHUNK)) {
        const rows = chunk.map(incident => toRow(source, incident));
        await tx(TABLE).insert(rows).onConflict('id').merge();
        await tx(SERVICES)
          .whereIn(
            'incident_id',
            chunk.map(c => c.id),
          )
          .delete();
        const serviceRows = chunk.flatMap(incident =>
          normaliseServices(incident.services).map(service => ({
            incident_id: incident.id,
            service,
            started_at: Date.parse(incident.startedAt),
          })),
        );
        if (serviceRows.length > 0) {
          await tx(SERVICES).insert(serviceRows);
        }
      }
    });
  }

  /**
   * Records the looked-up retrospective of an incident whose retrospective is pending and
   * clears the mark; `found: false` (the vendor has none) keeps the state the list implied.
   * An incident no longer pending (a sync has since looked it up) is left as it is.
   */
  async completeRetrospective(
    id: string,
    result: RetrospectiveLookupResult,
  ): Promise<void> {
    await this.db<Row>(TABLE)
      .where({ id, retrospective_pending: true })
      .update(
        result.found
          ? {
              retrospective_status: result.retrospective?.status ?? null,
              retrospective_url: result.retrospective?.url ?? null,
              retrospective_pending: false,
            }
          : { retrospective_pending: false },
      );
  }

  /** Ids of incidents whose retrospective is still pending, most recently started first. */
  async pendingRetrospectives(limit: number): Promise<string[]> {
    if (limit <= 0) {
      return [];
    }
    const rows: Array<{ id: string }> = await this.db<Row>(TABLE)
      .select('id')
      .where({ retrospective_pending: true })
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit);
    return rows.map(r => r.id);
  }

  /** One page in `startedAt desc, id desc` order, plus the position after it when more follow. */
  async list(
    filter: IncidentFilter,
    page: { limit: number; after?: IncidentPosition },
  ): Promise<{ items: StoredIncident[]; next?: IncidentPosition }> {
    const query = this.#filtered(filter)
      .select(`${TABLE}.*`)
      .orderBy([
        { column: `${TABLE}.started_at`, order: 'desc' },
        { column: `${TABLE}.id`, order: 'desc' },
      ])
      .limit(page.limit + 1);
    const after = page.after;
    if (after) {
      query.where(q =>
        q
          .where(`${TABLE}.started_at`, '<', after.startedAt)
          .orWhere(q2 =>
            q2
              .where(`${TABLE}.started_at`, '=', after.startedAt)
              .andWhere(`${TABLE}.id`, '<', after.id),
          ),
      );
    }
    const rows: Row[] = await query;
    const items = rows.slice(0, page.limit).map(fromRow);
    const last = rows.length > page.limit ? rows[page.limit - 1] : undefined;
    return {
      items,
      next: last
        ? { startedAt: Number(last.started_at), id: last.id }
        : undefined,
    };
  }

  /**
   * Count, severities, MTTA and MTTR over every incident the filter selects, in one query
   * grouped by severity (the means are the sums over the groups divided by their counts).
   */
  async stats(filter: IncidentFilter): Promise<IncidentStats> {
    const rows: Array<{
      severity: string;
      count: number | string;
      ack_sum: number | string | null;
      ack_count: number | string;
      resolve_sum: number | string | null;
      resolve_count: number | string;
    }> = await this.#filtered(filter)
      .select(
        `${TABLE}.severity`,
        this.db.raw('count(*) as count'),
        this.db.raw(
          `sum(${TABLE}.acknowledged_at - ${TABLE}.started_at) as ack_sum`,
        ),
        this.db.raw(`count(${TABLE}.acknowledged_at) as ack_count`),
        this.db.raw(
          `sum(${TABLE}.resolved_at - ${TABLE}.started_at) as resolve_sum`,
        ),
        this.db.raw(`count(${TABLE}.resolved_at) as resolve_count`),
      )
      .groupBy(`${TABLE}.severity`);
    const bySeverity: Record<Severity, number> = {
      sev0: 0,
      sev1: 0,
      sev2: 0,
      sev3: 0,
    };
    const total = { count: 0, ack: 0, acks: 0, resolve: 0, resolves: 0 };
    for (const row of rows) {
      if (isSeverity(row.severity)) {
        bySeverity[row.severity] = Number(row.count);
      }
      total.count += Number(row.count);
      total.ack += Number(row.ack_sum ?? 0);
      total.acks += Number(row.ack_count);
      total.resolve += Number(row.resolve_sum ?? 0);
      total.resolves += Number(row.resolve_count);
    }
    const minutes = (sum: number, count: number) =>
      count === 0 ? undefined : sum / count / 60_000;
    return {
      count: total.count,
      bySeverity,
      mttaMinutes: minutes(total.ack, total.acks),
      mttrMinutes: minutes(total.resolve, total.resolves),
    };
  }

  /** Every incident in a stable order (by id), a page at a time, for the search collator. */
  async listAll(page: {
    limit: number;
    afterId?: string;
  }): Promise<{ items: StoredIncident[]; nextId?: string }> {
    const query = this.db<Row>(TABLE)
      .orderBy('id', 'asc')
      .limit(page.limit + 1);
    if (page.afterId !== undefined) {
      query.where('id', '>', page.afterId);
    }
    const rows: Row[] = await query;
    const items = rows.slice(0, page.limit).map(fromRow);
    return {
      items,
      nextId: rows.length > page.limit ? rows[page.limit - 1].id : undefined,
    };
  }

  /** Deletes incidents that started before `before`; returns how many went. */
  async prune(before: Date): Promise<number> {
    return this.db.transaction<number>(async tx => {
      const ids = tx(TABLE)
        .select('id')
        .where('started_at', '<', before.getTime());
      await tx(SERVICES).whereIn('incident_id', ids).delete();
      const deleted: number = await tx(TABLE)
        .where('started_at', '<', before.getTime())
        .delete();
      return deleted;
    });
  }

  /** Every incident not yet resolved (nor marked a duplicate), newest start first. */
  async listOpen(): Promise<StoredIncident[]> {
    const rows: Row[] = await this.db<Row>(TABLE)
      .whereIn('status', OPEN_INCIDENT_STATUSES)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(fromRow);
  }

  /** Number of stored incidents (all sources). */
  async count(): Promise<number> {
    const [row] = await this.db(TABLE).count({ count: '*' });
    return Number(row.count);
  }

  #filtered(filter: IncidentFilter) {
    const services = normaliseServices(filter.services);
    const query = this.db<Row>(TABLE);
    const matching = this.db(SERVICES)
      .select('incident_id')
      .whereIn('service', services);
    if (filter.from) {
      matching.where('started_at', '>=', filter.from.getTime());
    }
    if (filter.to) {
      matching.where('started_at', '<=', filter.to.getTime());
    }
    query.whereIn(`${TABLE}.id`, matching);
    if (filter.severities && filter.severities.length > 0) {
      query.whereIn(`${TABLE}.severity`, filter.severities);
    }
    if (filter.statuses && filter.statuses.length > 0) {
      query.whereIn(`${TABLE}.status`, filter.statuses);
    }
    return query;
  }
}

function normaliseServices(services: string[]): string[] {
  return [
    ...new Set(
      services
        .map(s => s.trim().toLocaleLowerCase('en-US'))
        .filter(s => s.length > 0),
    ),
  ];
}

function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

function toRow(source: string, incident: ProviderIncident): Row {
  const ms = (iso: string | undefined) =>
    iso === undefined ? null : Date.parse(iso);
  return {
    id: incident.id,
    source,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    started_at: Date.parse(incident.startedAt),
    acknowledged_at: ms(incident.acknowledgedAt),
    resolved_at: ms(incident.resolvedAt),
    updated_at: Date.parse(incident.updatedAt),
    commander_name: incident.commander?.name ?? null,
    commander_email: incident.commander?.email ?? null,
    slack_channel_name: incident.slackChannel?.name ?? null,
    slack_channel_url: incident.slackChannel?.url ?? null,
    retrospective_status: incident.retrospective?.status ?? null,
    retrospective_url: incident.retrospective?.url ?? null,
    retrospective_pending: incident.retrospective?.pending === true,
    url: incident.url,
    services: JSON.stringify(incident.services),
  };
}

function fromRow(row: Row): StoredIncident {
  const iso = (value: number | string | null) =>
    value === null ? undefined : new Date(Number(value)).toISOString();
  const services: unknown = JSON.parse(row.services);
  // rows stored before links were checked at the adapter may still hold another scheme
  const slackUrl = httpUrl(row.slack_channel_url);
  const retrospectiveUrl = httpUrl(row.retrospective_url);
  return {
    id: row.id,
    title: row.title,
    severity: isSeverity(row.severity) ? row.severity : 'sev3',
    status: toStatus(row.status),
    startedAt: new Date(Number(row.started_at)).toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    resolvedAt: iso(row.resolved_at),
    commander: row.commander_name
      ? { name: row.commander_name, email: row.commander_email ?? undefined }
      : undefined,
    slackChannel:
      row.slack_channel_name && slackUrl
        ? { name: row.slack_channel_name, url: slackUrl }
        : undefined,
    retrospective:
      row.retrospective_status && retrospectiveUrl
        ? {
            status: toRetrospectiveStatus(row.retrospective_status),
            url: retrospectiveUrl,
            ...(row.retrospective_pending ? { pending: true as const } : {}),
          }
        : undefined,
    services: Array.isArray(services)
      ? services.filter((s): s is string => typeof s === 'string')
      : [],
    url: row.url,
  };
}

function toStatus(value: string): IncidentStatus {
  return INCIDENT_STATUSES.find(s => s === value) ?? 'investigating';
}

const RETRO: Array<NonNullable<Incident['retrospective']>['status']> = [
  'not_started',
  'in_progress',
  'in_review',
  'completed',
  'not_required',
];

function toRetrospectiveStatus(
  value: string,
): NonNullable<Incident['retrospective']>['status'] {
  return RETRO.find(s => s === value) ?? 'not_started';
}
