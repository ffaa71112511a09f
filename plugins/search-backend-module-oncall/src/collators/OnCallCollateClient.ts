import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ForwardedError, ResponseError } from '@backstage/errors';
import { z } from 'zod';
import { readCollatorConfigOptions } from './config';

/** The service-only collection routes of the on-call backend. */
export type CollateResource = 'incidents' | 'rotations';

const pageSchema = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1).nullish(),
});

/** What an {@link OnCallCollateClient} reads with. */
export interface OnCallCollateClientOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  /** Records requested per page. */
  batchSize: number;
  /** Timeout for one page request, in milliseconds. */
  pageTimeoutMs: number;
}

/**
 * Reads the on-call backend's `/collate/*` routes page by page with the module's own
 * service credentials. Only one page is requested at a time, and the next one only when
 * the caller asks for it.
 */
export class OnCallCollateClient {
  private constructor(private readonly options: OnCallCollateClientOptions) {}

  /** A client with the page size and timeout of `search.collators.oncall`. */
  static fromConfig(
    config: Config,
    services: { discovery: DiscoveryService; auth: AuthService },
  ): OnCallCollateClient {
    return new OnCallCollateClient({
      discovery: services.discovery,
      auth: services.auth,
      ...readCollatorConfigOptions(config),
    });
  }

  /**
   * Yields the raw items of each page of `/collate/<resource>`, following `nextCursor`
   * until the last page. Throws an error caused by a `ResponseError` when the backend
   * answers with a non-2xx status, and an `Error` when a page is not a page at all.
   */
  async *pages(resource: CollateResource): AsyncGenerator<unknown[]> {
    const baseUrl = await this.options.discovery.getBaseUrl('oncall');
    let cursor: string | undefined;
    do {
      const page = await this.fetchPage(baseUrl, resource, cursor);
      const nextCursor = page.nextCursor ?? undefined;
      if (nextCursor !== undefined && nextCursor === cursor) {
        throw new Error(
          `The on-call backend returned the same cursor twice for /collate/${resource}`,
        );
      }
      yield page.items;
      cursor = nextCursor;
    } while (cursor !== undefined);
  }

  private async fetchPage(
    baseUrl: string,
    resource: CollateResource,
    cursor: string | undefined,
  ): Promise<z.infer<typeof pageSchema>> {
    const query = new URLSearchParams({
      limit: String(this.options.batchSize),
    });
    if (cursor !== undefined) {
      query.set('cursor', cursor);
    }
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: 'oncall',
    });
    let response: Response;
    try {
      response = await fetch(
        `${baseUrl}/collate/${encodeURIComponent(resource)}?${query}`,
        {
          headers: { Authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(this.options.pageTimeoutMs),
        },
      );
    } catch (error) {
      throw new ForwardedError(
        `Could not reach the on-call backend for GET /collate/${resource}`,
        error,
      );
    }
    if (!response.ok) {
      throw new ForwardedError(
        `The on-call backend refused GET /collate/${resource}`,
        await ResponseError.fromResponse(response),
      );
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      throw new Error(
        `The on-call backend returned a page that is not JSON for /collate/${resource}: ${error}`,
      );
    }
    const parsed = pageSchema.safeParse(body);
    if (!parsed.success) {
      throw new Error(
        `The on-call backend returned a malformed page for /collate/${resource}: ${parsed.error.message}`,
      );
    }
    return parsed.data;
  }
}
