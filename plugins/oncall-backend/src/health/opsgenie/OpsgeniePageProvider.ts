import { OpsgenieConfig } from '../../config';
import { VendorPolicy } from '../../lib/resilience';
import { VendorError } from '../../lib/VendorError';
import { VendorHttpClient, encodePath } from '../../lib/VendorHttpClient';
import {
  createOpsgenieClient,
  opsgenieUserPages,
} from '../../oncall/opsgenie/opsgenieApi';
import { PageBatch, PageProvider, PageTeam } from '../PageProvider';
import { mapPage } from './mapPage';
import { listAlertsResponse, listUserZonesResponse } from './wire';

/** List Alerts returns at most 100 per request… */
const MAX_PAGE_SIZE = 100;
/** …and pages through 20,000 alerts at most (offset + limit) for one query. */
const MAX_WINDOW = 20_000;

/** Quotes a value for Opsgenie's search syntax. */
const quoted = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/**
 * Opsgenie's alerts as pages: List Alerts with `teams:"<name>" AND updatedAt>=<ms>`, sorted
 * by `updatedAt` ascending. When a query reaches Opsgenie's 20,000-alert window the next one
 * starts at the last `updatedAt` read, so a backfill of any size is read in full.
 */
export class OpsgeniePageProvider implements PageProvider {
  readonly source = 'opsgenie' as const;
  readonly #http: VendorHttpClient;
  readonly #webUrl?: string;

  private constructor(options: { http: VendorHttpClient; webUrl?: string }) {
    this.#http = options.http;
    this.#webUrl = options.webUrl?.replace(/\/+$/, '');
  }

  static create(options: {
    config: OpsgenieConfig;
    policy: VendorPolicy;
  }): OpsgeniePageProvider {
    return new OpsgeniePageProvider({
      http: createOpsgenieClient(options.config, options.policy),
      webUrl: options.config.webUrl,
    });
  }

  async *pagesChangedSince(
    team: PageTeam,
    since: Date,
    options?: { pageSize?: number },
  ): AsyncGenerator<PageBatch> {
    const limit = Math.min(options?.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
    let from = since.getTime();
    let offset = 0;
    let watermark = since;
    for (;;) {
      const body = await this.#http.request({
        path: encodePath('v2', 'alerts'),
        query: {
          query: `teams:${quoted(team.name)} AND updatedAt>=${from}`,
          sort: 'updatedAt',
          order: 'asc',
          limit,
          offset,
        },
        schema: listAlertsResponse,
      });
      const batch: PageBatch = { items: [], rejected: [] };
      for (const raw of body.data) {
        const mapped = mapPage(raw);
        if ('page' in mapped) {
          batch.items.push(mapped.page);
          if (mapped.page.updatedAt > watermark) {
            watermark = mapped.page.updatedAt;
          }
        } else {
          batch.rejected.push(mapped.rejected);
        }
      }
      batch.watermark = watermark;
      yield batch;
      if (body.data.length < limit || !body.paging?.next) {
        return;
      }
      offset += limit;
      if (offset + limit > MAX_WINDOW) {
        if (watermark.getTime() <= from) {
          throw new VendorError({
            vendor: 'opsgenie',
            kind: 'malformed',
            message: `More than ${MAX_WINDOW} alerts of team ${team.name} share one updatedAt`,
          });
        }
        from = watermark.getTime();
        offset = 0;
      }
    }
  }

  async userTimeZones(): Promise<Map<string, string>> {
    const zones = new Map<string, string>();
    const pages = opsgenieUserPages(this.#http, listUserZonesResponse);
    for await (const body of pages) {
      for (const user of body.data) {
        if (user.timeZone) {
          zones.set(user.username.toLocaleLowerCase('en-US'), user.timeZone);
        }
      }
    }
    return zones;
  }

  pageUrl(page: { id: string }): string | undefined {
    return this.#webUrl
      ? `${this.#webUrl}/alert/detail/${encodeURIComponent(page.id)}/details`
      : undefined;
  }
}
