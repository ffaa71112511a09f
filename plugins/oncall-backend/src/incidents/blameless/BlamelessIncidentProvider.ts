import { LoggerService } from '@backstage/backend-plugin-api';
import { Severity } from '@internal/plugin-oncall-common';
import { BlamelessConfig } from '../../config';
import { formatZodError } from '../../lib/entityParams';
import { isVendorError } from '../../lib/VendorError';
import {
  VendorHttpClient,
  VendorRequest,
  encodePath,
  secondsHeaderMs,
} from '../../lib/VendorHttpClient';
import {
  ResilienceOptions,
  VendorPolicy,
  createVendorPolicy,
} from '../../lib/resilience';
import {
  IncidentListPage,
  IncidentProvider,
  ProviderIncident,
  RejectedIncident,
} from '../IncidentProvider';
import { BlamelessTokenSource, isUnauthorized } from './BlamelessTokenSource';
import {
  RetrospectiveLookup,
  UnmappableIncident,
  mapIncident,
} from './mapIncident';
import {
  BlamelessIncident,
  incidentGetSchema,
  incidentListSchema,
  incidentSchema,
  postmortemSchema,
  severitiesSchema,
} from './wire';

/** How long the tenant's severity labels are reused. */
const SEVERITY_TTL_MS = 60 * 60_000;

/**
 * Blameless behind {@link IncidentProvider}: the only code that knows Blameless's wire format.
 *
 * - Auth: the API key is exchanged for a JWT ({@link BlamelessTokenSource}); a 401 renews the
 *   token once and repeats the call.
 * - List: `GET /api/v1/incidents?limit&offset` with `pagination.count`, plus
 *   `updated_since` (epoch ms) and `order_by=updated&order=asc` — filter and order are
 *   **inferred** extensions (no surviving Blameless source documents them). When a tenant
 *   ignores them, records older than the watermark are dropped here and paging stops at the
 *   first such record of a newest-first listing.
 * - Retrospective: `GET /api/v1/incidents/:id/postmortem`; 404 = none yet.
 * - Severity: `GET /api/v2/settings/incidents/severities` (level → label), then the configured
 *   label → sev0..sev3 map; without settings the labels default to `SEV<level>`.
 */
export class BlamelessIncidentProvider implements IncidentProvider {
  readonly source = 'blameless' as const;
  readonly #http: VendorHttpClient;
  readonly #tokens: BlamelessTokenSource;
  readonly #config: BlamelessConfig;
  readonly #logger: LoggerService;
  readonly #now: () => number;
  #labels?: { byLevel: Map<number, string>; until: number };

  static create(options: {
    config: BlamelessConfig;
    logger: LoggerService;
    resilience?: Partial<ResilienceOptions>;
    now?: () => number;
  }): BlamelessIncidentProvider {
    const logger = options.logger.child({ upstream: 'blameless' });
    const policy = createVendorPolicy('blameless', logger, options.resilience);
    return new BlamelessIncidentProvider(
      options.config,
      policy,
      logger,
      options.resilience?.timeoutMs ?? 5000,
      options.now ?? Date.now,
    );
  }

