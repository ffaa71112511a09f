import { Request, Response } from 'express';
import { DAY, WEEK } from '../org/time';
import { DemoSchedule } from '../org/types';
import { queryOf } from '../shared/query';
import { VendorRoutes } from '../shared/vendorRoute';
import { PdContext, instantParam, linksOf, zoneParam } from './context';
import { pdError, pdInvalid } from './envelope';
import { entriesOverlapping, finalEntries } from './entries';
import { sendPage } from './pagination';
import { Period, overridePeriods } from '../org/rotation';
import {
  PdLinks,
  pdTime,
  ref,
  serializeScheduleSummary,
  userRef,
} from './serialize';
import { PagerDutyOrg } from '../org/pagerdutyOrg';

/** PagerDuty's default and longest window of a rendered schedule. */
const DEFAULT_WINDOW = 2 * WEEK;

function entry(links: PdLinks, pd: PagerDutyOrg, p: Period, zone: string) {
  const user = pd.users.find(u => u.id === p.participant.id)!;
  return {
    start: pdTime(p.start, zone),
    end: pdTime(p.end, zone),
    user: userRef(links, pd, user),
  };
}

function coverage(periods: Period[], since: number, until: number): number {
  const covered = periods.reduce(
    (sum, p) => sum + Math.min(p.end, until) - Math.max(p.start, since),
    0,
  );
  return until > since
    ? Math.round((covered / (until - since)) * 1000) / 10
    : 0;
}

/** Cuts entries at the window unless `overflow` keeps them whole. */
function clip(
  periods: Period[],
  since: number,
  until: number,
  overflow: boolean,
) {
  return overflow
    ? periods
    : periods.map(p => ({
        ...p,
        start: Math.max(p.start, since),
        end: Math.min(p.end, until),
      }));
}

function layer(
  links: PdLinks,
  pd: PagerDutyOrg,
  schedule: DemoSchedule,
  index: number,
  window: { since: number; until: number; zone: string; overflow: boolean },
  withEnd: boolean,
) {
  const rotation = schedule.rotations[index];
  const people = rotation.participants
    .map(p => pd.users.find(u => u.id === p.id))
    .filter(u => u !== undefined);
  const shared = {
    start: pdTime(rotation.startDate, window.zone),
    ...(withEnd
      ? {
          end: rotation.endDate ? pdTime(rotation.endDate, window.zone) : null,
        }
      : {}),
    rotation_virtual_start: pdTime(rotation.startDate, window.zone),
    rotation_turn_length_seconds:
      ((rotation.type === 'weekly' ? WEEK : DAY) * rotation.length) / 1000,
    users: people.map(u => ({ user: userRef(links, pd, u) })),
    restrictions: [],
  };
  return { name: rotation.name, id: rotation.id, ...shared };
}

function renderSchedule(
  links: PdLinks,
  pd: PagerDutyOrg,
  schedule: DemoSchedule,
  window: { since: number; until: number; zone: string; overflow: boolean },
  nextFor?: string,
) {
  const { since, until, zone, overflow } = window;
  const range = { start: since, end: until };
  const final = clip(
    entriesOverlapping(schedule, since, until),
    since,
    until,
    overflow,
  );
  const overrides = schedule.rotations.flatMap(r =>
    overridePeriods(schedule.overrides, r, range),
  );
  const layers = schedule.rotations.map((r, i) => {
    const own = clip(
      finalEntries({ ...schedule, overrides: [], rotations: [r] }, range),
      since,
      until,
      overflow,
    );
    const { name, id, ...rest } = layer(links, pd, schedule, i, window, false);
    return {
      name,
      rendered_schedule_entries: own.map(p => entry(links, pd, p, zone)),
      rendered_coverage_percentage: coverage(own, since, until),
      id,
      ...rest,
    };
  });
  const nextUser = nextFor ? pd.userByPdId.get(nextFor) : undefined;
  const next = nextUser
    ? finalEntries(schedule, { start: since, end: since + 10 * WEEK }).find(
        p => p.participant.id === nextUser.id && p.end > since,
      )
    : undefined;
  return {
    ...serializeScheduleSummary(links, pd, schedule),
    teams: pd.teams
      .filter(t => t.id === schedule.ownerTeamId)
      .map(t => ref(links, 'team', t.id, t.name)),
    schedule_layers: layers,
    overrides_subschedule: {
      name: 'Overrides',
      rendered_schedule_entries: overrides.map(p => entry(links, pd, p, zone)),
      rendered_coverage_percentage: coverage(overrides, since, until),
    },
    final_schedule: {
      name: 'Final Schedule',
      rendered_schedule_entries: final.map(p => entry(links, pd, p, zone)),
      rendered_coverage_percentage: coverage(final, since, until),
    },
    ...(next && nextUser
      ? {
          next_oncall_for_user: {
            start: pdTime(next.start, zone),
            end: pdTime(next.end, zone),
            user: [userRef(links, pd, nextUser)],
          },
        }
      : {}),
  };
}

