import { z } from 'zod';
import { AddVendorRoutes } from '../shared/vendorRoute';
import { iso } from '../org/time';
import {
  alertAudienceFields,
  alertMessageSchema,
  alertOriginFields,
  newAlertOf,
} from './alertStore';
import { API_INTEGRATION } from './createdPages';
import { ogSend, ogUnprocessable } from './envelope';

const responderSchema = z
  .object({
    type: z.enum(['team', 'user', 'escalation', 'schedule']),
    id: z.string().optional(),
    name: z.string().optional(),
    username: z.string().optional(),
  })
  .refine(
    r => r.id || r.name || r.username,
    'Responder needs an id, name or username',
  );

const alertSchema = z.object({
  message: alertMessageSchema('Message'),
  alias: z.string().max(512).optional(),
  description: z.string().max(15000).optional(),
  responders: z.array(responderSchema).max(50).optional(),
  ...alertAudienceFields,
  details: z.record(z.string()).optional(),
  ...alertOriginFields,
  user: z.string().optional(),
  note: z.string().optional(),
});

/** `POST /v2/alerts` and `GET /v2/alerts/requests/:requestId`. */
export const addAlertRoutes: AddVendorRoutes = (routes, runtime) => {
  routes.post('/v2/alerts', (req, res) => {
    const parsed = alertSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        errors[issue.path.join('.') || 'body'] = issue.message;
      }
      ogUnprocessable(res, errors);
      return;
    }
    const body = parsed.data;
    const { requestId } = runtime.alerts.create(
      newAlertOf(body, body.details, req.ip, runtime.now()),
    );
    res.set('X-Request-ID', requestId);
    res.status(202).json({
      result: 'Request will be processed',
      took: 0.107,
      requestId,
    });
  });

  routes.get('/v2/alerts/requests/:requestId', (req, res) => {
    const result = runtime.alerts.poll(req.params.requestId);
    if (result.state === 'unknown') {
      ogSend(res, 404, { message: 'Request does not exist' });
      return;
    }
    if (result.state === 'pending') {
      ogSend(
        res,
        404,
        { message: 'Request not processed yet' },
        { 'X-Opsgenie-Errortype': 'RequestNotProcessed' },
      );
      return;
    }
    ogSend(res, 200, {
      data: {
        success: true,
        action: 'Create',
        processedAt: iso(result.processedAt),
        integrationId: API_INTEGRATION.id,
        isSuccess: true,
        status: 'Created alert',
        alertId: result.alert.id,
        alias: result.alert.alias,
      },
    });
  });
};
