import { Request, Response } from 'express';
import { intParam, queryOf } from '../shared/query';
import { jsmError } from './envelope';

/** One page of an offset/size list: JSM's `{values, links: {next}}`. */
export interface JsmPage<T> {
  values: T[];
  links: { next?: string };
}

/**
 * Reads `offset` and `size` (1..`maxSize`, default `defaultSize`), answering 400 naming the
 * parameter when invalid.
 */
export function pageParams(
  req: Request,
  res: Response,
  defaultSize: number,
  maxSize: number,
): { offset: number; size: number } | undefined {
  const query = queryOf(req);
  const offset = intParam(query, 'offset') ?? 0;
  const size = intParam(query, 'size') ?? defaultSize;
  if (Number.isNaN(offset)) {
    jsmError(res, 400, 'offset must be a non-negative integer');
    return undefined;
  }
  if (Number.isNaN(size) || size < 1 || size > maxSize) {
    jsmError(res, 400, `size must be an integer from 1 to ${maxSize}`);
    return undefined;
  }
  return { offset, size };
}

/**
 * Slices `items` and links the next page with a path relative to the API base, as the API
 * does (`/v1/schedules?offset=50&size=25`); no `next` on the last page.
 */
export function pageOf<T>(
  req: Request,
  items: T[],
  params: { offset: number; size: number },
  path: string,
): JsmPage<T> {
  const { offset, size } = params;
  const values = items.slice(offset, offset + size);
  if (offset + size >= items.length) {
    return { values, links: {} };
  }
  const query = queryOf(req);
  query.set('offset', String(offset + size));
  query.set('size', String(size));
  return { values, links: { next: `${path}?${query.toString()}` } };
}
