import { Response } from 'express';
import { SandboxRuntime } from '../shared/runtime';
import { DemoSchedule } from '../org/types';
import { ogSend, ogUnprocessable } from './envelope';

/** Reads an identifier type parameter (`id` default, or `name`); answers 422 when invalid. */
export function identifierType(
  query: URLSearchParams,
  param: string,
  res: Response,
): 'id' | 'name' | undefined {
  const value = query.get(param) ?? 'id';
  if (value !== 'id' && value !== 'name') {
    ogUnprocessable(res, {
      [param]: `Invalid identifier type [${value}]. Use id or name.`,
    });
    return undefined;
  }
  return value;
}

/** Finds a schedule; an unknown one answers 403 / 40301 as the recorded API does. */
export function findSchedule(
  runtime: SandboxRuntime,
  identifier: string,
  query: URLSearchParams,
  param: string,
  res: Response,
): DemoSchedule | undefined {
  const type = identifierType(query, param, res);
  if (!type) {
    return undefined;
  }
  const schedule =
    type === 'id'
      ? runtime.index.schedulesById.get(identifier)
      : runtime.index.schedulesByName.get(identifier);
  if (!schedule) {
    ogSend(res, 403, {
      code: 40301,
      message: 'Api key is not authorized to access the schedule',
    });
    return undefined;
  }
  return schedule;
}

/** Parses an ISO-8601 `date` parameter (default: now); answers 422 when invalid. */
export function dateParam(
  runtime: SandboxRuntime,
  query: URLSearchParams,
  res: Response,
  name = 'date',
): number | undefined {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return runtime.now();
  }
  const value = /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(value)) {
    ogUnprocessable(res, {
      [name]: `Invalid date [${raw}]. Use ISO-8601, e.g. 2017-01-15T08:00:00+02:00 (encode + as %2B).`,
    });
    return undefined;
  }
  return value;
}
