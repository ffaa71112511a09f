import { Request } from 'express';

/**
 * The raw query string of a request. Parsed here rather than through Express so that
 * keys like `page[size]` stay literal, whatever query parser the hosting app uses.
 */
export function queryOf(req: Request): URLSearchParams {
  const url = req.originalUrl || req.url;
  const index = url.indexOf('?');
  return new URLSearchParams(index >= 0 ? url.slice(index + 1) : '');
}

/** Absolute URL of the current request path with the given query, for paging links. */
export function selfUrl(req: Request, query: URLSearchParams): string {
  const url = req.originalUrl || req.url;
  const path = url.split('?')[0];
  const qs = query.toString();
  return `${req.protocol}://${req.get('host') ?? 'localhost'}${path}${
    qs ? `?${qs}` : ''
  }`;
}

/** Parses an optional non-negative integer; `undefined` when absent, `NaN` when invalid. */
export function intParam(
  query: URLSearchParams,
  name: string,
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  const value = /^\d{1,15}$/.test(raw) ? Number.parseInt(raw, 10) : Number.NaN;
  return Number.isSafeInteger(value) ? value : Number.NaN;
}

/**
 * The `limit` (else `defaultLimit`) and `offset` (else 0) of a limit/offset-paged list; each
 * `NaN` when invalid, for the vendor's own checks and error responses.
 */
export function limitOffset(query: URLSearchParams, defaultLimit: number) {
  return {
    limit: intParam(query, 'limit') ?? defaultLimit,
    offset: intParam(query, 'offset') ?? 0,
  };
}
