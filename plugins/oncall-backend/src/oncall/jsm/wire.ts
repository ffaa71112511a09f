import { z } from 'zod';
import { lenient } from '../../lib/lenient';

/**
 * JSM Operations' wire format (`/jsm/ops/api/{cloudId}/v1`) and Jira's user lookup, parsed at
 * the boundary. Lenient where the published examples are thin (unknown keys pass, optional
 * fields may be absent or null); strict on what the adapter reads.
 */

/** `{values, links: {next}}`; a missing or null `next` is the last page. */
export function jsmList<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    values: z.array(item),
    links: lenient({ next: z.string().nullish() }).nullish(),
  });
}

export const jsmResponder = lenient({
  id: z.string().nullish(),
  type: z.string(),
});
export type JsmResponder = z.infer<typeof jsmResponder>;

/** A rotation as a schedule lists it and as a timeline shows it: its id, perhaps a name. */
const jsmRotationRef = lenient({
  id: z.string(),
  name: z.string().nullish(),
});

export const jsmRotation = jsmRotationRef.extend({
  participants: z.array(jsmResponder).nullish(),
});

/** What a schedule and an escalation policy both carry. */
const jsmNamed = lenient({
  id: z.string(),
  name: z.string(),
});

export const jsmSchedule = jsmNamed.extend({
  timezone: z.string().nullish(),
  enabled: z.boolean().nullish(),
  teamId: z.string().nullish(),
  rotations: z.array(jsmRotation).nullish(),
});
export type JsmSchedule = z.infer<typeof jsmSchedule>;

export const listSchedulesResponse = jsmList(jsmSchedule);

export const listTeamsResponse = z.object({
  platformTeams: z.array(lenient({ teamId: z.string(), teamName: z.string() })),
});

export const jsmEscalation = jsmNamed.extend({
  enabled: z.boolean().nullish(),
  rules: z.array(
    lenient({
      condition: z.string(),
      notifyType: z.string(),
      delay: z.number().int().min(0),
      recipient: jsmResponder,
    }),
  ),
});
export type JsmEscalation = z.infer<typeof jsmEscalation>;

export const listEscalationsResponse = jsmList(jsmEscalation);

const jsmPeriod = lenient({
  startDate: z.string(),
  endDate: z.string(),
  type: z.string(),
  responder: jsmResponder,
  flattenedResponders: z.array(jsmResponder).nullish(),
});

const jsmTimelineRotations = z.object({
  rotations: z.array(
    jsmRotationRef.extend({
      order: z.number().nullish(),
      deleted: z.boolean().nullish(),
      periods: z.array(jsmPeriod).nullish(),
    }),
  ),
});
export type JsmTimelineRotations = z.infer<typeof jsmTimelineRotations>;

export const timelineResponse = lenient({
  startDate: z.string(),
  endDate: z.string(),
  finalTimeline: jsmTimelineRotations,
});

export const listOverridesResponse = jsmList(
  lenient({
    alias: z.string().nullish(),
    responder: jsmResponder,
    startDate: z.string(),
    endDate: z.string(),
  }),
);

type Participant = z.infer<typeof jsmResponder> & {
  onCallParticipants?: Participant[] | null;
};
const onCallParticipant: z.ZodType<Participant> = jsmResponder.extend({
  onCallParticipants: z.lazy(() => z.array(onCallParticipant).nullish()),
});

export const onCallsResponse = z.object({
  onCallParticipants: z.array(onCallParticipant),
});

export const onCallsFlatResponse = z.object({
  onCallUsers: z.array(z.string()),
});

export const createAlertResponse = lenient({
  result: z.string().nullish(),
  requestId: z.string().min(1),
  took: z.number().nullish(),
});

export const requestStatusResponse = lenient({
  action: z.string().nullish(),
  isSuccess: z.boolean().nullish(),
  status: z.string().nullish(),
  alertId: z.string().nullish(),
  alias: z.string().nullish(),
});

/** Jira Cloud `GET /rest/api/3/user/bulk`; `emailAddress` is absent when the profile hides it. */
export const userBulkResponse = z.object({
  startAt: z.number().nullish(),
  maxResults: z.number().nullish(),
  total: z.number().nullish(),
  isLast: z.boolean().nullish(),
  values: z.array(
    lenient({
      accountId: z.string(),
      displayName: z.string().nullish(),
      emailAddress: z.string().nullish(),
      active: z.boolean().nullish(),
    }),
  ),
});
export type JiraUser = z.infer<typeof userBulkResponse>['values'][number];

/** Atlassian Teams API: a team's members, cursor-paged. */
export const teamMembersResponse = z.object({
  results: z.array(lenient({ accountId: z.string() })),
  pageInfo: z
    .object({
      endCursor: z.string().nullish(),
      hasNextPage: z.boolean().nullish(),
    })
    .nullish(),
});
