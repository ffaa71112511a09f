import {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { oncallPageCreatePermission } from '@oncall-for-backstage/plugin-oncall-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  formatZodError,
  parseEntityParams,
  toEntityRef,
} from '../lib/entityParams';
import { jsonBody } from '../lib/jsonBody';
import { retryAfterHeader } from './paging/errors';
import { readIdempotencyKey } from './paging/idempotency';
import { PagingRateLimiter } from './paging/PagingRateLimiter';
import { callerKey } from '../lib/credentials';
import { CoverageService } from './services/CoverageService';
import { MyOnCallService } from './services/MyOnCallService';
import { OnCallSummaryService } from './services/OnCallSummaryService';
import { PagingService } from './services/PagingService';
import { RotationCollationService } from './services/RotationCollationService';

/** Largest accepted JSON body of a page request. */
const PAGE_BODY_LIMIT = '16kb';

const pageBodySchema = z
  .object({
    message: z
      .string({
        required_error: 'message is required',
        invalid_type_error: 'message must be a string',
      })
      .trim()
      .min(1, 'message must not be empty')
      .max(130, 'message must be at most 130 characters'),
    priority: z
      .enum(['P1', 'P2', 'P3', 'P4', 'P5'], {
        errorMap: () => ({
          message: 'priority must be one of P1, P2, P3, P4, P5',
        }),
      })
      .optional(),
    description: z
      .string({ invalid_type_error: 'description must be a string' })
      .max(15000, 'description must be at most 15000 characters')
      .optional(),
  })
  .strict();

const collateQuerySchema = z.object({
  cursor: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

function parse<T>(
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
  what: string,
): T {
  const parsed = schema.safeParse(value ?? {});
  if (!parsed.success) {
    throw new InputError(`Invalid ${what}: ${formatZodError(parsed.error)}`);
  }
  return parsed.data;
}

/** Routes of the on-call feature; mounted by the plugin below `/api/oncall`. */
export function createOnCallRouter(options: {
  summary: OnCallSummaryService;
  myOnCall: MyOnCallService;
  coverage: CoverageService;
  paging: PagingService;
  collation: RotationCollationService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  rateLimiter: PagingRateLimiter;
}): express.Router {
  const { httpAuth, permissions, auditor, rateLimiter } = options;
  const router = Router();

  router.get('/entities/:kind/:namespace/:name/on-call', async (req, res) => {
    const params = parseEntityParams(req.params);
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await options.summary.getSummary(params, credentials));
  });

  router.post(
    '/entities/:kind/:namespace/:name/pages',
    jsonBody({ limit: PAGE_BODY_LIMIT }),
    async (req, res) => {
      const params = parseEntityParams(req.params);
      const body = parse(pageBodySchema, req.body, 'page request');
      const idempotencyKey = readIdempotencyKey(req.headers['idempotency-key']);
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = toEntityRef(params);
      const [decision] = await permissions.authorize(
        [{ permission: oncallPageCreatePermission, resourceRef: entityRef }],
        { credentials },
      );
      if (decision.result !== AuthorizeResult.ALLOW) {
        throw new NotAllowedError(
          `You may not page the on-call of ${entityRef}`,
        );
      }
      await rateLimiter.consume(callerKey(credentials));
      const event = await auditor.createEvent({
        eventId: 'oncall-page',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef, priority: body.priority ?? 'P3' },
      });
      try {
        const result = await options.paging.page(params, body, credentials, {
          idempotencyKey,
        });
        await event.success({
          meta: {
            entityRef: result.entityRef,
            team: result.team ?? null,
            priority: body.priority ?? 'P3',
            requestId: result.requestId,
          },
        });
        res.status(202).json({
          requestId: result.requestId,
          team: result.team,
          status: result.status,
          alertId: result.alertId,
        });
      } catch (error) {
        await event.fail({
          error: error instanceof Error ? error : new Error(String(error)),
        });
        throw error;
      }
    },
  );

  router.get('/me/on-call', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await options.myOnCall.getMyOnCall(credentials));
  });

  router.get('/coverage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await options.coverage.getCoverage(credentials));
  });

  router.get('/collate/rotations', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['service'] });
    const query = parse(collateQuerySchema, req.query, 'query');
    res.json(
      await options.collation.collateRotations(query.cursor, query.limit),
    );
  });

  router.use(retryAfterHeader);
  return router;
}
