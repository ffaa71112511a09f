import { Response, Router } from 'express';
import { z } from 'zod';
import { jsonBody } from '../shared/jsonBody';
import { SandboxRuntime } from '../shared/runtime';
import { VendorResponder, VendorRoutes } from '../shared/vendorRoute';
import { PagerDutyOrg } from '../org/pagerdutyOrg';
import { pagerdutyResponder } from './envelope';
import { PdIncidentStore } from './incidentStore';

/** Events API v2 error body: `{status, message, errors}`. */
function eventsError(
  res: Response,
  status: number,
  body: { status: string; message: string; errors: string[] },
) {
  res.status(status).json(body);
}

const eventSchema = z.object({
  routing_key: z.string().length(32),
  event_action: z.enum(['trigger', 'acknowledge', 'resolve']),
  dedup_key: z.string().min(1).max(255).optional(),
  payload: z
    .object({
      summary: z.string().min(1).max(1024),
      source: z.string().min(1),
      severity: z.enum(['critical', 'error', 'warning', 'info']),
      timestamp: z.string().optional(),
      component: z.string().optional(),
      group: z.string().optional(),
      class: z.string().optional(),
      custom_details: z.unknown().optional(),
    })
    .optional(),
  client: z.string().optional(),
  client_url: z.string().optional(),
  links: z.array(z.unknown()).optional(),
  images: z.array(z.unknown()).optional(),
});

/**
 * The Events API's responder: its errors are `{status, message, errors}`; a 429 carries no body
 * the client relies on and no rate-limit headers (its budget is adjusted dynamically).
 */
const eventsResponder: VendorResponder = {
  vendor: 'pagerduty',
  error(res, status, message) {
    if (status === 429) {
      pagerdutyResponder.error(res, status, message);
      return;
    }
    eventsError(res, status, {
      status: 'error',
      message,
      errors: [message],
    });
  },
  rateLimited(res) {
    eventsError(res, 429, {
      status: 'throttled',
      message:
        'Requests for this service are arriving too quickly.  Please retry later.',
      errors: ['Enhance Your Calm.'],
    });
  },
};

/** Events API v2 at `/pagerduty-events`: `POST /v2/enqueue`, authenticated by `routing_key`. */
export function createPagerDutyEventsRouter(
  runtime: SandboxRuntime,
  pd: PagerDutyOrg,
  store: PdIncidentStore,
): Router {
  const router = Router();
  router.use(
    jsonBody('512kb', res =>
      eventsError(res, 400, {
        status: 'Unrecognized object',
        message: 'Event object format is unrecognized',
        errors: ['JSON parse error'],
      }),
    ),
  );
  const routes = new VendorRoutes(
    router,
    runtime,
    eventsResponder,
    (_req, _res, next) => next(),
  );
  routes.post('/v2/enqueue', (req, res) => {
    const parsed = eventSchema.safeParse(req.body);
    if (!parsed.success) {
      eventsError(res, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: parsed.error.issues.map(
          i => `'${i.path.join('.') || 'body'}' ${i.message}`,
        ),
      });
      return;
    }
    const event = parsed.data;
    if (event.event_action === 'trigger' && !event.payload) {
      eventsError(res, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ["'payload' is missing or blank"],
      });
      return;
    }
    if (event.event_action !== 'trigger' && !event.dedup_key) {
      eventsError(res, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ["'dedup_key' is missing or blank"],
      });
      return;
    }
    const service = pd.services.find(
      s => s.integrationKey === event.routing_key,
    );
    if (!service) {
      eventsError(res, 400, {
        status: 'invalid event',
        message: 'Event object is invalid',
        errors: ['Invalid routing key'],
      });
      return;
    }
    const dedupKey = store.apply(
      service,
      {
        action: event.event_action,
        dedupKey: event.dedup_key,
        summary: event.payload?.summary,
        severity: event.payload?.severity,
      },
      runtime.now(),
    );
    res.status(202).json({
      status: 'success',
      message: 'Event processed',
      dedup_key: dedupKey,
    });
  });
  routes.notFound();
  return router;
}
