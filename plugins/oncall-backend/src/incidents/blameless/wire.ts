import { z } from 'zod';
import { lenient } from '../../lib/lenient';
import { optionalHttpUrl } from '../../lib/httpUrl';
import { isPathSegment } from '../../lib/VendorHttpClient';

/**
 * Blameless wire format, parsed leniently: only the fields we read are declared, unknown keys
 * pass. Fields marked [inferred] are not in any vendor sample (see vendor-apis.md §2.5).
 */

/** Mongo extended JSON date `{"$date": ms}`; an epoch number or ISO string is accepted too. */
export const blamelessDate = z
  .union([
    z
      .object({ $date: z.union([z.number(), z.string()]) })
      .transform(d => d.$date),
    z.number(),
    z.string(),
  ])
  .transform((value, ctx) => {
    const ms = typeof value === 'number' ? value : Date.parse(value);
    if (!Number.isFinite(ms)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'invalid date' });
      return z.NEVER;
    }
    return ms;
  });

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().optional(),
});

const person = lenient({
  name: z.string().optional(),
  full_name: z.string().optional(),
  display_name: z.string().optional(),
  email: z.string().optional(),
});

/** [inferred] `roles`: who held which role, e.g. `{ role: 'Commander', user: {...} }`. */
const role = lenient({
  role: z.string().optional(),
  name: z.string().optional(),
  user: person.nullish(),
  assignee: person.nullish(),
  email: z.string().optional(),
  full_name: z.string().optional(),
});

/** [inferred] the services an incident was filed against, by name. */
const serviceRef = z.union([z.string(), lenient({ name: z.string() })]);

export const incidentSchema = lenient({
  /** Goes into request paths (`/incidents/:id/postmortem`), so `..` and the like are refused. */
  _id: z
    .union([z.number(), z.string()])
    .refine(id => isPathSegment(String(id)), {
      message:
        'must be an id that can stand in a request path (not empty, "." or "..", without "/")',
    }),
  name: z.string().optional(),
  description: z.string().optional(),
  title: z.string().optional(),
  created: blamelessDate,
  updated: blamelessDate.optional(),
  status: z.string(),
  severity: z.number().int(),
  start_of_customer_impact: blamelessDate.nullish(),
  acknowledged_at: blamelessDate.nullish(),
  resolved_at: blamelessDate.nullish(),
  end_of_customer_impact: blamelessDate.nullish(),
  slack_channel: lenient({
    id: z.string().optional(),
    name: z.string(),
    /** Only an http(s) URL is kept; another scheme reads as absent. */
    url: optionalHttpUrl,
  }).nullish(),
  roles: z
    .union([z.array(role), z.record(z.union([person, z.string(), z.null()]))])
    .nullish(),
  services: z.array(serviceRef).nullish(),
  service: z.string().nullish(),
  is_postmortem_required: z.boolean().optional(),
});

export type BlamelessIncident = z.infer<typeof incidentSchema>;

export const incidentListSchema = z.object({
  ok: z.boolean().optional(),
  incidents: z.array(z.unknown()),
  pagination: lenient({
    limit: z.number().optional(),
    offset: z.number().optional(),
    count: z.number().optional(),
  }).optional(),
});

export type IncidentList = z.infer<typeof incidentListSchema>;

export const incidentGetSchema = z.object({
  ok: z.boolean().optional(),
  incident: z.unknown(),
});

export const postmortemSchema = z.object({
  ok: z.boolean().optional(),
  postmortem: lenient({
    state: z.string().optional(),
    status: z.string().optional(),
  }),
});

export const severitiesSchema = z.object({
  severities: z.array(lenient({ level: z.number().int(), label: z.string() })),
});

/** Any JSON body; used where only the status matters. */
export const anyBody = z.unknown();
