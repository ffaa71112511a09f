import type * as api from '../OnCallProvider';
import { ruleKind } from '../opsgenie/mapOnCall';
import {
  JsmEscalation,
  JsmResponder,
  JsmSchedule,
  JsmTimelineRotations,
} from './wire';

/** What the mappers need to turn JSM's ids into names. */
export interface JsmNames {
  users: Map<string, api.OnCallUser>;
  teams: Map<string, api.OnCallTeam>;
  schedules: Map<string, { id: string; name: string }>;
}

/**
 * A JSM participant or recipient in the vendor-neutral model: users by their username (the
 * email Jira shows, else the account id), teams and schedules by name; `noone` is `other`.
 */
export function toRecipient(
  responder: JsmResponder,
  names: JsmNames,
): api.OnCallRecipient {
  const id = responder.id ?? undefined;
  switch (responder.type) {
    case 'user':
      return {
        type: 'user',
        id,
        name: id ? names.users.get(id)?.username ?? id : undefined,
      };
    case 'team':
      return { type: 'team', id, name: id && names.teams.get(id)?.name };
    case 'schedule':
      return {
        type: 'schedule',
        id,
        name: id && names.schedules.get(id)?.name,
      };
    case 'escalation':
      return { type: 'escalation', id };
    default:
      return { type: 'other', id };
  }
}

export function toSchedule(
  schedule: JsmSchedule,
  names: JsmNames,
): api.OnCallSchedule {
  const owner = schedule.teamId ? names.teams.get(schedule.teamId) : undefined;
  return {
    id: schedule.id,
    name: schedule.name,
    timezone: schedule.timezone ?? 'UTC',
    enabled: schedule.enabled ?? true,
    ownerTeam: owner ? { id: owner.id, name: owner.name } : undefined,
    rotations: (schedule.rotations ?? []).map(rotation => ({
      id: rotation.id,
      name: rotation.name ?? rotation.id,
      participants: (rotation.participants ?? []).map(p =>
        toRecipient(p, names),
      ),
    })),
  };
}

/**
 * A team's escalation: JSM's `delay` is whole minutes since the alert was created (not
 * cumulative), the same semantics as Opsgenie's rules. `random` notifies one of the
 * recipients; it reads as `default` here.
 */
export function toEscalation(
  escalation: JsmEscalation,
  team: api.OnCallTeam,
  names: JsmNames,
): api.EscalationPolicy {
  return {
    id: escalation.id,
    name: escalation.name,
    ownerTeam: team,
    rules: escalation.rules.map(rule => ({
      ...ruleKind(rule),
      delayMinutes: rule.delay,
      recipient: toRecipient(rule.recipient, names),
    })),
  };
}

/**
 * The final timeline's periods, overrides marked. Deleted rotations are left out; periods
 * before now (`historical`) are kept, as who was on call.
 */
export function toPeriods(
  timeline: JsmTimelineRotations,
  names: JsmNames,
): api.TimelinePeriod[] {
  return timeline.rotations
    .filter(rotation => rotation.deleted !== true)
    .flatMap(rotation =>
      (rotation.periods ?? []).map(period => ({
        rotationId: rotation.id,
        rotationName: rotation.name ?? rotation.id,
        start: new Date(period.startDate),
        end: new Date(period.endDate),
        recipient: toRecipient(period.responder, names),
        override: period.type === 'override',
      })),
    );
}

/** The periods overlapping [`from`, `to`), cut to that window. */
export function clipPeriods(
  periods: api.TimelinePeriod[],
  from: Date,
  to: Date,
): api.TimelinePeriod[] {
  return periods
    .filter(p => p.end > from && p.start < to)
    .map(p => ({
      ...p,
      start: p.start < from ? from : p.start,
      end: p.end > to ? to : p.end,
    }));
}

/** Every account id a list of responders mentions. */
export function accountIds(responders: Iterable<JsmResponder>): string[] {
  const ids: string[] = [];
  for (const r of responders) {
    if (r.type === 'user' && r.id) {
      ids.push(r.id);
    }
  }
  return ids;
}
