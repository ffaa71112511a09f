import { Request } from 'express';
import { PageStream } from '../org/alerts/stream';
import { SandboxPage } from '../org/alerts/types';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { limitOffset, queryOf, selfUrl } from '../shared/query';
import { parseAlertQuery } from './alertQuery';
import { ALERT_SORTS, AlertSort, searchAlerts } from './alertSearch';
import { serializeAlert, serializeBaseAlert } from './alertSerialize';
import { createdPage } from './createdPages';
import { ogSend, ogUnprocessable, pagingHeaders } from './envelope';

/** Opsgenie answers no List Alerts page beyond the first 20,000 results. */
export const MAX_ALERT_WINDOW = 20_000;

type ListParams = {
  text: string;
  offset: number;
  limit: number;
  sort: AlertSort;
  order: 'asc' | 'desc';
};

/** Reads and checks the paging parameters; the failing field and its reason otherwise. */
function listParams(
  query: URLSearchParams,
): ListParams | { field: string; reason: string } {
  const { limit, offset } = limitOffset(query, 20);
  const sortParam = query.get('sort') ?? 'createdAt';
  const sort = ALERT_SORTS.find(s => s === sortParam);
  const order = (query.get('order') ?? 'desc').toLowerCase();
  if (Number.isNaN(offset)) {
    return {
      field: 'offset',
      reason: 'offset must be a non-negative integer',
    };
  }
  if (Number.isNaN(limit) || limit < 1 || limit > 100) {
    return { field: 'limit', reason: 'limit must be between 1 and 100' };
  }
  if (offset + limit > MAX_ALERT_WINDOW) {
    return {
      field: 'offset',
      reason: `offset + limit must not exceed ${MAX_ALERT_WINDOW}; narrow the query (e.g. by createdAt) to read further`,
    };
  }
  if (sort === undefined) {
    return {
      field: 'sort',
      reason: `sort must be one of ${ALERT_SORTS.join(', ')}`,
    };
  }
  if (order !== 'asc' && order !== 'desc') {
    return { field: 'order', reason: 'order must be asc or desc' };
  }
  return { text: query.get('query') ?? '', offset, limit, sort, order };
}

/** `paging` links and `X-Paging-*` headers of a List Alerts answer. */
function pagingOf(
  req: Request,
  query: URLSearchParams,
  params: ListParams,
  total: number,
) {
  const link = (offset: number) => {
    const q = new URLSearchParams(query);
    q.set('offset', String(offset));
    q.set('limit', String(params.limit));
    q.set('sort', params.sort);
    q.set('order', params.order);
    return selfUrl(req, q);
  };
  const reachable = Math.min(total, MAX_ALERT_WINDOW);
  const lastOffset =
    reachable === 0
      ? 0
      : Math.min(
          Math.floor((reachable - 1) / params.limit) * params.limit,
          MAX_ALERT_WINDOW - params.limit,
        );
  const paging: Record<string, string> = {};
  const nextOffset = params.offset + params.limit;
  if (nextOffset < total && nextOffset + params.limit <= MAX_ALERT_WINDOW) {
    paging.next = link(nextOffset);
  }
  paging.first = link(0);
  paging.last = link(lastOffset);
  return { paging, headers: pagingHeaders(paging) };
}

/** `GET /v2/alerts` (List Alerts) and `GET /v2/alerts/:identifier` (Get Alert). */
export function addAlertReadRoutes(
  routes: VendorRoutes,
  runtime: SandboxRuntime,
  stream: PageStream,
): void {
  const { index } = runtime;
  const created = (): SandboxPage[] =>
    runtime.alerts.list().map(a => createdPage(index, a));
  const teamId = (ref: string) =>
    index.teamsById.get(ref)?.id ??
    index.teamsByName.get(ref)?.id ??
    stream.team(ref)?.team.id;

  routes.get('/v2/alerts', (req, res) => {
    const query = queryOf(req);
    const params = listParams(query);
    if ('field' in params) {
      ogUnprocessable(res, { [params.field]: params.reason });
      return;
    }
    const parsed = parseAlertQuery(params.text);
    if (!parsed.ok) {
      ogSend(res, 422, {
        message: `Invalid query [${params.text}]: ${parsed.reason}`,
        errors: { query: parsed.reason },
      });
      return;
    }
    const now = runtime.now();
    const result = searchAlerts(
      { stream, created: created(), teamId },
      {
        query: parsed.query,
        sort: params.sort,
        order: params.order,
        offset: params.offset,
        limit: params.limit,
        now,
      },
    );
    const { paging, headers } = pagingOf(req, query, params, result.total);
    ogSend(
      res,
      200,
      {
        data: result.pages.map(p => serializeBaseAlert(p, now)),
        paging,
      },
      headers,
    );
  });

  routes.get('/v2/alerts/:identifier', (req, res) => {
    const identifier = req.params.identifier;
    const type = queryOf(req).get('identifierType') ?? 'id';
    if (type !== 'id' && type !== 'alias' && type !== 'tiny') {
      ogUnprocessable(res, {
        identifierType: `Invalid identifier type [${type}]. Use id, alias or tiny.`,
      });
      return;
    }
    const now = runtime.now();
    const own = created();
    let page: SandboxPage | undefined;
    if (type === 'alias') {
      page =
        own.find(p => p.alias === identifier) ??
        stream.findByAlias(identifier, now);
    } else {
      page =
        own.find(p => (type === 'id' ? p.id : p.tinyId) === identifier) ??
        stream.find(identifier, type, now);
    }
    if (!page) {
      ogSend(res, 404, { message: 'Alert does not exist' });
      return;
    }
    ogSend(res, 200, { data: serializeAlert(page, now) });
  });
}