/** Reads `since`/`until` (default: now and two weeks on); null after answering 400. */
function windowOf(
  ctx: PdContext,
  res: Response,
  query: URLSearchParams,
  defaultLength: number,
) {
  const since = instantParam(res, query, 'since');
  if (since === null) return null;
  const until = instantParam(res, query, 'until');
  if (until === null) return null;
  const start = since ?? ctx.runtime.now();
  const end = until ?? start + defaultLength;
  if (end < start) {
    pdInvalid(res, 'until must not be before since');
    return null;
  }
  return { since: start, until: end };
}

function findSchedule(ctx: PdContext, req: Request, res: Response) {
  const schedule = ctx.pd.schedules.find(s => s.id === req.params.id);
  if (!schedule) {
    pdError(res, 404, 'Not Found');
  }
  return schedule;
}

/** `GET /schedules`, `/schedules/{id}`, `/schedules/{id}/overrides`, `/schedules/{id}/audit/records`. */
export function addPdScheduleRoutes(routes: VendorRoutes, ctx: PdContext) {
  const { pd } = ctx;
  routes.get('/schedules', (req, res) => {
    const query = queryOf(req);
    const links = linksOf(req);
    const q = (query.get('query') ?? '').toLowerCase();
    const layers = [...query.getAll('include[]')].includes('schedule_layers');
    const zone = zoneParam(res, query, 'UTC');
    if (zone === null) return;
    const window = { since: 0, until: 0, zone, overflow: true };
    sendPage(
      req,
      res,
      'schedules',
      pd.schedules.filter(s => s.name.toLowerCase().includes(q)),
      s => ({
        ...serializeScheduleSummary(links, pd, s),
        ...(layers
          ? {
              schedule_layers: s.rotations.map((_r, i) => {
                const { id: _id, ...rest } = layer(
                  links,
                  pd,
                  s,
                  i,
                  window,
                  true,
                );
                return rest;
              }),
            }
          : {}),
      }),
    );
  });

  routes.get('/schedules/:id', (req, res) => {
    const schedule = findSchedule(ctx, req, res);
    if (!schedule) return;
    const query = queryOf(req);
    const zone = zoneParam(res, query, schedule.timezone);
    if (zone === null) return;
    const window = windowOf(ctx, res, query, DEFAULT_WINDOW);
    if (!window) return;
    res.status(200).json({
      schedule: renderSchedule(
        linksOf(req),
        pd,
        schedule,
        { ...window, zone, overflow: query.get('overflow') === 'true' },
        query.get('include_next_oncall_for_user') ?? undefined,
      ),
    });
  });

  routes.get('/schedules/:id/overrides', (req, res) => {
    const schedule = findSchedule(ctx, req, res);
    if (!schedule) return;
    const query = queryOf(req);
    if (!query.get('since') || !query.get('until')) {
      pdInvalid(res, 'since and until are required');
      return;
    }
    const window = windowOf(ctx, res, query, DEFAULT_WINDOW);
    if (!window) return;
    const links = linksOf(req);
    res.status(200).json({
      overrides: schedule.overrides
        .filter(o => o.startDate < window.until && o.endDate > window.since)
        .map(o => ({
          id: o.alias,
          start: pdTime(o.startDate, schedule.timezone),
          end: pdTime(o.endDate, schedule.timezone),
          user: userRef(links, pd, pd.users.find(u => u.id === o.userId)!),
        })),
    });
  });

  routes.get('/schedules/:id/audit/records', (req, res) => {
    const schedule = findSchedule(ctx, req, res);
    if (!schedule) return;
    const links = linksOf(req);
    const resource = ref(links, 'schedule', schedule.id, schedule.name);
    const team = pd.teams.find(t => t.id === schedule.ownerTeamId);
    const manager = pd.users.find(u => u.id === team?.members[0]?.userId);
    const actors = manager ? [userRef(links, pd, manager)] : [];
    const created = schedule.rotations[0]?.startDate ?? ctx.runtime.now();
    const common = (id: string, action: string, at: number) => ({
      id: `${schedule.id}_${id}`,
      action,
      actors,
      execution_context: { request_id: `${schedule.id}-${id}`.toLowerCase() },
      execution_time: new Date(at).toISOString(),
      method: { type: 'browser' },
      root_resource: resource,
    });
    res.status(200).json({
      records: [
        {
          ...common('TEAM', 'update', created + 60_000),
          details: {
            references: team
              ? [
                  {
                    added: [ref(links, 'team', team.id, team.name)],
                    name: 'teams',
                  },
                ]
              : [],
            resource,
          },
        },
        {
          ...common('CREATE', 'create', created),
          details: {
            fields: [
              { name: 'name', value: schedule.name },
              { name: 'description', value: schedule.description },
              { name: 'time_zone', value: schedule.timezone },
            ],
            resource,
          },
        },
      ],
      limit: 10,
      next_cursor: null,
    });
  });
}
