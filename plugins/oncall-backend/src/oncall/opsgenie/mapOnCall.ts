import * as api from '../OnCallProvider';
import {
  OpsgenieEscalation,
  OpsgenieRecipient,
  OpsgenieSchedule,
  OpsgenieTimelineRotations,
  OpsgenieUser,
} from './wire';

const recipientTypes: ReadonlyArray<api.OnCallRecipient['type']> = [
  'user',
  'team',
  'schedule',
  'escalation',
];

function recipientType(type: string): api.OnCallRecipient['type'] {
  return recipientTypes.find(t => t === type) ?? 'other';
}

export function toRecipient(recipient: OpsgenieRecipient): api.OnCallRecipient {
  return {
    type: recipientType(recipient.type),
    id: recipient.id,
    name: recipient.username ?? recipient.name,
  };
}

export function toSchedule(schedule: OpsgenieSchedule): api.OnCallSchedule {
  return {
    id: schedule.id,
    name: schedule.name,
    timezone: schedule.timezone,
    enabled: schedule.enabled,
    ownerTeam: schedule.ownerTeam,
    rotations: schedule.rotations.map(rotation => ({
      id: rotation.id,
      name: rotation.name,
      participants: rotation.participants.map(toRecipient),
    })),
  };
}

const unitMinutes: Record<string, number> = {
  minutes: 1,
  hours: 60,
  days: 1440,
  weeks: 10080,
  months: 43200,
};

/**
 * An escalation rule's condition and whom it notifies, as Opsgenie and JSM Operations (its
 * successor) both write them; a value the plugin does not know reads as the default.
 */
export function ruleKind(rule: {
  condition: string;
  notifyType: string;
}): Pick<api.EscalationRule, 'condition' | 'notifyType'> {
  return {
    condition:
      rule.condition === 'if-not-closed' ? 'if-not-closed' : 'if-not-acked',
    notifyType:
      api.ESCALATION_NOTIFY_TYPES.find(t => t === rule.notifyType) ?? 'default',
  };
}

export function toEscalation(
  escalation: OpsgenieEscalation,
): api.EscalationPolicy {
  return {
    id: escalation.id,
    name: escalation.name,
    ownerTeam: escalation.ownerTeam,
    rules: escalation.rules.map(rule => ({
      ...ruleKind(rule),
      delayMinutes:
        rule.delay.timeAmount * (unitMinutes[rule.delay.timeUnit] ?? 1),
      recipient: toRecipient(rule.recipient),
    })),
  };
}

export function toUser(user: OpsgenieUser): api.OnCallUser {
  const contact = user.userContacts?.find(
    c => c.contactMethod === 'email' && c.enabled !== false,
  );
  const email =
    contact?.to ?? (user.username.includes('@') ? user.username : undefined);
  return {
    id: user.id,
    username: user.username,
    fullName: user.fullName || undefined,
    email,
  };
}

/**
 * Flattens Opsgenie's final timeline into periods. A period is marked as an override when
 * Opsgenie types it so, or when the override timeline has the same recipient on the same
 * rotation over that time.
 */
export function toPeriods(
  finalTimeline: OpsgenieTimelineRotations,
  overrideTimeline: OpsgenieTimelineRotations | undefined,
): api.TimelinePeriod[] {
  const overrides = (overrideTimeline?.rotations ?? []).flatMap(rotation =>
    rotation.periods.map(period => ({
      rotationId: rotation.id,
      start: Date.parse(period.startDate),
      end: Date.parse(period.endDate),
      recipient: period.recipient.name ?? period.recipient.id,
    })),
  );
  return finalTimeline.rotations.flatMap(rotation =>
    rotation.periods.map(period => {
      const start = new Date(period.startDate);
      const end = new Date(period.endDate);
      const recipient = period.recipient.name ?? period.recipient.id;
      const overridden = overrides.some(
        o =>
          o.rotationId === rotation.id &&
          o.recipient === recipient &&
          o.start < end.getTime() &&
          o.end > start.getTime(),
      );
      return {
        rotationId: rotation.id,
        rotationName: rotation.name,
        start,
        end,
        recipient: {
          type: recipientType(period.recipient.type),
          id: period.recipient.id,
          name: period.recipient.name,
        },
        override: period.type === 'override' || overridden,
      };
    }),
  );
}
