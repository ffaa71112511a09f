import { TtlCache } from '../../lib/TtlCache';
import { VendorHttpClient, encodePath } from '../../lib/VendorHttpClient';
import { OnCallUser } from '../OnCallProvider';
import { userBulkResponse } from './wire';

/** Account ids per bulk request (Jira pages them by `maxResults`). */
const BATCH = 50;
const MAX_PAGES = 20;

/** A Jira user as the on-call model knows people: the email is the username when visible. */
export function toOnCallUser(user: {
  accountId: string;
  displayName?: string | null;
  emailAddress?: string | null;
}): OnCallUser {
  const email = user.emailAddress || undefined;
  return {
    id: user.accountId,
    username: email ?? user.accountId,
    fullName: user.displayName || undefined,
    email,
  };
}

/**
 * Names and emails of Atlassian account ids through Jira's `GET /rest/api/3/user/bulk`, cached
 * per account id (a person's name rarely changes; the cache lives an hour). Concurrent lookups
 * of the same id share one request; an id Jira does not know stays unresolved (undefined).
 */
export class JiraUsers {
  readonly #http: VendorHttpClient;
  readonly #cache: TtlCache<OnCallUser | undefined>;

  constructor(options: {
    http: VendorHttpClient;
    ttlMs?: number;
    now?: () => number;
  }) {
    this.#http = options.http;
    this.#cache = new TtlCache({
      ttlMs: options.ttlMs ?? 3_600_000,
      maxEntries: 20_000,
      now: options.now,
    });
  }

  /** Resolves every id, asking Jira only for those not cached. */
  async resolve(
    accountIds: Iterable<string>,
  ): Promise<Map<string, OnCallUser>> {
    const ids = [...new Set(accountIds)].filter(id => id !== '');
    let batch: Promise<Map<string, OnCallUser>> | undefined;
    const missing: string[] = [];
    const lookups = ids.map(id =>
      this.#cache.get(id, () => {
        missing.push(id);
        batch ??= Promise.resolve().then(() => this.#fetch(missing));
        return batch.then(found => found.get(id));
      }),
    );
    const users = await Promise.all(lookups);
    const result = new Map<string, OnCallUser>();
    users.forEach(user => {
      if (user) {
        result.set(user.id, user);
      }
    });
    return result;
  }

  async #fetch(ids: string[]): Promise<Map<string, OnCallUser>> {
    const found = new Map<string, OnCallUser>();
    for (let i = 0; i < ids.length; i += BATCH) {
      const chunk = ids.slice(i, i + BATCH);
      for (let page = 0; page < MAX_PAGES; page++) {
        const body = await this.#http.request({
          path: encodePath('rest', 'api', '3', 'user', 'bulk'),
          query: { accountId: chunk, startAt: page * BATCH, maxResults: BATCH },
          schema: userBulkResponse,
        });
        body.values.forEach(u => found.set(u.accountId, toOnCallUser(u)));
        if (body.isLast !== false || body.values.length === 0) {
          break;
        }
      }
    }
    return found;
  }
}
