import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  Incident,
  IncidentPage,
  IncidentStatus,
  Severity,
} from '@oncall-for-backstage/plugin-oncall-common';
import { SyncStateStore } from '../database/SyncStateStore';
import { EntityLoader } from '../lib/EntityLoader';
import { EntityParams } from '../lib/entityParams';
import { buildFreshness } from '../lib/freshness';
import { EntityScope, incidentServiceOf } from '../lib/EntityScope';
import { IncidentStore } from './IncidentStore';
import { IncidentSync } from './IncidentSync';
import { RetrospectiveHydrator } from './RetrospectiveHydrator';
import { decodeCursor, encodeCursor, queryDigest } from './cursor';
import { capEcho } from '../lib/echo';
import { CallerCredentials as Credentials } from '../lib/credentials';

/** Validated query of the incidents route. */
export interface IncidentQuery {
  from?: Date;
  to?: Date;
  severities: Severity[];
  statuses: IncidentStatus[];
  limit: number;
  cursor?: string;
}

/** A page of the collator's stream. */
export interface CollatePage {
  items: Array<Incident & { entityRefs: string[] }>;
  nextCursor?: string;
}

/**
 * Answers incident queries for entities from the store; never waits on the vendor when warm. A
 * page showing incidents whose retrospective is pending has them looked up in the background.
 */
export class IncidentService {
  constructor(
    private readonly options: {
      store: IncidentStore;
      syncState: SyncStateStore;
      /** Absent when no incident vendor is configured. */
      sync?: IncidentSync;
      /** Absent when no incident vendor is configured. */
      hydrator?: RetrospectiveHydrator;
      entities: EntityLoader;
      scope: EntityScope;
      staleAfterMs: number;
      now?: () => Date;
    },
  ) {}

  async page(
    params: EntityParams,
    query: IncidentQuery,
    credentials: Credentials,
  ): Promise<IncidentPage> {
    const entity = await this.options.entities.load(params, credentials);
    const entityRef = stringifyEntityRef(entity);
    const members = await this.options.scope.members(entity, credentials);
    const services = [...new Set(members.map(incidentServiceOf))].sort();
    const filter = {
      services,
      from: query.from,
      to: query.to,
      severities: query.severities,
      statuses: query.statuses,
    };
    const digest = queryDigest({
      entityRef,
      from: query.from?.getTime(),
      to: query.to?.getTime(),
      severities: [...query.severities].sort(),
      statuses: [...query.statuses].sort(),
    });
    const after = query.cursor ? decodeCursor(query.cursor, digest) : undefined;
    await this.options.sync?.ensureSynced();
    const [page, stats, states] = await Promise.all([
      this.options.store.list(filter, { limit: query.limit, after }),
      this.options.store.stats(filter),
      this.options.syncState.listRecent('blameless'),
    ]);
    const pending = page.items.filter(i => i.retrospective?.pending);
    if (pending.length > 0) {
      this.options.hydrator?.request(pending.map(i => i.id));
    }
    return {
      entityRef,
      services: services.map(service => capEcho(service)),
      items: page.items,
      stats,
      nextCursor: page.next ? encodeCursor(page.next, digest) : undefined,
      freshness: buildFreshness(
        [{ source: 'blameless', states }],
        this.options.now?.() ?? new Date(),
        this.options.staleAfterMs,
      ),
    };
  }

  /** Every stored incident with the entities it maps to, by id, for the search collator. */
  async collate(
    query: { cursor?: string; limit: number },
    credentials: Credentials,
  ): Promise<CollatePage> {
    const afterId =
      query.cursor === undefined
        ? undefined
        : decodeCollateCursor(query.cursor);
    const [page, index] = await Promise.all([
      this.options.store.listAll({ limit: query.limit, afterId }),
      this.options.scope.serviceIndex(credentials),
    ]);
    return {
      items: page.items.map(incident => ({
        ...incident,
        entityRefs: [
          ...new Set(
            incident.services.flatMap(
              s => index.get(s.toLocaleLowerCase('en-US')) ?? [],
            ),
          ),
        ].sort(),
      })),
      nextCursor:
        page.nextId === undefined
          ? undefined
          : Buffer.from(JSON.stringify({ after: page.nextId })).toString(
              'base64url',
            ),
    };
  }
}

function decodeCollateCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    );
    if (
      typeof value === 'object' &&
      value !== null &&
      'after' in value &&
      typeof value.after === 'string'
    ) {
      return value.after;
    }
  } catch {
    // fall through
  }
  throw new InputError('cursor: is not a cursor this API issued');
}
