import { z } from 'zod';

/**
 * PagerDuty REST API v2 and Events API v2 bodies, parsed at the boundary. Only the fields the
 * adapter reads are declared; everything else PagerDuty sends is ignored.
 */

/** A `<type>_reference` (or a full object) with its id and display name. */
export const pdReference = z.object({
  id: z.string(),
  type: z.string(),
  summary: z.string().nullish(),
  html_url: z.string().nullish(),
});
export type PdReference = z.infer<typeof pdReference>;

/**
 * A list answer with classic pagination: `items` (e.g. `{ users: z.array(pdUser) }`) plus
 * `limit`, `offset`, `more` and `total` (null unless asked for).
 */
const classicPage = <T extends z.ZodRawShape>(items: T) =>
  z.object({
    ...items,
    limit: z.number().nullish(),
    offset: z.number().nullish(),
    more: z.boolean().nullish(),
    total: z.number().nullish(),
  });

export const pdUser = z.object({
  id: z.string(),
  type: z.string(),
  summary: z.string().nullish(),
  name: z.string(),
  email: z.string(),
  time_zone: z.string().nullish(),
});
export type PdUser = z.infer<typeof pdUser>;

/** An on-call's user: a full user with `include[]=users`, a reference otherwise. */
export const pdUserOrReference = z.union([pdUser, pdReference]);
export type PdUserOrReference = z.infer<typeof pdUserOrReference>;

export const listUsersResponse = classicPage({ users: z.array(pdUser) });

export const getUserResponse = z.object({ user: pdUser });

/** What every named object (team, policy, schedule, service) carries. */
const pdNamed = z.object({
  id: z.string(),
  name: z.string(),
});

export const pdTeam = pdNamed;

export const listTeamsResponse = classicPage({ teams: z.array(pdTeam) });

export const teamMembersResponse = classicPage({
  members: z.array(z.object({ user: pdUserOrReference, role: z.string() })),
});

export const pdEscalationRule = z.object({
  id: z.string().nullish(),
  escalation_delay_in_minutes: z.number(),
  targets: z.array(pdReference),
});

/** A policy or schedule: named, with its teams and its page in the web app. */
const pdTeamObject = pdNamed.extend({
  teams: z.array(pdReference).nullish(),
  html_url: z.string().nullish(),
});

export const pdEscalationPolicy = pdTeamObject.extend({
  escalation_rules: z.array(pdEscalationRule),
  num_loops: z.number().nullish(),
});
export type PdEscalationPolicy = z.infer<typeof pdEscalationPolicy>;

export const listEscalationPoliciesResponse = classicPage({
  escalation_policies: z.array(pdEscalationPolicy),
});

export const pdScheduleSummary = pdTeamObject.extend({
  time_zone: z.string(),
  description: z.string().nullish(),
  users: z.array(pdReference).nullish(),
  escalation_policies: z.array(pdReference).nullish(),
});
export type PdScheduleSummary = z.infer<typeof pdScheduleSummary>;

export const listSchedulesResponse = classicPage({
  schedules: z.array(pdScheduleSummary),
});

/** One rendered entry; PagerDuty leaves `user` out of uncovered gaps in some answers. */
export const pdRenderedEntry = z.object({
  start: z.string(),
  end: z.string(),
  user: pdReference.nullish(),
});
export type PdRenderedEntry = z.infer<typeof pdRenderedEntry>;

const subschedule = z.object({
  rendered_schedule_entries: z.array(pdRenderedEntry).nullish(),
});

export const getScheduleResponse = z.object({
  schedule: pdScheduleSummary.extend({
    final_schedule: subschedule,
    overrides_subschedule: subschedule.nullish(),
  }),
});

export const pdOnCall = z.object({
  user: pdUserOrReference,
  /** Null for a permanent on-call (a user targeted directly by the policy). */
  schedule: pdReference.nullish(),
  escalation_policy: pdReference,
  escalation_level: z.number(),
  start: z.string().nullish(),
  end: z.string().nullish(),
});
export type PdOnCall = z.infer<typeof pdOnCall>;

export const listOnCallsResponse = classicPage({ oncalls: z.array(pdOnCall) });

export const pdService = pdNamed.extend({
  escalation_policy: pdReference,
});

export const getServiceResponse = z.object({ service: pdService });

/** Events API v2: 202 `{status, message, dedup_key}`. */
export const enqueueResponse = z.object({
  status: z.string(),
  message: z.string(),
  dedup_key: z.string().nullish(),
});

/** Events API v2 error body `{status, message, errors}`. */
export const enqueueError = z.object({
  status: z.string(),
  message: z.string(),
  errors: z.array(z.string()).nullish(),
});

/** REST error envelope `{error: {message, code, errors}}`. */
export const restError = z.object({
  error: z.object({
    message: z.string(),
    code: z.number().nullish(),
    errors: z.array(z.string()).nullish(),
  }),
});
