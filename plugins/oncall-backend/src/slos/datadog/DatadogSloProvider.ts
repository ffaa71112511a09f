import { DatadogConfig } from '../../config';
import { formatZodError } from '../../lib/entityParams';
import { requireHttpUrl } from '../../lib/httpUrl';
import { VendorPolicy } from '../../lib/resilience';
import {
  VendorHttpClient,
  encodePath,
  secondsHeaderMs,
} from '../../lib/VendorHttpClient';
import { mapWithConcurrency } from '../../lib/mapWithConcurrency';
import { rawRecordId } from '../../lib/rawRecordId';
import {
  MonitorState,
  ProviderMonitor,
  ProviderSlo,
  ProviderSloStatus,
  ProviderSloStatuses,
  RejectedRecord,
  SliBreakdown,
  SloProvider,
} from '../SloProvider';
import { splitHistory } from './splitHistory';
import {
  DatadogSlo,
  DatadogSloSearchItem,
  DatadogSloStatus,
  monitorListSchema,
  monitorSchema,
  sloHistorySchema,
  sloListSchema,
  sloSchema,
  sloSearchItemSchema,
  sloSearchPageSchema,
} from './wire';

const SLO_PAGE = 1000;
/** SLOs per search page; DataDog's default is 10, 100 stays well within what it serves. */
export const SEARCH_PAGE = 100;
/** Search pages requested at once after the first. */
const SEARCH_PARALLEL = 8;
const MONITOR_PAGE = 100;

const MONITOR_STATES: Record<string, MonitorState> = {
  alert: 'alert',
  warn: 'warn',
  ok: 'ok',
  'no data': 'no_data',
};

/**
 * DataDog behind {@link SloProvider}: `DD-API-KEY` + `DD-APPLICATION-KEY`; a 429's
 * `X-RateLimit-Reset` (seconds until the bucket refills) is the wait before the retry.
 * SLOs: `GET /api/v1/slo?tags_query&limit&offset` (paged until a short page); current status of
 * all SLOs: `GET /api/v1/slo/search?query&page[size]&page[number]` (`overall_status[]`); SLI over
 * a window: `GET /api/v1/slo/:id/history?from_ts&to_ts` (`data.overall.sli_value`, split by
 * day and window from `data.series` or `data.overall.history`); monitors:
 * `GET /api/v1/monitor?monitor_tags&page&page_size`.
 */
export class DatadogSloProvider implements SloProvider {
  readonly source = 'datadog' as const;
  readonly webUrl: string;
  readonly #http: VendorHttpClient;

  static create(options: {
    config: Pick<
      DatadogConfig,
      'baseUrl' | 'apiKey' | 'applicationKey' | 'webUrl'
    >;
    /** Guards every call to DataDog; built by `createVendorPolicy('datadog', …)`. */
    policy: VendorPolicy;
  }): DatadogSloProvider {
    const { config } = options;
    const http = new VendorHttpClient({
      vendor: 'datadog',
      baseUrl: config.baseUrl,
      policy: options.policy,
      authHeaders: async () => ({
        'DD-API-KEY': config.apiKey,
        'DD-APPLICATION-KEY': config.applicationKey,
      }),
      retryAfterMs: rateLimitResetMs,
    });
    return new DatadogSloProvider(
      http,
      requireHttpUrl(config.webUrl, 'oncall.datadog.webUrl').replace(
        /\/+$/,
        '',
      ),
    );
  }

  private constructor(http: VendorHttpClient, webUrl: string) {
    this.#http = http;
    this.webUrl = webUrl;
  }

