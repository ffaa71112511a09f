import { z } from 'zod';

/**
 * Opsgenie's List Alerts item (`BaseAlert`). Items are read one by one so that a bad record
 * is skipped with its id; `report.ackTime` and `report.closeTime` are milliseconds after
 * `createdAt`.
 */
export const baseAlertSchema = z.object({
  id: z.string().min(1),
  tinyId: z.string().optional(),
  alias: z.string().optional(),
  message: z.string(),
  status: z.enum(['open', 'closed']),
  acknowledged: z.boolean().optional(),
  count: z.number().int().nonnegative().optional(),
  createdAt: z.string().datetime({ offset: true }),
  updatedAt: z.string().datetime({ offset: true }),
  priority: z.string().optional(),
  owner: z.string().optional(),
  report: z
    .object({
      ackTime: z.number().nonnegative().optional(),
      acknowledgedBy: z.string().optional(),
      closeTime: z.number().nonnegative().optional(),
      closedBy: z.string().optional(),
    })
    .optional(),
});
export type OpsgenieBaseAlert = z.infer<typeof baseAlertSchema>;

/** `GET /v2/alerts`: items kept raw, each parsed on its own. */
export const listAlertsResponse = z.object({
  data: z.array(z.unknown()),
  paging: z.object({ next: z.string().optional() }).optional(),
  took: z.number().optional(),
  requestId: z.string().optional(),
});

/** `GET /v2/users`: only what the health sync reads. */
export const listUserZonesResponse = z.object({
  data: z.array(
    z.object({ username: z.string(), timeZone: z.string().optional() }),
  ),
  paging: z.object({ next: z.string().optional() }).optional(),
  totalCount: z.number().optional(),
});
