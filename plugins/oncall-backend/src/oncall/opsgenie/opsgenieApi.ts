import { ZodType, ZodTypeDef } from 'zod';
import { OpsgenieConfig } from '../../config';
import { VendorPolicy } from '../../lib/resilience';
import {
  VendorHttpClient,
  encodePath,
  secondsHeaderMs,
} from '../../lib/VendorHttpClient';

/** What `GET /v2/users` answers a page at most… */
const USERS_PAGE_SIZE = 100;
/** …and how many pages of it are read at most. */
const MAX_USER_PAGES = 100;

/**
 * Reads Opsgenie's rate-limit period into a retry delay. Opsgenie sends no Retry-After;
 * on a throttled answer `X-RateLimit-Period-In-Sec` says how long the window lasts.
 */
export function opsgenieRetryAfterMs(headers: Headers): number | undefined {
  const state = headers.get('X-RateLimit-State');
  if (state !== null && state.toUpperCase() === 'OK') {
    return undefined;
  }
  return secondsHeaderMs(headers, 'X-RateLimit-Period-In-Sec');
}

/** A client of Opsgenie's REST API that authenticates with the account's GenieKey. */
export function createOpsgenieClient(
  config: Pick<OpsgenieConfig, 'baseUrl' | 'apiKey'>,
  policy: VendorPolicy,
): VendorHttpClient {
  const { apiKey } = config;
  return new VendorHttpClient({
    vendor: 'opsgenie',
    baseUrl: config.baseUrl,
    policy,
    authHeaders: async () => ({ Authorization: `GenieKey ${apiKey}` }),
    retryAfterMs: opsgenieRetryAfterMs,
  });
}

/**
 * The pages of `GET /v2/users` sorted by username, each parsed with `schema`, until a page
 * comes back short or without a next link (at most {@link MAX_USER_PAGES} pages).
 */
export async function* opsgenieUserPages<
  T extends { data: unknown[]; paging?: { next?: string } },
>(
  http: VendorHttpClient,
  schema: ZodType<T, ZodTypeDef, unknown>,
): AsyncGenerator<T> {
  for (let page = 0; page < MAX_USER_PAGES; page++) {
    const body = await http.request({
      path: encodePath('v2', 'users'),
      query: {
        limit: USERS_PAGE_SIZE,
        offset: page * USERS_PAGE_SIZE,
        sort: 'username',
        order: 'asc',
      },
      schema,
    });
    yield body;
    if (body.data.length < USERS_PAGE_SIZE || !body.paging?.next) {
      return;
    }
  }
}
