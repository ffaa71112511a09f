import { LoggerService } from '@backstage/backend-plugin-api';
import { Severity } from '@oncall-for-backstage/plugin-oncall-common';
import { BlamelessConfig } from '../../config';
import { formatZodError } from '../../lib/entityParams';
import { isVendorError } from '../../lib/VendorError';
import { encodePath } from '../../lib/VendorHttpClient';
import { VendorPolicy } from '../../lib/resilience';
import {
  IncidentChangesPage,
  IncidentProvider,
  ProviderIncident,
  RejectedIncident,
  RetrospectiveLookupResult,
} from '../IncidentProvider';
import { BlamelessClient } from './BlamelessClient';
import {
  RetrospectiveLookup,
  UnmappableIncident,
  foundRetrospective,
  mapIncident,
  needsRetrospectiveLookup,
} from './mapIncident';
import {
  BlamelessIncident,
  IncidentList,
  incidentGetSchema,
  incidentListSchema,
  incidentSchema,
  postmortemSchema,
  severitiesSchema,
} from './wire';
import { DAY_MS } from '../../lib/time';
import { parseIncidents, updatedOf } from './parseIncidents';

/** Incidents per list call. */
const DEFAULT_PAGE_SIZE = 100;
/** How long the tenant's severity labels are reused. */
const SEVERITY_TTL_MS = 60 * 60_000;
/** Default of `oncall.blameless.retrospectiveDays`. */
const DEFAULT_RETROSPECTIVE_DAYS = 30;
/** Re-reads of one window whose count keeps changing before falling back to newest-first. */
const MAX_COUNT_RETRIES = 3;

/**
 * Blameless behind {@link IncidentProvider}: the only code that knows Blameless's wire format.
 *
 * - Auth: the API key is exchanged for a JWT ({@link BlamelessTokenSource}); a 401 renews the
 *   token once and repeats the call.
 * - List: `GET /api/v1/incidents?limit&offset` with `pagination.count` (total), newest change
 *   first, plus `updated_since` (epoch ms) — an **inferred** extension no surviving Blameless
 *   source documents; see {@link BlamelessIncidentProvider.changesSince} for the fallback.
 * - Retrospective: `GET /api/v1/incidents/:id/postmortem`; 404 = none yet. The list has no
 *   retrospective state, so the sync looks it up only for incidents that started within
 *   `retrospectiveDays` or are still open; older resolved incidents carry the state the list
 *   implies, marked `pending`, until {@link BlamelessIncidentProvider.getRetrospective}.
 * - Severity: `GET /api/v2/settings/incidents/severities` (level → label), then the configured
 *   label → sev0..sev3 map; without settings the labels default to `SEV<level>`.
 */
export class BlamelessIncidentProvider implements IncidentProvider {
  readonly source = 'blameless' as const;
  #labels?: { byLevel: Map<number, string>; until: number };

  static create(options: {
    config: BlamelessConfig;
    logger: LoggerService;
    /** Guards every call to Blameless; built by `createVendorPolicy('blameless', …)`. */
    policy: VendorPolicy;
    now?: () => number;
  }): BlamelessIncidentProvider {
    const { config, policy } = options;
    const now = options.now ?? Date.now;
    return new BlamelessIncidentProvider(
      config,
      options.logger.child({ upstream: 'blameless' }),
      now,
      new BlamelessClient({ config, policy, timeoutMs: policy.timeoutMs, now }),
    );
  }

  private constructor(
    private readonly config: BlamelessConfig,
    private readonly logger: LoggerService,
    private readonly now: () => number,
    private readonly client: BlamelessClient,
  ) {}

