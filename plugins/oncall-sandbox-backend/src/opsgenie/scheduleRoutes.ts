import { Request, Response } from 'express';
import { AddVendorRoutes } from '../shared/vendorRoute';
import { intParam, queryOf } from '../shared/query';
import { ogSend, ogUnprocessable } from './envelope';
import { dateParam, findSchedule } from './identifiers';
import { nextOnCallsAfter, onCallsAt } from './onCalls';
import { serializeSchedule } from './serialize';
import { isIntervalUnit, scheduleTimeline, timelineEnd } from './timeline';

function flatParam(query: URLSearchParams): boolean {
  return query.get('flat') === 'true';
}

/** Schedules, who-is-on-call and timelines (overrides: overrideRoutes.ts). */
export const addScheduleRoutes: AddVendorRoutes = (routes, runtime) => {
  const { index } = runtime;

  /**
   * The schedule the path names (`identifierParam` says how) and the `date` query parameter,
   * with the query; undefined once either's error has been answered.
   */
  const scheduleAt = (req: Request, res: Response, identifierParam: string) => {
    const query = queryOf(req);
    const schedule = findSchedule(
      runtime,
      req.params.identifier,
      query,
      identifierParam,
      res,
    );
    const date = schedule && dateParam(runtime, query, res);
    return schedule && date !== undefined
      ? { schedule, date, query }
      : undefined;
  };

  routes.get('/v2/schedules', (req, res) => {
    const expand = (queryOf(req).get('expand') ?? '').split(',');
    ogSend(res, 200, {
      data: runtime.org.schedules.map(s =>
        serializeSchedule(index, s, expand.includes('rotation')),
      ),
      expandable: ['rotation'],
    });
  });

  routes.get('/v2/schedules/on-calls', (req, res) => {
    const query = queryOf(req);
    const date = dateParam(runtime, query, res);
    if (date !== undefined) {
      ogSend(res, 200, {
        data: runtime.org.schedules.map(s =>
          onCallsAt(index, s, date, flatParam(query)),
        ),
      });
    }
  });

  routes.get('/v2/schedules/:identifier', (req, res) => {
    const schedule = findSchedule(
      runtime,
      req.params.identifier,
      queryOf(req),
      'identifierType',
      res,
    );
    if (schedule) {
      ogSend(res, 200, { data: serializeSchedule(index, schedule, true) });
    }
  });

  // who is on call at `date`, and who is next after it: the same lookup, two answers
  for (const [path, answer] of [
    ['/v2/schedules/:identifier/on-calls', onCallsAt],
    ['/v2/schedules/:identifier/next-on-calls', nextOnCallsAfter],
  ] as const) {
    routes.get(path, (req, res) => {
      const at = scheduleAt(req, res, 'scheduleIdentifierType');
      if (at) {
        ogSend(res, 200, {
          data: answer(index, at.schedule, at.date, flatParam(at.query)),
        });
      }
    });
  }

  routes.get('/v2/schedules/:identifier/timeline', (req, res) => {
    const at = scheduleAt(req, res, 'identifierType');
    if (!at) {
      return;
    }
    const { schedule, date, query } = at;
    const interval = intParam(query, 'interval') ?? 1;
    const unit = query.get('intervalUnit') ?? 'weeks';
    if (Number.isNaN(interval) || interval < 1 || interval > 52) {
      ogUnprocessable(res, {
        interval: 'interval must be a positive integer (at most 52)',
      });
      return;
    }
    if (!isIntervalUnit(unit)) {
      ogUnprocessable(res, {
        intervalUnit: 'intervalUnit must be one of days, weeks, months',
      });
      return;
    }
    const expand = new Set(
      (query.get('expand') ?? '').split(',').map(x => x.trim()),
    );
    const range = { start: date, end: timelineEnd(date, interval, unit) };
    ogSend(res, 200, {
      data: scheduleTimeline(index, schedule, range, runtime.now(), expand),
      expandable: ['base', 'forwarding', 'override'],
    });
  });
};
