import { LoggerService } from '@backstage/backend-plugin-api';
import { DatadogConfig } from '../../config';
import { formatZodError } from '../../lib/entityParams';
import { ResilienceOptions, createVendorPolicy } from '../../lib/resilience';
import {
  VendorHttpClient,
  encodePath,
  secondsHeaderMs,
} from '../../lib/VendorHttpClient';
import {
  MonitorState,
  ProviderMonitor,
  ProviderSlo,
  RejectedRecord,
  SloProvider,
} from '../SloProvider';
import {
  DatadogSlo,
  monitorListSchema,
  monitorSchema,
  sloHistorySchema,
  sloListSchema,
  sloSchema,
} from './wire';

const SLO_PAGE = 1000;
const DAY_MS = 86_400_000;
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
 * SLOs: `GET /api/v1/slo?tags_query&limit&offset` (paged until a short page); SLI over a window:
 * `GET /api/v1/slo/:id/history?from_ts&to_ts` (`data.overall.sli_value`); monitors:
 * `GET /api/v1/monitor?monitor_tags&page&page_size`.
 */
export class DatadogSloProvider implements SloProvider {
  readonly source = 'datadog' as const;
  readonly webUrl: string;
  readonly #http: VendorHttpClient;

  static create(options: {
    config: DatadogConfig;
    logger: LoggerService;
    resilience?: Partial<ResilienceOptions>;
  }): DatadogSloProvider {
    const logger = options.logger.child({ upstream: 'datadog' });
    const { config } = options;
    const http = new VendorHttpClient({
      vendor: 'datadog',
      baseUrl: config.baseUrl,
      policy: createVendorPolicy('datadog', logger, options.resilience),
      authHeaders: async () => ({
        'DD-API-KEY': config.apiKey,
        'DD-APPLICATION-KEY': config.applicationKey,
      }),
      retryAfterMs: rateLimitResetMs,
    });
    return new DatadogSloProvider(http, config.webUrl.replace(/\/+$/, ''));
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
            id: rawId(raw),
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

  /**
   * Splits one history read by UTC day: metric SLOs sum good and total events of the series
   * intervals starting that day; monitor SLOs measure up and down time from the state
   * transitions (no-data time counts for neither).
   */
  async sliByDay(
    sloId: string,
    from: Date,
    to: Date,
  ): Promise<Array<{ day: string; sli?: number }> | undefined> {
    const body = await this.#history(sloId, from, to);
    const days = dayStarts(from.getTime(), to.getTime());
    const series = body.data?.series;
    if (series && series.times.length === series.numerator.values.length) {
      const good = new Map<number, number>();
      const total = new Map<number, number>();
      series.times.forEach((t, i) => {
        const day = Math.floor(t / DAY_MS) * DAY_MS;
        good.set(day, (good.get(day) ?? 0) + (series.numerator.values[i] ?? 0));
        total.set(
          day,
          (total.get(day) ?? 0) + (series.denominator.values[i] ?? 0),
        );
      });
      return days.map(day => {
        const t = total.get(day) ?? 0;
        return {
          day: isoDay(day),
          sli: t > 0 ? (100 * (good.get(day) ?? 0)) / t : undefined,
        };
      });
    }
    const transitions = body.data?.overall?.history;
    if (body.data?.type === 'monitor' && transitions) {
      return days.map(day => {
        const end = Math.min(day + DAY_MS, to.getTime());
        const { up, down } = upDown(
          transitions,
          Math.max(day, from.getTime()),
          end,
        );
        return {
          day: isoDay(day),
          sli: up + down > 0 ? (100 * up) / (up + down) : undefined,
        };
      });
    }
    return undefined;
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
            id: rawId(raw),
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

function dayStarts(from: number, to: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) {
    days.push(day);
  }
  return days;
}

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Up and down milliseconds within [from, to) from `[epoch s, state]` transitions. */
function upDown(
  transitions: Array<[number, number]>,
  from: number,
  to: number,
): { up: number; down: number } {
  let up = 0;
  let down = 0;
  transitions.forEach(([at, state], i) => {
    const start = Math.max(from, at * 1000);
    const next = transitions[i + 1];
    const end = Math.min(to, next ? next[0] * 1000 : to);
    if (end <= start) {
      return;
    }
    if (state === 0) {
      up += end - start;
    } else if (state === 1) {
      down += end - start;
    }
  });
  return { up, down };
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

function rawId(raw: unknown): string | undefined {
  if (typeof raw === 'object' && raw !== null && 'id' in raw) {
    const id = raw.id;
    return typeof id === 'string' || typeof id === 'number'
      ? String(id)
      : undefined;
  }
  return undefined;
}