  /**
   * Walks the changes oldest first although Blameless lists newest first: read the total for
   * `updated_since` with a one-record probe, fetch the oldest page (the highest offsets), commit
   * it, move `updated_since` to its newest change and repeat. Each page's newest change is a safe
   * watermark, and changes made while the walk runs only ever land in later windows. Only the
   * first window is probed: a later window's total is the previous total minus the records
   * strictly older than its new `updated_since`, and each page is checked against the total its
   * own response carries — when changes arrived meanwhile the page is read again at the
   * corrected offset, so the oldest records are never skipped. Should a tenant ignore
   * `updated_since` or send no total, more than a page of changes share one millisecond, or the
   * total keep moving, the walk falls back to newest-first offset paging with the watermark on
   * its last page only.
   */
  async *changesSince(
    since: Date,
    options: { pageSize?: number } = {},
  ): AsyncGenerator<IncidentChangesPage> {
    const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    let from = since.getTime();
    /** Ids already delivered whose change is exactly at `from` (the window is inclusive). */
    let delivered = new Set<string>();
    const probe = await this.#list(from, 0, 1);
    /** The number of changes at or after `from`, as last read or predicted. */
    let count = probe.pagination?.count;
    if (count === undefined) {
      yield* this.#newestFirst(from, pageSize);
      return;
    }
    if (count === 0 || probe.incidents.length === 0) {
      return;
    }
    for (;;) {
      const read = await this.#oldestPage(from, count, pageSize);
      if (read === 'unstable') {
        yield* this.#newestFirst(from, pageSize);
        return;
      }
      if (read === 'empty') {
        return;
      }
      const { body, offset } = read;
      count = read.count;
      const { parsed, rejected } = parseIncidents(body.incidents);
      const changed = parsed.map(updatedOf);
      const windowStart = from;
      const alreadyDelivered = delivered;
      if (changed.some(u => u < windowStart)) {
        yield* this.#newestFirst(from, pageSize);
        return;
      }
      const newest = Math.max(from, ...changed);
      const fresh = parsed.filter(
        i =>
          !(
            updatedOf(i) === windowStart && alreadyDelivered.has(String(i._id))
          ),
      );
      if (fresh.length === 0 && rejected.length === 0 && offset > 0) {
        yield* this.#newestFirst(from, pageSize);
        return;
      }
      const items = await this.#mapAll(
        fresh.sort((x, y) => updatedOf(x) - updatedOf(y)),
        rejected,
        'recent-or-open',
      );
      if (offset === 0) {
        yield { items, rejected, watermark: new Date(newest) };
        return;
      }
      if (newest <= from) {
        yield { items, rejected };
        yield* this.#newestFirst(from, pageSize);
        return;
      }
      yield { items, rejected, watermark: new Date(newest) };
      delivered = new Set(
        parsed.filter(i => updatedOf(i) === newest).map(i => String(i._id)),
      );
      // Records below this page's offset are newer still, so those strictly older than the
      // new window's start are all on this page. A rejected record's time is unknown; a wrong
      // prediction only costs the re-read below.
      count -= changed.filter(u => u < newest).length;
      from = newest;
    }
  }

  /**
   * The oldest page of the window at `from`, read at the offset `expected` implies and again
   * at the offset the response's own total implies while the two differ.
   */
  async #oldestPage(
    from: number,
    expected: number,
    pageSize: number,
  ): Promise<
    { body: IncidentList; offset: number; count: number } | 'empty' | 'unstable'
  > {
    let count = expected;
    for (let attempt = 0; attempt <= MAX_COUNT_RETRIES; attempt++) {
      const offset = Math.max(0, count - pageSize);
      const body = await this.#list(from, offset, pageSize);
      const actual = body.pagination?.count;
      if (actual === undefined) {
        return 'unstable';
      }
      if (actual === count) {
        return body.incidents.length === 0 ? 'empty' : { body, offset, count };
      }
      if (actual === 0) {
        return 'empty';
      }
      count = actual;
    }
    return 'unstable';
  }

  /** Offset paging in the vendor's newest-first order; only the last page carries a watermark. */
  async *#newestFirst(
    from: number,
    pageSize: number,
  ): AsyncGenerator<IncidentChangesPage> {
    let offset = 0;
    let newest = from;
    for (;;) {
      const body = await this.#list(from, offset, pageSize);
      const { parsed, rejected } = parseIncidents(body.incidents);
      const fresh = parsed.filter(i => updatedOf(i) >= from);
      newest = Math.max(newest, ...fresh.map(updatedOf));
      const received = body.incidents.length;
      const count = body.pagination?.count;
      const more =
        received > 0 &&
        fresh.length === parsed.length &&
        (count !== undefined
          ? offset + received < count
          : received >= pageSize);
      const items = await this.#mapAll(fresh, rejected, 'recent-or-open');
      yield {
        items,
        rejected,
        watermark: more ? undefined : new Date(newest),
      };
      if (!more) {
        return;
      }
      offset += received;
    }
  }

  async #list(from: number, offset: number, limit: number) {
    return this.client.request({
      path: encodePath('api', 'v1', 'incidents'),
      query: { limit, offset, updated_since: from },
      schema: incidentListSchema,
    });
  }

  async getIncident(id: string): Promise<ProviderIncident | undefined> {
    const response = await this.client.requestWithStatus({
      path: encodePath('api', 'v1', 'incidents', id),
      schema: incidentGetSchema.or(incidentGetSchema.partial()),
      acceptStatus: [404],
    });
    if (response.status === 404 || response.body.incident === undefined) {
      return undefined;
    }
    const parsed = incidentSchema.safeParse(response.body.incident);
    if (!parsed.success) {
      throw new UnmappableIncident(
        `incident ${id}: ${formatZodError(parsed.error)}`,
      );
    }
    const rejected: RejectedIncident[] = [];
    const [item] = await this.#mapAll([parsed.data], rejected, 'all');
    if (!item) {
      throw new UnmappableIncident(`incident ${id}: ${rejected[0]?.reason}`);
    }
    return item;
  }

  async getRetrospective(id: string): Promise<RetrospectiveLookupResult> {
    const lookup = await this.#retrospective(id);
    return lookup.found
      ? {
          found: true,
          retrospective: foundRetrospective(
            id,
            lookup.state,
            this.config.baseUrl,
          ),
        }
      : { found: false };
  }

  /**
   * Maps incidents with their retrospectives, looked up for `all` or only for those that are
   * recent or open ({@link needsRetrospectiveLookup}); the rest are marked pending.
   */
  async #mapAll(
    incidents: BlamelessIncident[],
    rejected: RejectedIncident[],
    lookups: 'all' | 'recent-or-open',
  ): Promise<ProviderIncident[]> {
    if (incidents.length === 0) {
      return [];
    }
    const labels = await this.#severityLabels();
    const severityOf = (level: number): Severity | undefined =>
      this.config.severityMap[
        (labels.get(level) ?? `SEV${level}`).toLocaleUpperCase('en-US')
      ];
    const recentSince =
      this.now() -
      (this.config.retrospectiveDays ?? DEFAULT_RETROSPECTIVE_DAYS) * DAY_MS;
    const retrospectives = await Promise.all(
      incidents.map(
        (incident): Promise<RetrospectiveLookup> =>
          lookups === 'all' || needsRetrospectiveLookup(incident, recentSince)
            ? this.#retrospective(incident._id)
            : Promise.resolve({ found: false, pending: true }),
      ),
    );
    const items: ProviderIncident[] = [];
    incidents.forEach((incident, index) => {
      try {
        items.push(
          mapIncident(incident, retrospectives[index], {
            baseUrl: this.config.baseUrl,
            severityOf,
          }),
        );
      } catch (error) {
        if (!(error instanceof UnmappableIncident)) {
          throw error;
        }
        rejected.push({ id: String(incident._id), reason: error.message });
      }
    });
    return items;
  }

  async #retrospective(id: string | number): Promise<RetrospectiveLookup> {
    const response = await this.client.requestWithStatus({
      path: encodePath('api', 'v1', 'incidents', id, 'postmortem'),
      schema: postmortemSchema.or(postmortemSchema.partial()),
      acceptStatus: [404],
    });
    if (response.status === 404 || !response.body.postmortem) {
      return { found: false };
    }
    const postmortem = response.body.postmortem;
    return { found: true, state: postmortem.state ?? postmortem.status };
  }

  async #severityLabels(): Promise<Map<number, string>> {
    if (this.#labels && this.now() < this.#labels.until) {
      return this.#labels.byLevel;
    }
    let byLevel = new Map<number, string>();
    try {
      const response = await this.client.requestWithStatus({
        path: encodePath('api', 'v2', 'settings', 'incidents', 'severities'),
        schema: severitiesSchema.or(severitiesSchema.partial()),
        acceptStatus: [404],
      });
      byLevel = new Map(
        (response.body.severities ?? []).map(s => [s.level, s.label]),
      );
    } catch (error) {
      if (!isVendorError(error) || error.kind !== 'malformed') {
        throw error;
      }
      this.logger.warn(
        'Blameless severity settings unreadable; using SEV<level>',
        {
          error: error.message,
        },
      );
    }
    this.#labels = { byLevel, until: this.now() + SEVERITY_TTL_MS };
    return byLevel;
  }
}
