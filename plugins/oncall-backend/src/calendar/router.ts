import {
  HttpAuthService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { formatZodError } from '../lib/entityParams';
import { CalendarService } from './CalendarService';

const feedQuerySchema = z.object({
  token: z
    .string({ invalid_type_error: 'token must be given once' })
    .max(256, 'token is too long')
    .optional(),
});

/** The request log reads `originalUrl` when the response ends: keep the secret out of it. */
function redactToken(req: express.Request) {
  const redact = (url: string) =>
    url.replace(/([?&]token=)[^&#]*/g, '$1REDACTED');
  req.originalUrl = redact(req.originalUrl);
  req.url = redact(req.url);
}

/** The signed-in user a `/me/calendar-token` request comes from (users only, not services). */
async function callerRef(
  req: express.Request,
  auth: { httpAuth: HttpAuthService; userInfo: UserInfoService },
): Promise<string> {
  const credentials = await auth.httpAuth.credentials(req, { allow: ['user'] });
  const { userEntityRef } = await auth.userInfo.getUserInfo(credentials);
  return userEntityRef;
}

/** Routes of the calendar feed; mounted by the plugin below `/api/oncall`. */
export function createCalendarRouter(options: {
  service: CalendarService;
  httpAuth: HttpAuthService;
  userInfo: UserInfoService;
}): express.Router {
  const service = options.service;
  const router = Router();

  router.post('/me/calendar-token', async (req, res) => {
    const userRef = await callerRef(req, options);
    res.status(201).json(await service.createToken(userRef));
  });

  router.delete('/me/calendar-token', async (req, res) => {
    await service.revokeToken(await callerRef(req, options));
    res.status(204).end();
  });

  // Unauthenticated (calendar apps cannot send Backstage tokens): the secret is the credential.
  router.get('/me/calendar.ics', async (req, res) => {
    const query = feedQuerySchema.safeParse(req.query ?? {});
    redactToken(req);
    if (!query.success) {
      throw new InputError(formatZodError(query.error));
    }
    const body = await service.getFeed(query.data.token);
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .set('Cache-Control', 'private, no-store')
      .send(body);
  });

  return router;
}
