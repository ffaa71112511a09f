import { Request, Response } from 'express';
import { limitOffset, queryOf } from '../shared/query';
import { pdInvalid } from './envelope';

/** PagerDuty refuses classic pages reaching past this many records. */
export const PD_ITERATION_LIMIT = 10_000;
const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;

/**
 * Answers one classic page of `items` under `key`: `limit` (default 25, at most 100),
 * `offset`, `more`, and `total` (null unless `total=true`). `offset + limit` past 10,000 is
 * refused with 400, as PagerDuty does. Returns false when it answered 400.
 */
export function sendPage<T>(
  req: Request,
  res: Response,
  key: string,
  items: T[],
  serialize: (item: T) => unknown,
): boolean {
  const query = queryOf(req);
  const { limit, offset } = limitOffset(query, DEFAULT_LIMIT);
  if (Number.isNaN(limit) || limit < 1) {
    pdInvalid(res, 'limit must be a positive integer');
    return false;
  }
  if (Number.isNaN(offset)) {
    pdInvalid(res, 'offset must be a non-negative integer');
    return false;
  }
  const size = Math.min(limit, MAX_LIMIT);
  if (offset + size > PD_ITERATION_LIMIT) {
    pdInvalid(res, `Offset plus limit must not exceed ${PD_ITERATION_LIMIT}`);
    return false;
  }
  const page = items.slice(offset, offset + size);
  res.status(200).json({
    [key]: page.map(serialize),
    limit: size,
    offset,
    more: offset + size < items.length,
    total: query.get('total') === 'true' ? items.length : null,
  });
  return true;
}

/** All values of an array parameter (`ids[]=a&ids[]=b`, or `ids=a`). */
export function arrayParam(query: URLSearchParams, name: string): string[] {
  return [...query.getAll(`${name}[]`), ...query.getAll(name)].filter(
    v => v !== '',
  );
}
