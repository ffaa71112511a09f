import { randomUUID } from 'node:crypto';
import { Request, Response } from 'express';
import { z } from 'zod';
import { DemoOverride, DemoSchedule } from '../org/types';
import { iso } from '../org/time';
import { queryOf } from '../shared/query';
import { AddVendorRoutes } from '../shared/vendorRoute';
import { ogSend, ogUnprocessable } from './envelope';
import { findSchedule } from './identifiers';
import { scheduleParent } from './serialize';

const isoDate = z
  .string()
  .refine(v => /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: 'must be an ISO-8601 date-time',
  });

/** Opsgenie's Create Schedule Override body (user overrides; the demo has no escalation ones). */
const overrideSchema = z
  .object({
    alias: z.string().min(1).max(100).optional(),
    user: z
      .object({
        type: z.literal('user'),
        id: z.string().optional(),
        username: z.string().optional(),
      })
      .refine(u => Boolean(u.id ?? u.username), {
        message: 'id or username is required',
      }),
    startDate: isoDate,
    endDate: isoDate,
    rotations: z
      .array(
        z
          .object({ id: z.string().optional(), name: z.string().optional() })
          .refine(r => Boolean(r.id ?? r.name), {
            message: 'id or name is required',
          }),
      )
      .optional(),
  })
  .refine(o => Date.parse(o.endDate) > Date.parse(o.startDate), {
    message: 'endDate must be after startDate',
    path: ['endDate'],
  });

/**
 * Schedule overrides: list, create and delete, as Opsgenie's Schedule Override API
 * (`/v2/schedules/{identifier}/overrides`). A created override changes the timelines and
 * who-is-on-call answers from then on, as in Opsgenie, so a test or a person trying the demo
 * can make someone take a shift.
 */
export const addOverrideRoutes: AddVendorRoutes = (routes, runtime) => {
  const { index } = runtime;
  const scheduleOf = (req: Request, res: Response) =>
    findSchedule(
      runtime,
      req.params.identifier,
      queryOf(req),
      'scheduleIdentifierType',
      res,
    );

  routes.get('/v2/schedules/:identifier/overrides', (req, res) => {
    const schedule = scheduleOf(req, res);
    if (schedule) {
      ogSend(res, 200, {
        data: schedule.overrides.map(o => serializeOverride(schedule, o)),
      });
    }
  });

  routes.post('/v2/schedules/:identifier/overrides', (req, res) => {
    const schedule = scheduleOf(req, res);
    if (!schedule) {
      return;
    }
    const parsed = overrideSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      ogUnprocessable(
        res,
        Object.fromEntries(
          parsed.error.issues.map(i => [i.path.join('.') || 'body', i.message]),
        ),
      );
      return;
    }
    const body = parsed.data;
    const user = body.user.id
      ? index.usersById.get(body.user.id)
      : index.usersByEmail.get(body.user.username ?? '');
    if (!user) {
      ogUnprocessable(res, { user: 'User does not exist' });
      return;
    }
    const rotationIds: string[] = [];
    for (const ref of body.rotations ?? []) {
      const rotation = schedule.rotations.find(
        r => r.id === ref.id || r.name === ref.name,
      );
      if (!rotation) {
        ogUnprocessable(res, {
          rotations: `Rotation [${ref.id ?? ref.name}] does not exist`,
        });
        return;
      }
      rotationIds.push(rotation.id);
    }
    const alias = body.alias ?? randomUUID();
    if (schedule.overrides.some(o => o.alias === alias)) {
      ogUnprocessable(res, { alias: `Override [${alias}] already exists` });
      return;
    }
    schedule.overrides.push({
      alias,
      userId: user.id,
      startDate: Date.parse(body.startDate),
      endDate: Date.parse(body.endDate),
      // none named: every rotation of the schedule, as Opsgenie applies it
      rotationIds:
        rotationIds.length > 0
          ? rotationIds
          : schedule.rotations.map(r => r.id),
    });
    ogSend(res, 201, { result: 'Created', data: { alias } });
  });

  routes.delete('/v2/schedules/:identifier/overrides/:alias', (req, res) => {
    const schedule = scheduleOf(req, res);
    if (!schedule) {
      return;
    }
    const at = schedule.overrides.findIndex(o => o.alias === req.params.alias);
    if (at < 0) {
      ogSend(res, 404, { message: 'Override not found' });
      return;
    }
    schedule.overrides.splice(at, 1);
    ogSend(res, 200, { result: 'Deleted' });
  });

  function serializeOverride(schedule: DemoSchedule, o: DemoOverride) {
    return {
      _parent: scheduleParent(schedule),
      alias: o.alias,
      user: {
        type: 'user',
        id: o.userId,
        username: index.usersById.get(o.userId)?.email ?? '',
      },
      startDate: iso(o.startDate),
      endDate: iso(o.endDate),
      rotations: schedule.rotations
        .filter(r => o.rotationIds.includes(r.id))
        .map(r => ({ id: r.id, name: r.name })),
    };
  }
};
