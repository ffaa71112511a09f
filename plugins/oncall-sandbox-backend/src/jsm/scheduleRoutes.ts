import { Request, Response } from 'express';
import { DateTime } from 'luxon';
import { DAY } from '../org/time';
import { iso } from '../org/time';
import { DemoSchedule } from '../org/types';
import { intParam, queryOf } from '../shared/query';
import { SandboxRuntime } from '../shared/runtime';
import { VendorRoutes } from '../shared/vendorRoute';
import { JsmDirectory } from './directory';
import { jsmError } from './envelope';
import { nextOnCallsAfter, onCallsAt } from './onCalls';
import { pageOf, pageParams } from './paging';
import {
  serializeRotation,
  serializeSchedule,
  serializeTimeline,
} from './serialize';

const UNITS = ['days', 'weeks', 'months'] as const;
type Unit = (typeof UNITS)[number];
const SINGULAR = { days: 'day', weeks: 'week', months: 'month' } as const;

/** The schedule of the `:scheduleId` path parameter; 404 `{errors}` when JSM has none. */
function scheduleOf(
  dir: JsmDirectory,
  req: Request,
  res: Response,
): DemoSchedule | undefined {
  const schedule = dir.scheduleByJsmId(req.params.scheduleId);
  if (!schedule) {
    jsmError(res, 404, 'Schedule not found');
  }
  return schedule;
}

/** `date` (ISO 8601; default now); 400 naming the parameter when invalid. */
function dateOf(
  runtime: SandboxRuntime,
  req: Request,
  res: Response,
): number | undefined {
  const raw = queryOf(req).get('date');
  if (raw === null || raw === '') return runtime.now();
  const value = /^\d{4}-\d{2}-\d{2}/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(value)) {
    jsmError(res, 400, `Invalid date: ${raw}`);
    return undefined;
  }
  return value;
}

/** Schedules match `query` by exact name, or by prefix with a trailing `*`. */
function matches(name: string, query: string | null): boolean {
  if (!query) return true;
  return query.endsWith('*')
    ? name.startsWith(query.slice(0, -1))
    : name === query;
}

/** The timeline's range: from the start of the unit holding `date` (UTC), `interval` units long. */
function timelineRange(date: number, interval: number, unit: Unit) {
  const singular = SINGULAR[unit];
  const start = DateTime.fromMillis(date, { zone: 'utc' }).startOf(singular);
  return {
    start: start.toMillis(),
    end: start.plus({ [unit]: interval }).toMillis(),
  };
}

/** Schedules, rotations, on-calls, next on-calls, timeline and overrides. */
export function addScheduleRoutes(
  routes: VendorRoutes,
  runtime: SandboxRuntime,
  dir: JsmDirectory,
): void {
  routes.get('/v1/schedules', (req, res) => {
    const page = pageParams(req, res, 25, 50);
    if (!page) return;
    const query = queryOf(req);
    const expand = (query.get('expand') ?? '').split(',').includes('rotation');
    const list = dir.schedules
      .filter(s => matches(s.name, query.get('query')))
      .map(s => serializeSchedule(dir, s, expand));
    res.json({
      ...pageOf(req, list, page, '/v1/schedules'),
      _expands: ['rotation'],
    });
  });

  routes.get('/v1/schedules/:scheduleId', (req, res) => {
    const schedule = scheduleOf(dir, req, res);
    if (schedule) res.json(serializeSchedule(dir, schedule, true));
  });

  routes.get('/v1/schedules/:scheduleId/rotations', (req, res) => {
    const schedule = scheduleOf(dir, req, res);
    const page = schedule && pageParams(req, res, 25, 50);
    if (!schedule || !page) return;
    const path = `/v1/schedules/${req.params.scheduleId}/rotations`;
    res.json(
      pageOf(
        req,
        schedule.rotations.map(r => serializeRotation(dir, r)),
        page,
        path,
      ),
    );
  });

  for (const [path, answer] of [
    ['/v1/schedules/:scheduleId/on-calls', onCallsAt],
    ['/v1/schedules/:scheduleId/next-on-calls', nextOnCallsAfter],
  ] as const) {
    routes.get(path, (req, res) => {
      const schedule = scheduleOf(dir, req, res);
      const date = schedule && dateOf(runtime, req, res);
      if (schedule && date !== undefined) {
        res.json(
          answer(dir, schedule, date, queryOf(req).get('flat') === 'true'),
        );
      }
    });
  }

  routes.get('/v1/schedules/:scheduleId/timeline', (req, res) => {
    const schedule = scheduleOf(dir, req, res);
    const date = schedule && dateOf(runtime, req, res);
    if (!schedule || date === undefined) return;
    const query = queryOf(req);
    const interval = intParam(query, 'interval') ?? 1;
    const unit = query.get('intervalUnit') ?? 'weeks';
    // the timeline reaches two years ahead at most: no unit fits more than 731 times
    if (Number.isNaN(interval) || interval < 1 || interval > 731) {
      jsmError(res, 400, 'interval must be a positive integer (at most 731)');
      return;
    }
    if (!UNITS.some(u => u === unit)) {
      jsmError(res, 400, 'intervalUnit must be one of days, weeks, months');
      return;
    }
    const range = timelineRange(date, interval, unit as Unit);
    const now = runtime.now();
    if (range.start < now - 366 * DAY || range.end > now + 2 * 366 * DAY) {
      jsmError(
        res,
        400,
        'The timeline may reach back at most 1 year and forward at most 2 years',
      );
      return;
    }
    const expand = new Set(
      (query.get('expand') ?? '').split(',').map(x => x.trim()),
    );
    res.json(serializeTimeline(dir, schedule, range, now, expand));
  });

  routes.get('/v1/schedules/:scheduleId/overrides', (req, res) => {
    const schedule = scheduleOf(dir, req, res);
    const page = schedule && pageParams(req, res, 25, 50);
    if (!schedule || !page) return;
    const now = runtime.now();
    const list = schedule.overrides
      .filter(o => o.endDate > now)
      .map(o => ({
        alias: o.alias,
        responder: { type: 'user', id: dir.accountId(o.userId) },
        startDate: iso(o.startDate),
        endDate: iso(o.endDate),
        rotationIds: o.rotationIds.map(id => dir.rotationId(id)),
      }));
    const path = `/v1/schedules/${req.params.scheduleId}/overrides`;
    res.json(pageOf(req, list, page, path));
  });
}