  async listSlos(options: { tags?: string[] } = {}) {
    const items: ProviderSlo[] = [];
    const rejected: RejectedRecord[] = [];
    for (let offset = 0; ; offset += SLO_PAGE) {
      const body = await this.#http.request({
        path: encodePath('api', 'v1', 'slo'),
        query: {
          limit: SLO_PAGE,
          offset,
          tags_query: options.tags?.length ? options.tags.join(',') : undefined,
        },
        schema: sloListSchema,
      });
      const data = body.data ?? [];
      for (const raw of data) {
        const parsed = sloSchema.safeParse(raw);
        if (parsed.success) {
          items.push(this.#mapSlo(parsed.data));
        } else {
          rejected.push({
            id: rawRecordId(raw, 'id'),
            reason: formatZodError(parsed.error),
          });
        }
      }
      if (data.length < SLO_PAGE) {
        return { items, rejected };
      }
    }
  }

  async sliBetween(
    sloId: string,
    from: Date,
    to: Date,
  ): Promise<number | undefined> {
    const body = await this.#history(sloId, from, to);
    const sli = body.data?.overall?.sli_value;
    return sli === null || sli === undefined ? undefined : sli;
  }

  async sliBreakdown(
    sloId: string,
    from: Date,
    to: Date,
    windowsMs: readonly number[],
  ): Promise<SliBreakdown> {
    const body = await this.#history(sloId, from, to);
    return splitHistory(body.data, from.getTime(), to.getTime(), windowsMs);
  }

  /**
   * Every SLO's current status from the search index, {@link SEARCH_PAGE} per page: the first
   * page tells the total, the others are read side by side (the vendor policy caps them).
   */
  async listSloStatuses(options: { tags?: string[] } = {}) {
    const query = options.tags?.length ? options.tags.join(' ') : '';
    const first = await this.#searchPage(query, 0);
    const total = first.meta?.pagination?.total;
    const lastNumber = first.meta?.pagination?.last_number;
    const pages = [first];
    if (typeof total === 'number' || typeof lastNumber === 'number') {
      const count =
        typeof total === 'number'
          ? Math.ceil(total / SEARCH_PAGE)
          : (lastNumber ?? 0) + 1;
      const numbers = Array.from(
        { length: Math.max(0, count - 1) },
        (_, i) => i + 1,
      );
      pages.push(
        ...(await mapWithConcurrency(numbers, SEARCH_PARALLEL, n =>
          this.#searchPage(query, n),
        )),
      );
    } else {
      // no pagination meta: read on until a short page
      for (
        let n = 1;
        (pages[pages.length - 1].data?.attributes?.slos?.length ?? 0) >=
        SEARCH_PAGE;
        n += 1
      ) {
        pages.push(await this.#searchPage(query, n));
      }
    }
    const items = new Map<string, ProviderSloStatuses>();
    const rejected: RejectedRecord[] = [];
    for (const raw of pages.flatMap(p => p.data?.attributes?.slos ?? [])) {
      const parsed = sloSearchItemSchema.safeParse(raw);
      if (parsed.success) {
        const item = searchStatuses(parsed.data);
        items.set(item.id, item);
      } else {
        rejected.push({
          id:
            typeof raw === 'object' && raw !== null && 'data' in raw
              ? rawRecordId(raw.data, 'id')
              : undefined,
          reason: formatZodError(parsed.error),
        });
      }
    }
    return { items: [...items.values()], rejected };
  }

  #searchPage(query: string, number: number) {
    return this.#http.request({
      path: encodePath('api', 'v1', 'slo', 'search'),
      query: { query, 'page[size]': SEARCH_PAGE, 'page[number]': number },
      schema: sloSearchPageSchema,
    });
  }

  async #history(sloId: string, from: Date, to: Date) {
    return this.#http.request({
      path: encodePath('api', 'v1', 'slo', sloId, 'history'),
      query: {
        from_ts: Math.floor(from.getTime() / 1000),
        to_ts: Math.floor(to.getTime() / 1000),
      },
      schema: sloHistorySchema,
    });
  }

  async listMonitors(options: { tags?: string[] } = {}) {
    const items: ProviderMonitor[] = [];
    const rejected: RejectedRecord[] = [];
    for (let page = 0; ; page += 1) {
      const data = await this.#http.request({
        path: encodePath('api', 'v1', 'monitor'),
        query: {
          page,
          page_size: MONITOR_PAGE,
          monitor_tags: options.tags?.length
            ? options.tags.join(',')
            : undefined,
        },
        schema: monitorListSchema,
      });
      for (const raw of data) {
        const parsed = monitorSchema.safeParse(raw);
        if (!parsed.success) {
          rejected.push({
            id: rawRecordId(raw, 'id'),
            reason: formatZodError(parsed.error),
          });
          continue;
        }
        const monitor = parsed.data;
        items.push({
          id: String(monitor.id),
          name: monitor.name,
          state:
            MONITOR_STATES[
              (monitor.overall_state ?? '').toLocaleLowerCase('en-US')
            ] ?? 'other',
          tags: normaliseTags(monitor.tags ?? []),
          url: `${this.webUrl}/monitors/${monitor.id}`,
        });
      }
      if (data.length < MONITOR_PAGE) {
        return { items, rejected };
      }
    }
  }

  #mapSlo(slo: DatadogSlo): ProviderSlo {
    const primary =
      slo.thresholds.find(t => t.timeframe === slo.timeframe) ??
      slo.thresholds[0];
    return {
      id: slo.id,
      name: slo.name,
      description: slo.description || undefined,
      type:
        slo.type === 'metric' || slo.type === 'monitor' ? slo.type : undefined,
      tags: normaliseTags(slo.tags ?? []),
      target: primary.target,
      warning: primary.warning ?? undefined,
      timeframe: primary.timeframe,
      url: `${this.webUrl}/slo?slo_id=${encodeURIComponent(slo.id)}`,
    };
  }
}

/** The statuses of one search item: `overall_status[]`, and `status` for the primary timeframe. */
function searchStatuses(item: DatadogSloSearchItem): ProviderSloStatuses {
  const attributes = item.data.attributes;
  const statuses: ProviderSloStatus[] = [];
  const add = (timeframe: string | null | undefined, raw: DatadogSloStatus) => {
    if (!timeframe || statuses.some(s => s.timeframe === timeframe)) {
      return;
    }
    statuses.push({
      timeframe,
      sli: raw.status ?? raw.sli ?? undefined,
      errorBudgetRemaining: raw.error_budget_remaining ?? undefined,
      state: raw.state ?? undefined,
      asOf:
        typeof raw.indexed_at === 'number'
          ? new Date(raw.indexed_at * 1000)
          : undefined,
    });
  };
  for (const status of attributes?.overall_status ?? []) {
    add(status.timeframe, status);
  }
  if (attributes?.status) {
    add(attributes.timeframe, attributes.status);
  }
  return { id: item.data.id, statuses };
}

/** `X-RateLimit-Reset` (seconds) once the bucket is empty; otherwise the policy's backoff. */
export function rateLimitResetMs(headers: Headers): number | undefined {
  const remaining = headers.get('X-RateLimit-Remaining');
  if (remaining !== null && Number(remaining) > 0) {
    return undefined;
  }
  return secondsHeaderMs(headers, 'X-RateLimit-Reset');
}

export function normaliseTags(tags: string[]): string[] {
  return [
    ...new Set(
      tags
        .map(t => t.trim().toLocaleLowerCase('en-US'))
        .filter(t => t.length > 0),
    ),
  ];
}
