import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { formatZodError, parseEntityParams } from '../lib/entityParams';
import { HealthService } from './HealthService';
import { LastShiftService } from './LastShiftService';

/** At most a year of weeks. */
export const MAX_WEEKS = 52;
export const DEFAULT_WEEKS = 12;

const HEALTH_KINDS = ['group', 'component'];

const querySchema = z.object({
  weeks: z
    .string({ invalid_type_error: 'weeks must be a single whole number' })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) {
        return DEFAULT_WEEKS;
      }
      const n = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
      if (!(n >= 1 && n <= MAX_WEEKS)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `weeks must be a whole number from 1 to ${MAX_WEEKS}`,
        });
        return z.NEVER;
      }
      return n;
    }),
});

/** Routes of the health feature; mounted by the plugin below `/api/oncall`. */
export function createHealthRouter(options: {
  service: HealthService;
  lastShift: LastShiftService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, lastShift, httpAuth } = options;
  const router = Router();

  router.get('/entities/:kind/:namespace/:name/health', async (req, res) => {
    const params = parseEntityParams(req.params);
    if (!HEALTH_KINDS.includes(params.kind)) {
      throw new InputError(
        'kind: on-call health is for a group or a component',
      );
    }
    const query = querySchema.safeParse(req.query ?? {});
    if (!query.success) {
      throw new InputError(formatZodError(query.error));
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.getHealth(params, query.data.weeks, credentials));
  });

  router.get('/me/last-shift', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await lastShift.getLastShift(credentials));
  });

  return router;
}
