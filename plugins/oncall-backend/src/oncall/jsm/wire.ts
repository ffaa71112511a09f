import { z } from 'zod';

/**
 * JSM Operations' wire format (`/jsm/ops/api/{cloudId}/v1`) and Jira's user lookup, parsed at
 * the boundary. Lenient where the published examples are thin (unknown keys pass, optional
 * fields may be absent or null); strict on what the adapter reads.
 */

/** `{values, links: {next}}`; a missing or null `next` is the last page. */
export function jsmList<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    values: z.array(item),
    links: z.object({ next: z.string().nullish() }).passthrough().nullish(),
  });
}

export const jsmResponder = z
  .object({
    id: z.string().nullish(),
    type: z.string(),
  })
  .passthrough();
export type JsmResponder = z.infer<typeof jsmResponder>;

export const jsmRotation = z
  .object({
    id: z.string(),
    name: z.string().nullish(),
    participants: z.array(jsmResponder).nullish(),
  })
  .passthrough();

export const jsmSchedule = z
  .object({
    id: z.string(),
    name: z.string(),
    timezone: z.string().nullish(),
    enabled: z.boolean().nullish(),
    teamId: z.string().nullish(),
    rotations: z.array(jsmRotation).nullish(),
  })
  .passthrough();
export type JsmSchedule = z.infer<typeof jsmSchedule>;

export const listSchedulesResponse = jsmList(jsmSchedule);

export const listTeamsResponse = z.object({
  platformTeams: z.array(
    z.object({ teamId: z.string(), teamName: z.string() }).passthrough(),
  ),
});

export const jsmEscalation = z
  .object({
    id: z.string(),
    name: z.string(),
    enabled: z.boolean().nullish(),
    rules: z.array(
      z
        .object({
          condition: z.string(),
          notifyType: z.string(),
          delay: z.number().int().min(0),
          recipient: jsmResponder,
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type JsmEscalation = z.infer<typeof jsmEscalation>;

export const listEscalationsResponse = jsmList(jsmEscalation);

const jsmPeriod = z
  .object({
    startDate: z.string(),
    endDate: z.string(),
    type: z.string(),
    responder: jsmResponder,
    flattenedResponders: z.array(jsmResponder).nullish(),
  })
  .passthrough();

const jsmTimelineRotations = z.object({
  rotations: z.array(
    z
      .object({
        id: z.string(),
        name: z.string().nullish(),
        order: z.number().nullish(),
        deleted: z.boolean().nullish(),
        periods: z.array(jsmPeriod).nullish(),
      })
      .passthrough(),
  ),
});
export type JsmTimelineRotations = z.infer<typeof jsmTimelineRotations>;

export const timelineResponse = z
  .object({
    startDate: z.string(),
    endDate: z.string(),
    finalTimeline: jsmTimelineRotations,
  })
  .passthrough();

export const listOverridesResponse = jsmList(
  z
    .object({
      alias: z.string().nullish(),
      responder: jsmResponder,
      startDate: z.string(),
      endDate: z.string(),
    })
    .passthrough(),
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

export const createAlertResponse = z
  .object({
    result: z.string().nullish(),
    requestId: z.string().min(1),
    took: z.number().nullish(),
  })
  .passthrough();

export const requestStatusResponse = z
  .object({
    action: z.string().nullish(),
    isSuccess: z.boolean().nullish(),
    status: z.string().nullish(),
    alertId: z.string().nullish(),
    alias: z.string().nullish(),
  })
  .passthrough();

/** Jira Cloud `GET /rest/api/3/user/bulk`; `emailAddress` is absent when the profile hides it. */
export const userBulkResponse = z.object({
  startAt: z.number().nullish(),
  maxResults: z.number().nullish(),
  total: z.number().nullish(),
  isLast: z.boolean().nullish(),
  values: z.array(
    z
      .object({
        accountId: z.string(),
        displayName: z.string().nullish(),
        emailAddress: z.string().nullish(),
        active: z.boolean().nullish(),
      })
      .passthrough(),
  ),
});
export type JiraUser = z.infer<typeof userBulkResponse>['values'][number];

/** Atlassian Teams API: a team's members, cursor-paged. */
export const teamMembersResponse = z.object({
  results: z.array(z.object({ accountId: z.string() }).passthrough()),
  pageInfo: z
    .object({
      endCursor: z.string().nullish(),
      hasNextPage: z.boolean().nullish(),
    })
    .nullish(),
});
