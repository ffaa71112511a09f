import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  MonitorSummary,
  SloReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import { SyncStateStore } from '../database/SyncStateStore';
import { EntityLoader } from '../lib/EntityLoader';
import { EntityParams } from '../lib/entityParams';
import { buildFreshness } from '../lib/freshness';
import { EntityScope, monitorTagsOf, sloTagsOf } from '../lib/EntityScope';
import { buildSlo } from './buildSlo';
import { ProviderMonitor } from './SloProvider';
import { SloStore } from './SloStore';
import { DAY_MS, utcDay } from '../lib/time';
import { SLO_HISTORY_DAYS } from './sloWindows';
import { SloSync } from './SloSync';
import { capEcho } from '../lib/echo';
import { CallerCredentials as Credentials } from '../lib/credentials';

/**
 * The longest monitor query put into a link to DataDog; a longer one (a very large roll-up, or
 * an oversized tag annotation) gets no link rather than one that repeats it all.
 */
const MAX_LINK_QUERY_CHARS = 2000;

/** Builds SLO reports for entities from the store. */
export class SloService {
  constructor(
    private readonly options: {
      store: SloStore;
      syncState: SyncStateStore;
      /** Absent when no SLO vendor is configured. */
      sync?: SloSync;
      entities: EntityLoader;
      scope: EntityScope;
      /** DataDog web UI base for the monitors link. */
      webUrl?: string;
      staleAfterMs: number;
      now?: () => Date;
    },
  ) {}

  #now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async report(
    params: EntityParams,
    credentials: Credentials,
  ): Promise<SloReport> {
    const entity = await this.options.entities.load(params, credentials);
    const members = await this.options.scope.members(entity, credentials);
    const sloQueries = unique(members.map(sloTagsOf));
    const monitorQueries = unique(members.map(monitorTagsOf));
    await this.options.sync?.ensureSynced();
    const fromDay = utcDay(
      this.#now().getTime() - (SLO_HISTORY_DAYS - 1) * DAY_MS,
    );
    const [slos, monitors, states] = await Promise.all([
      this.options.store.findSlos(sloQueries),
      this.options.store.findMonitors(monitorQueries),
      this.options.syncState.listRecent('datadog'),
    ]);
    const histories = await this.options.store.histories(
      slos.map(slo => slo.id),
      fromDay,
    );
    const items = slos.map(slo => buildSlo(slo, histories.get(slo.id) ?? []));
    return {
      entityRef: stringifyEntityRef(entity),
      query: capEcho(describe(sloQueries)),
      items,
      monitors: this.#summary(monitors, monitorQueries),
      freshness: buildFreshness(
        [{ source: 'datadog', states }],
        this.#now(),
        this.options.staleAfterMs,
      ),
    };
  }

  #summary(monitors: ProviderMonitor[], queries: string[][]): MonitorSummary {
    const count = (state: ProviderMonitor['state']) =>
      monitors.filter(m => m.state === state).length;
    const query = describe(queries);
    const webUrl = this.options.webUrl?.replace(/\/+$/, '');
    return {
      alert: count('alert'),
      warn: count('warn'),
      ok: count('ok'),
      noData: count('no_data'),
      total: monitors.length,
      url:
        webUrl && queries.length > 0 && query.length <= MAX_LINK_QUERY_CHARS
          ? `${webUrl}/monitors/manage?q=${encodeURIComponent(query)}`
          : undefined,
      items: monitors.map(m => ({
        id: m.id,
        name: m.name,
        state: m.state,
        url: m.url,
      })),
    };
  }
}

function unique(queries: string[][]): string[][] {
  const seen = new Map<string, string[]>();
  for (const q of queries) {
    const tags = [...new Set(q.map(t => t.toLocaleLowerCase('en-US')))].sort();
    seen.set(tags.join(','), tags);
  }
  return [...seen.values()];
}

/** `service:a OR (service:b AND env:prod)`, DataDog query syntax. */
function describe(queries: string[][]): string {
  const parts = queries.map(q =>
    q.length > 1 ? `(${q.join(' AND ')})` : q[0],
  );
  return parts.join(' OR ');
}
