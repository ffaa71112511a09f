import { z } from 'zod';

/**
 * Zod schemas of the Opsgenie REST API v2 responses the adapter reads. They are lenient
 * about fields we do not use (unknown keys are dropped) and strict about the ones we do.
 * Each one is tested against the recorded wire samples of its endpoint.
 */

const envelope = <T extends z.ZodTypeAny>(data: T) =>
  z.object({
    data,
    took: z.number().optional(),
    requestId: z.string().optional(),
  });

/** What every named object (team, schedule, rotation, escalation) carries; a team reference. */
const named = z.object({ id: z.string(), name: z.string() });
const teamRef = named;

export const recipientSchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  name: z.string().optional(),
  username: z.string().optional(),
});
export type OpsgenieRecipient = z.infer<typeof recipientSchema>;

export const teamSchema = named.extend({
  description: z.string().optional(),
  members: z
    .array(
      z.object({
        user: z.object({ id: z.string(), username: z.string().optional() }),
        role: z.string().optional(),
      }),
    )
    .optional(),
});

/** `GET /v2/teams` */
export const listTeamsResponse = envelope(z.array(teamSchema));
/** `GET /v2/teams/{identifier}` */
export const getTeamResponse = envelope(teamSchema);

const rotationSchema = named.extend({
  startDate: z.string().optional(),
  endDate: z.string().optional(),
  type: z.string().optional(),
  length: z.number().optional(),
  participants: z.array(recipientSchema).default([]),
});

export const scheduleSchema = named.extend({
  description: z.string().optional(),
  timezone: z.string().default('UTC'),
  enabled: z.boolean().default(true),
  ownerTeam: teamRef.optional(),
  rotations: z.array(rotationSchema).default([]),
});
export type OpsgenieSchedule = z.infer<typeof scheduleSchema>;

/** `GET /v2/schedules?expand=rotation` */
export const listSchedulesResponse = envelope(z.array(scheduleSchema));
/** `GET /v2/schedules/{identifier}` */
export const getScheduleResponse = envelope(scheduleSchema);

const periodSchema = z.object({
  startDate: z.string(),
  endDate: z.string(),
  type: z.string().optional(),
  recipient: z.object({
    type: z.string(),
    id: z.string().optional(),
    name: z.string().optional(),
  }),
});

const timelineRotationsSchema = z.object({
  rotations: z
    .array(
      z.object({
        id: z.string(),
        name: z.string(),
        order: z.number().optional(),
        periods: z.array(periodSchema).default([]),
      }),
    )
    .default([]),
});
export type OpsgenieTimelineRotations = z.infer<typeof timelineRotationsSchema>;

/** `GET /v2/schedules/{identifier}/timeline?expand=override` */
export const timelineResponse = envelope(
  z.object({
    _parent: z.object({ id: z.string(), name: z.string() }).optional(),
    startDate: z.string(),
    endDate: z.string(),
    finalTimeline: timelineRotationsSchema,
    overrideTimeline: timelineRotationsSchema.optional(),
  }),
);

type OnCallParticipant = {
  id?: string;
  name?: string;
  type: string;
  escalationTime?: number;
  notifyType?: string;
  onCallParticipants?: OnCallParticipant[];
};
const onCallParticipantSchema: z.ZodType<OnCallParticipant> = z.lazy(() =>
  z.object({
    id: z.string().optional(),
    name: z.string().optional(),
    type: z.string(),
    escalationTime: z.number().optional(),
    notifyType: z.string().optional(),
    onCallParticipants: z.array(onCallParticipantSchema).optional(),
  }),
);
export type OpsgenieOnCallParticipant = OnCallParticipant;

/** `GET /v2/schedules/{identifier}/on-calls` (flat=false) */
export const onCallsResponse = envelope(
  z.object({
    _parent: z
      .object({
        id: z.string(),
        name: z.string(),
        enabled: z.boolean().optional(),
      })
      .optional(),
    onCallParticipants: z.array(onCallParticipantSchema).default([]),
  }),
);

/** `GET /v2/schedules/on-calls` (flat=false): who is on call in every schedule. */
export const allOnCallsResponse = envelope(
  z.array(
    z.object({
      _parent: z.object({
        id: z.string(),
        name: z.string(),
        enabled: z.boolean().optional(),
      }),
      onCallParticipants: z.array(onCallParticipantSchema).default([]),
    }),
  ),
);

export const escalationSchema = named.extend({
  ownerTeam: teamRef.optional(),
  rules: z
    .array(
      z.object({
        condition: z.string().default('if-not-acked'),
        notifyType: z.string().default('default'),
        delay: z
          .object({
            timeAmount: z.number(),
            timeUnit: z.string().default('minutes'),
          })
          .default({ timeAmount: 0, timeUnit: 'minutes' }),
        recipient: recipientSchema,
      }),
    )
    .default([]),
});
export type OpsgenieEscalation = z.infer<typeof escalationSchema>;

/** `GET /v2/escalations` */
export const listEscalationsResponse = envelope(z.array(escalationSchema));

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string().optional(),
  blocked: z.boolean().optional(),
  userContacts: z
    .array(
      z.object({
        contactMethod: z.string(),
        to: z.string(),
        enabled: z.boolean().optional(),
      }),
    )
    .optional(),
});
export type OpsgenieUser = z.infer<typeof userSchema>;

/** `GET /v2/users` */
export const listUsersResponse = envelope(z.array(userSchema)).extend({
  totalCount: z.number().optional(),
  paging: z.object({ next: z.string().optional() }).optional(),
});
/** `GET /v2/users/{identifier}` */
export const getUserResponse = envelope(userSchema);

/** `POST /v2/alerts` (202) */
export const createAlertResponse = z.object({
  result: z.string().optional(),
  requestId: z.string().min(1),
  took: z.number().optional(),
});

/** `GET /v2/alerts/requests/{requestId}` (200) */
export const requestStatusResponse = envelope(
  z.object({
    success: z.boolean().optional(),
    isSuccess: z.boolean().optional(),
    action: z.string().optional(),
    processedAt: z.string().optional(),
    status: z.string().default(''),
    alertId: z.string().optional(),
  }),
);

/** Error bodies: `{ message, took, requestId[, code][, errors] }`. */
export const errorBodySchema = z.object({
  message: z.string().optional(),
  code: z.number().optional(),
});
