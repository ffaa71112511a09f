import { z } from 'zod';
import { iso } from '../org/time';
import {
  SandboxAlert,
  alertAudienceFields,
  alertMessageSchema,
  alertOriginFields,
  newAlertOf,
} from '../opsgenie/alertStore';
import { queryOf } from '../shared/query';
import { AddVendorRoutes } from '../shared/vendorRoute';
import { jsmAlertError } from './envelope';
import { pageOf, pageParams } from './paging';

const alertSchema = z.object({
  message: alertMessageSchema('message'),
  alias: z.string().max(512).optional(),
  description: z.string().max(15000).optional(),
  responders: z
    .array(
      z.object({
        id: z.string().min(1),
        type: z.enum(['team', 'user', 'escalation', 'schedule']),
      }),
    )
    .max(50)
    .optional(),
  ...alertAudienceFields,
  extraProperties: z.record(z.string()).optional(),
  ...alertOriginFields,
  note: z.string().optional(),
});

/** The list item (`AlertResponse`); note JSM's `lastOccuredAt` spelling and `seen`. */
function serializeAlert(a: SandboxAlert) {
  return {
    id: a.id,
    tinyId: a.tinyId,
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.lastOccurredAt),
    message: a.message,
    entity: '',
    source: a.source,
    status: 'open',
    alias: a.alias,
    tags: a.tags,
    extraProperties: a.details,
    description: a.description ?? '',
    acknowledged: false,
    count: a.count,
    owner: '',
    snoozed: false,
    lastOccuredAt: iso(a.lastOccurredAt),
    integrationType: 'API',
    integrationName: 'Default API',
    priority: a.priority,
    responders: a.responders.map(r => ({ id: r.id ?? '', type: r.type })),
    actions: [],
    seen: false,
  };
}

/** `alias:<value>` (optionally quoted) filters by alias; other queries list everything. */
function aliasOf(query: string | null): string | undefined {
  const match = /^alias\s*[:=]\s*"?([^"]*)"?$/.exec(query?.trim() ?? '');
  return match ? match[1] : undefined;
}

/** Create alert (the page), its request status, and the list of alerts created through the API. */
export const addAlertRoutes: AddVendorRoutes = (routes, runtime) => {
  const store = runtime.jsmAlerts;

  routes.post('/v1/alerts', (req, res) => {
    const parsed = alertSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      jsmAlertError(
        res,
        422,
        `${issue.path.join('.') || 'body'}: ${issue.message}`,
      );
      return;
    }
    const body = parsed.data;
    const { requestId } = store.create(
      newAlertOf(body, body.extraProperties, req.ip, runtime.now()),
    );
    // the spec answers 200 (its alert actions answer 202)
    res.status(200).json({
      result: 'Request will be processed',
      requestId,
      took: 0.195,
    });
  });

  routes.get('/v1/alerts/requests/:requestId', (req, res) => {
    const result = store.poll(req.params.requestId);
    if (result.state !== 'done') {
      jsmAlertError(
        res,
        404,
        result.state === 'pending'
          ? 'Request not processed yet'
          : 'Request does not exist',
      );
      return;
    }
    res.json({
      action: 'Create',
      processedAt: iso(result.processedAt),
      integrationId: '',
      isSuccess: true,
      status: result.alert.count > 1 ? 'Alert already exists' : 'Created alert',
      alertId: result.alert.id,
      alias: result.alert.alias,
    });
  });

  routes.get('/v1/alerts', (req, res) => {
    const page = pageParams(req, res, 20, 100);
    if (!page) return;
    const alias = aliasOf(queryOf(req).get('query'));
    const list = store
      .list()
      .filter(a => alias === undefined || a.alias === alias)
      .map(serializeAlert);
    res.json({ ...pageOf(req, list, page, '/v1/alerts'), count: list.length });
  });
};
