import { ZodType, ZodTypeDef } from 'zod';
import {
  QueryParams,
  VendorHttpClient,
  encodePath,
} from '../../lib/VendorHttpClient';
import { teamMembersResponse } from './wire';

/** Most pages followed through `links.next` (50 a page: 10,000 schedules). */
const MAX_PAGES = 200;

/** Where `links.next` points: a path relative to the API base, or an absolute URL. */
function nextRequest(next: string): { path: string; query: QueryParams } {
  const url = new URL(next, 'http://relative.invalid');
  const at = url.pathname.indexOf('/v1/');
  const path = (at >= 0 ? url.pathname.slice(at) : url.pathname).replace(
    /^\/+/,
    '',
  );
  return { path, query: Object.fromEntries(url.searchParams) };
}

/** Every item of a `{values, links.next}` list read through `http`, following `next` until it is absent. */
export async function listAllPages<T>(
  http: VendorHttpClient,
  path: string,
  query: QueryParams,
  schema: ZodType<
    { values: T[]; links?: { next?: string | null } | null },
    ZodTypeDef,
    unknown
  >,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let request: { path: string; query: QueryParams } | undefined = {
    path,
    query,
  };
  for (let page = 0; request && page < MAX_PAGES; page++) {
    const body: { values: T[]; links?: { next?: string | null } | null } =
      await http.request({ ...request, schema });
    items.push(...body.values);
    const next: string | null | undefined = body.links?.next;
    request =
      next && body.values.length > 0 && !seen.has(next)
        ? nextRequest(next)
        : undefined;
    if (next) seen.add(next);
  }
  return items;
}

/** A team's members through the Teams API; none without an organisation id. */
export async function teamMemberIds(
  jira: VendorHttpClient,
  orgId: string | undefined,
  teamId: string,
): Promise<string[]> {
  if (!orgId) {
    return [];
  }
  const ids: string[] = [];
  let after = '';
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await jira.request({
      method: 'POST',
      path: encodePath(
        'gateway',
        'api',
        'public',
        'teams',
        'v1',
        'org',
        orgId,
        'teams',
        teamId,
        'members',
      ),
      body: { first: 50, after },
      schema: teamMembersResponse,
    });
    ids.push(...body.results.map(r => r.accountId));
    const cursor = body.pageInfo?.endCursor;
    if (!body.pageInfo?.hasNextPage || !cursor || cursor === after) {
      break;
    }
    after = cursor;
  }
  return ids;
}
