import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  EscalationRole,
  INCIDENT_STATUSES,
  RetrospectiveStatus,
  SEVERITIES,
} from '@oncall-for-backstage/plugin-oncall-common';
import { z } from 'zod';

/** An entity ref, normalised to the catalog's lower-case `kind:namespace/name` form. */
const entityRefSchema = z.string().transform((ref, ctx) => {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch (error) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: String(error) });
    return z.NEVER;
  }
});

const retrospectiveStatuses = [
  'not_started',
  'in_progress',
  'in_review',
  'completed',
  'not_required',
] as const satisfies readonly RetrospectiveStatus[];

const escalationRoles = [
  'primary',
  'secondary',
  'team',
] as const satisfies readonly EscalationRole[];

/** One item of `GET /collate/incidents`: an incident and the catalog entities it maps to. */
export const collatedIncidentSchema = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  severity: z.enum(SEVERITIES),
  status: z.enum(INCIDENT_STATUSES),
  startedAt: z.string().datetime({ offset: true }),
  resolvedAt: z.string().datetime({ offset: true }).nullish(),
  commander: z
    .object({ name: z.string().min(1), email: z.string().nullish() })
    .nullish(),
  slackChannel: z
    .object({ name: z.string().min(1), url: z.string() })
    .nullish(),
  retrospective: z
    .object({
      status: z.enum(retrospectiveStatuses),
      url: z.string().nullish(),
      /** The state is what the incident list implies; the retrospective is not looked up yet. */
      pending: z.boolean().nullish(),
    })
    .nullish(),
  services: z.array(z.string().min(1)).nullish(),
  entityRefs: z.array(entityRefSchema),
  url: z.string().nullish(),
});

/** A validated incident from the on-call backend. */
export type CollatedIncident = z.infer<typeof collatedIncidentSchema>;

const responderSchema = z.object({
  name: z.string().min(1),
  email: z.string().nullish(),
});

/**
 * The people on call now, in escalation order. The on-call backend sends them by role
 * (`{ primary: [...], secondary: [...], team: [...] }`); a flat list with a `role` on each
 * responder is accepted as well.
 */
const respondersSchema = z.union([
  z.array(responderSchema.extend({ role: z.enum(escalationRoles) })),
  z
    .object({
      primary: z.array(responderSchema).default([]),
      secondary: z.array(responderSchema).default([]),
      team: z.array(responderSchema).default([]),
    })
    .transform(byRole =>
      escalationRoles.flatMap(role =>
        byRole[role].map(responder => ({ ...responder, role })),
      ),
    ),
]);

/** One item of `GET /collate/rotations`: who is on call now in one schedule of a team. */
export const collatedRotationSchema = z.object({
  /** The Group the team maps to; absent for a team no Group maps to. */
  entityRef: entityRefSchema.nullish(),
  team: z.string().min(1).nullish(),
  schedule: z.object({
    id: z.string().min(1),
    name: z.string().min(1),
    timezone: z.string().nullish(),
    url: z.string().nullish(),
  }),
  responders: respondersSchema,
  /** The catalog entities the rotation is on call for; absent from older on-call backends. */
  entityRefs: z.array(entityRefSchema).nullish(),
});

/** A validated rotation from the on-call backend. */
export type CollatedRotation = z.infer<typeof collatedRotationSchema>;
