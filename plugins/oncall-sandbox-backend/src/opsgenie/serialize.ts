import { OrgIndex } from '../org/orgIndex';
import { Period } from '../org/rotation';
import { iso, isoSeconds } from '../org/time';
import {
  DemoEscalation,
  DemoParticipant,
  DemoRotation,
  DemoSchedule,
  DemoTeam,
  DemoUser,
} from '../org/types';

/** `{id, name}` of a team. */
export function teamRef(index: OrgIndex, teamId: string) {
  const team = index.teamsById.get(teamId);
  return { id: teamId, name: team?.name ?? '' };
}

/** Opsgenie `Recipient` of a rotation participant (`username` for users, `name` otherwise). */
export function participantRecipient(index: OrgIndex, p: DemoParticipant) {
  if (p.type === 'user') {
    return {
      type: 'user',
      id: p.id,
      username: index.usersById.get(p.id)?.email ?? '',
    };
  }
  return {
    type: 'team',
    id: p.id,
    name: index.teamsById.get(p.id)?.name ?? '',
  };
}

/** `{id, name, type}` as on-call and timeline payloads name a participant. */
export function participantNamed(index: OrgIndex, p: DemoParticipant) {
  let name = '';
  if (p.type === 'user') {
    name = index.usersById.get(p.id)?.email ?? '';
  } else if (p.type === 'team') {
    name = index.teamsById.get(p.id)?.name ?? '';
  } else {
    name = index.escalationsById.get(p.id)?.name ?? '';
  }
  return { id: p.id, name, type: p.type };
}

/** A rotation's `timeRestriction` (JSM Operations keeps Opsgenie's shape), if it has one. */
export function timeRestrictionOf(r: DemoRotation) {
  return r.restrictions
    ? {
        timeRestriction: {
          type: 'weekday-and-time-of-day',
          restrictions: r.restrictions.map(x => ({ ...x })),
        },
      }
    : {};
}

/**
 * A rotation in Opsgenie's shape, which JSM Operations kept: `id` and each participant as
 * the vendor writes them.
 */
export function rotationOf<TParticipant>(
  r: DemoRotation,
  id: string,
  participant: (p: DemoParticipant) => TParticipant,
) {
  return {
    id,
    name: r.name,
    startDate: isoSeconds(r.startDate),
    ...(r.endDate ? { endDate: isoSeconds(r.endDate) } : {}),
    type: r.type,
    length: r.length,
    participants: r.participants.map(participant),
    ...timeRestrictionOf(r),
  };
}

export function serializeRotation(index: OrgIndex, r: DemoRotation) {
  return rotationOf(r, r.id, p => participantRecipient(index, p));
}

export function serializeSchedule(
  index: OrgIndex,
  s: DemoSchedule,
  withRotations: boolean,
) {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    timezone: s.timezone,
    enabled: s.enabled,
    ownerTeam: teamRef(index, s.ownerTeamId),
    rotations: withRotations
      ? s.rotations.map(r => serializeRotation(index, r))
      : [],
  };
}

export function scheduleParent(s: DemoSchedule) {
  return { id: s.id, name: s.name, enabled: s.enabled };
}

export function serializeTeam(
  index: OrgIndex,
  t: DemoTeam,
  withMembers: boolean,
) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    ...(withMembers
      ? {
          members: t.members.map(m => ({
            user: {
              id: m.userId,
              username: index.usersById.get(m.userId)?.email ?? '',
            },
            role: m.role,
          })),
        }
      : {}),
  };
}

export function serializeUser(u: DemoUser, withContacts: boolean) {
  return {
    blocked: false,
    verified: true,
    id: u.id,
    username: u.email,
    fullName: u.fullName,
    role: { id: 'User', name: 'User' },
    timeZone: u.timeZone,
    locale: 'en_US',
    tags: [u.group],
    userAddress: { country: '', state: '', city: '', line: '', zipCode: '' },
    details: {},
    createdAt: iso(u.createdAt),
    ...(withContacts
      ? {
          userContacts: [
            {
              to: u.email,
              id: `${u.id.slice(0, 24)}email`,
              contactMethod: 'email',
              enabled: true,
            },
          ],
        }
      : {}),
  };
}

export function serializeEscalation(index: OrgIndex, e: DemoEscalation) {
  return {
    id: e.id,
    name: e.name,
    description: e.description,
    ownerTeam: teamRef(index, e.ownerTeamId),
    rules: e.rules.map(r => ({
      condition: r.condition,
      notifyType: r.notifyType,
      delay: { timeAmount: r.delayMinutes, timeUnit: 'minutes' },
      recipient: {
        type: r.recipient.type,
        id: r.recipient.id,
        name:
          r.recipient.type === 'schedule'
            ? index.schedulesById.get(r.recipient.id)?.name ?? ''
            : index.teamsById.get(r.recipient.id)?.name ?? '',
      },
    })),
    repeat: {
      waitInterval: 10,
      count: 1,
      resetRecipientStates: false,
      closeAlertAfterAll: false,
    },
  };
}

/** A timeline period; `type` is given by the caller (historical / default / override). */
export function serializePeriod(index: OrgIndex, p: Period, type: string) {
  return {
    startDate: iso(p.start),
    endDate: iso(p.end),
    type,
    recipient: participantNamed(index, p.participant),
  };
}
