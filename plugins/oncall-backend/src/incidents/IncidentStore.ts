import {
  Incident,
  IncidentStats,
  IncidentStatus,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  ProviderIncident,
  RetrospectiveLookupResult,
} from './IncidentProvider';

/** Which incidents a query selects. Services are matched case-insensitively. */
export interface IncidentFilter {
  services: string[];
  from?: Date;
  to?: Date;
  severities?: Severity[];
  statuses?: IncidentStatus[];
}

/** Position after the last item of a page, in `startedAt desc, id desc` order. */
export interface IncidentPosition {
  startedAt: number;
  id: string;
}

/** An incident and the services it was filed against, as stored. */
export type StoredIncident = Incident & { services: string[] };

/** Incidents as last synced, queried by service, time window, severity and status. */
export interface IncidentStore {
  /** Inserts or updates incidents and their services in one transaction. */
  upsert(source: string, incidents: ProviderIncident[]): Promise<void>;
  /**
   * Records the looked-up retrospective of an incident whose retrospective is pending and
   * clears the mark; `found: false` (the vendor has none) keeps the state the list implied.
   * An incident no longer pending (a sync has since looked it up) is left as it is.
   */
  completeRetrospective(
    id: string,
    result: RetrospectiveLookupResult,
  ): Promise<void>;
  /** Ids of incidents whose retrospective is still pending, most recently started first. */
  pendingRetrospectives(limit: number): Promise<string[]>;
  /** One page in `startedAt desc, id desc` order, plus the position after it when more follow. */
  list(
    filter: IncidentFilter,
    page: { limit: number; after?: IncidentPosition },
  ): Promise<{ items: StoredIncident[]; next?: IncidentPosition }>;
  /** Count, severities, MTTA and MTTR over every incident the filter selects. */
  stats(filter: IncidentFilter): Promise<IncidentStats>;
  /** Every incident in a stable order (by id), a page at a time, for the search collator. */
  listAll(page: {
    limit: number;
    afterId?: string;
  }): Promise<{ items: StoredIncident[]; nextId?: string }>;
  /** Deletes incidents that started before `before`; returns how many went. */
  prune(before: Date): Promise<number>;
  /** Every incident not yet resolved (nor marked a duplicate), newest start first. */
  listOpen(): Promise<StoredIncident[]>;
  /** Number of stored incidents (all sources). */
  count(): Promise<number>;
}
