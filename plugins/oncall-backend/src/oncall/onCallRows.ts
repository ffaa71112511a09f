import { z } from 'zod';
import {
  ESCALATION_NOTIFY_TYPES,
  EscalationRule,
  OnCallRecipient,
  OnCallSchedule,
  OnCallTeam,
  OnCallUser,
  RotationDefinition,
} from './OnCallProvider';
import { StoredPeriod } from './OnCallStore';

/** Rows of the on-call tables and how they read back into the provider's types. */

type DbDate = Date | string | number;

export interface TeamRow {
  id: string;
  name: string;
  name_key: string;
  members: string | null;
  synced_at: DbDate | null;
}
export interface ScheduleRow {
  id: string;
  name: string;
  name_key: string;
  team_id: string | null;
  team_name: string | null;
  timezone: string;
  enabled: boolean | number;
  rotations: string;
  synced_at: DbDate | null;
}
export interface PeriodRow {
  schedule_id: string;
  rotation_id: string;
  rotation_name: string;
  start_at: DbDate;
  end_at: DbDate;
  recipient_type: string;
  recipient_id: string | null;
  recipient_name: string | null;
  recipient_key: string | null;
  is_override: boolean | number;
}
export interface EscalationRow {
  id: string;
  name: string;
  team_id: string | null;
  rules: string;
}
export interface UserRow {
  id: string;
  username: string;
  username_key: string;
  full_name: string | null;
  email: string | null;
}

export const key = (value: string) => value.toLocaleLowerCase('en-US');
export const toDate = (value: DbDate) => new Date(value);
/** Rows or ids per statement. */
export const CHUNK = 200;

const recipientTypeSchema = z.enum([
  'user',
  'team',
  'schedule',
  'escalation',
  'other',
]);
const recipientSchema = z.object({
  type: recipientTypeSchema,
  id: z.string().optional(),
  name: z.string().optional(),
});
const rotationsSchema = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    participants: z.array(recipientSchema),
  }),
);
const rulesSchema = z.array(
  z.object({
    condition: z.enum(['if-not-acked', 'if-not-closed']),
    notifyType: z.enum(ESCALATION_NOTIFY_TYPES),
    delayMinutes: z.number(),
    recipient: recipientSchema,
  }),
);

function recipientType(value: string): OnCallRecipient['type'] {
  const parsed = recipientTypeSchema.safeParse(value);
  return parsed.success ? parsed.data : 'other';
}

function parseRotations(json: string): RotationDefinition[] {
  const parsed = rotationsSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function parseMembers(json: string | null): string[] {
  const parsed = z.array(z.string()).safeParse(json ? JSON.parse(json) : []);
  return parsed.success ? parsed.data : [];
}

export function parseRules(json: string): EscalationRule[] {
  const parsed = rulesSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : [];
}

export function toSchedule(row: ScheduleRow): OnCallSchedule {
  return {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    enabled: Boolean(row.enabled),
    ownerTeam:
      row.team_id && row.team_name
        ? { id: row.team_id, name: row.team_name }
        : undefined,
    rotations: parseRotations(row.rotations),
  };
}

/** The row of a schedule owned by `team` (none: no owner recorded), synced at `syncedAt`. */
export function toScheduleRow(
  schedule: OnCallSchedule,
  team: OnCallTeam | undefined,
  syncedAt: Date | null,
): ScheduleRow {
  return {
    id: schedule.id,
    name: schedule.name,
    name_key: key(schedule.name),
    team_id: team?.id ?? null,
    team_name: team?.name ?? null,
    timezone: schedule.timezone,
    enabled: schedule.enabled,
    rotations: JSON.stringify(schedule.rotations),
    synced_at: syncedAt,
  };
}

export function toPeriod(row: PeriodRow): StoredPeriod {
  return {
    scheduleId: row.schedule_id,
    rotationId: row.rotation_id,
    rotationName: row.rotation_name,
    start: toDate(row.start_at),
    end: toDate(row.end_at),
    recipient: {
      type: recipientType(row.recipient_type),
      id: row.recipient_id ?? undefined,
      name: row.recipient_name ?? undefined,
    },
    override: Boolean(row.is_override),
  };
}

export function toUser(row: UserRow): OnCallUser {
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name ?? undefined,
    email: row.email ?? undefined,
  };
}
