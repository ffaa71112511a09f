import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  INCIDENT_STATUSES,
  SEVERITIES,
} from '@oncall-for-backstage/plugin-oncall-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { formatZodError, parseEntityParams } from '../lib/entityParams';
import { parseIsoInstant } from '../lib/isoInstant';
import { IncidentQuery, IncidentService } from './IncidentService';

const MAX_LIMIT = 500;

/** A repeatable (or comma separated) parameter of one of `values`. */
const repeatable = <T extends string>(
  name: string,
  values: readonly [T, ...T[]],
) =>
  z
    .union([z.string(), z.array(z.string())], {
      errorMap: () => ({ message: `${name} must be given as ${name}=<value>` }),
    })
    .optional()
    .transform(v =>
      (v === undefined ? [] : [v].flat())
        .flatMap(part => part.split(','))
        .map(part => part.trim().toLocaleLowerCase('en-US'))
        .filter(part => part.length > 0),
    )
    .pipe(
      z.array(
        z.enum(values, {
          errorMap: () => ({ message: `must be one of ${values.join(', ')}` }),
        }),
      ),
    );

const instant = (name: string) =>
  z
    .string({
      invalid_type_error: `${name} must be an ISO 8601 date or date-time`,
    })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) {
        return undefined;
      }
      const read = parseIsoInstant(value);
      if (!read.valid) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: read.problem });
        return z.NEVER;
      }
      return read.date;
    });

const limit = (fallback: number) =>
  z
    .string({ invalid_type_error: 'must be a number' })
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) {
        return fallback;
      }
      if (!/^\d+$/.test(value)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: 'must be a whole number',
        });
        return z.NEVER;
      }
      const n = Number(value);
      if (n < 1 || n > MAX_LIMIT) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          message: `must be between 1 and ${MAX_LIMIT}`,
        });
        return z.NEVER;
      }
      return n;
    });

const cursor = z
  .string({ invalid_type_error: 'must be a single value' })
  .min(1, 'must not be empty')
  .max(512, 'is too long')
  .optional();

const incidentQuerySchema = z
  .object({
    from: instant('from'),
    to: instant('to'),
    severity: repeatable('severity', SEVERITIES),
    status: repeatable('status', INCIDENT_STATUSES),
    limit: limit(50),
    cursor,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() > q.to.getTime()) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['from'],
        message: 'must not be after to',
      });
    }
  });

const collateQuerySchema = z.object({ limit: limit(100), cursor });

function parse<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new InputError(formatZodError(parsed.error));
  }
  return parsed.data;
}

/** Routes of the incidents feature; mounted by the plugin below `/api/oncall`. */
export function createIncidentsRouter(options: {
  service: IncidentService;
  httpAuth: HttpAuthService;
}): express.Router {
  const { service, httpAuth } = options;
  const router = Router();

  router.get('/entities/:kind/:namespace/:name/incidents', async (req, res) => {
    const params = parseEntityParams(req.params);
    const q = parse(incidentQuerySchema, req.query);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query: IncidentQuery = {
      from: q.from,
      to: q.to,
      severities: q.severity,
      statuses: q.status,
      limit: q.limit,
      cursor: q.cursor,
    };
    res.json(await service.page(params, query, credentials));
  });

  router.get('/collate/incidents', async (req, res) => {
    const q = parse(collateQuerySchema, req.query);
    const credentials = await httpAuth.credentials(req, { allow: ['service'] });
    res.json(await service.collate(q, credentials));
  });

  return router;
}