  private constructor(
    config: BlamelessConfig,
    policy: VendorPolicy,
    logger: LoggerService,
    timeoutMs: number,
    now: () => number,
  ) {
    this.#config = config;
    this.#logger = logger;
    this.#now = now;
    const retryAfterMs = (headers: Headers) =>
      secondsHeaderMs(headers, 'Retry-After');
    this.#tokens = new BlamelessTokenSource({
      http: new VendorHttpClient({
        vendor: 'blameless',
        baseUrl: config.baseUrl,
        policy,
        authHeaders: async () => ({ Authorization: config.apiKey }),
        retryAfterMs,
      }),
      timeoutMs,
      now,
    });
    this.#http = new VendorHttpClient({
      vendor: 'blameless',
      baseUrl: config.baseUrl,
      policy,
      authHeaders: async () => ({
        Authorization: `Bearer ${await this.#tokens.token()}`,
      }),
      retryAfterMs,
    });
  }

  async listIncidents(options: {
    updatedSince: Date;
    offset: number;
    limit: number;
  }): Promise<IncidentListPage> {
    const since = options.updatedSince.getTime();
    const body = await this.#request({
      path: encodePath('api', 'v1', 'incidents'),
      query: {
        limit: options.limit,
        offset: options.offset,
        updated_since: since,
        order_by: 'updated',
        order: 'asc',
      },
      schema: incidentListSchema,
    });
    const rejected: RejectedIncident[] = [];
    const parsed: BlamelessIncident[] = [];
    for (const raw of body.incidents) {
      const result = incidentSchema.safeParse(raw);
      if (result.success) {
        parsed.push(result.data);
      } else {
        rejected.push({ id: rawId(raw), reason: formatZodError(result.error) });
      }
    }
    const updated = parsed.map(i => i.updated ?? i.created);
    const ascending = updated.every((u, i) => i === 0 || updated[i - 1] <= u);
    const fresh = parsed.filter(i => (i.updated ?? i.created) >= since);
    const olderSeen = fresh.length < parsed.length;
    const received = body.incidents.length;
    const count = body.pagination?.count;
    const more =
      count !== undefined
        ? options.offset + received < count
        : received >= options.limit;
    const items = await this.#mapAll(fresh, rejected);
    return {
      items,
      rejected,
      received,
      hasMore: received > 0 && more && !(olderSeen && !ascending),
      ascending,
    };
  }

  async getIncident(id: string): Promise<ProviderIncident | undefined> {
    const response = await this.#requestWithStatus({
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
    const [item] = await this.#mapAll([parsed.data], rejected);
    if (!item) {
      throw new UnmappableIncident(`incident ${id}: ${rejected[0]?.reason}`);
    }
    return item;
  }

  async #mapAll(
    incidents: BlamelessIncident[],
    rejected: RejectedIncident[],
  ): Promise<ProviderIncident[]> {
    if (incidents.length === 0) {
      return [];
    }
    const labels = await this.#severityLabels();
    const severityOf = (level: number): Severity | undefined =>
      this.#config.severityMap[
        (labels.get(level) ?? `SEV${level}`).toLocaleUpperCase('en-US')
      ];
    const retrospectives = await Promise.all(
      incidents.map(incident => this.#retrospective(incident._id)),
    );
    const items: ProviderIncident[] = [];
    incidents.forEach((incident, index) => {
      try {
        items.push(
          mapIncident(incident, retrospectives[index], {
            baseUrl: this.#config.baseUrl,
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
    const response = await this.#requestWithStatus({
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
    if (this.#labels && this.#now() < this.#labels.until) {
      return this.#labels.byLevel;
    }
    let byLevel = new Map<number, string>();
    try {
      const response = await this.#requestWithStatus({
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
      this.#logger.warn('Blameless severity settings unreadable; using SEV<level>', {
        error: error.message,
      });
    }
    this.#labels = { byLevel, until: this.#now() + SEVERITY_TTL_MS };
    return byLevel;
  }

  async #request<T>(request: VendorRequest<T>): Promise<T> {
    return (await this.#requestWithStatus(request)).body;
  }

  /** Runs a call; a 401 renews the token once and repeats it. */
  async #requestWithStatus<T>(request: VendorRequest<T>) {
    try {
      return await this.#http.requestWithResponse(request);
    } catch (error) {
      if (!isUnauthorized(error)) {
        throw error;
      }
      this.#tokens.invalidate();
      return this.#http.requestWithResponse(request);
    }
  }
}

function rawId(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && '_id' in raw) {
    const id = raw._id;
    return typeof id === 'string' || typeof id === 'number'
      ? String(id)
      : undefined;
  }
  return undefined;
}
