import { OrgIndex } from '../org/orgIndex';
import {
  nextPeriod,
  participantAt,
  participantsAt,
  uniqueParticipants,
} from '../org/rotation';
import { DemoEscalation, DemoParticipant, DemoSchedule } from '../org/types';
import { participantNamed, scheduleParent } from './serialize';

function teamUsers(index: OrgIndex, teamId: string): DemoParticipant[] {
  return (index.teamsById.get(teamId)?.members ?? []).map(m => ({
    type: 'user',
    id: m.userId,
  }));
}

function nameOf(index: OrgIndex, p: DemoParticipant): string {
  return participantNamed(index, p).name;
}

/** Users on call at `t` in a schedule (rotation participants resolved, no nesting). */
function scheduleUsersAt(
  index: OrgIndex,
  schedule: DemoSchedule,
  t: number,
  depth: number,
): DemoParticipant[] {
  return uniqueParticipants(
    schedule.rotations.flatMap(r => {
      const p = participantAt(schedule, r, t)?.participant;
      return p ? resolveUsers(index, p, t, depth) : [];
    }),
  );
}

/** The users a participant stands for: itself, a team's members, or an escalation's first rules. */
function resolveUsers(
  index: OrgIndex,
  p: DemoParticipant,
  t: number,
  depth: number,
): DemoParticipant[] {
  if (p.type === 'user') {
    return [p];
  }
  if (p.type === 'team') {
    return teamUsers(index, p.id);
  }
  const escalation = index.escalationsById.get(p.id);
  if (!escalation || depth > 2) {
    return [];
  }
  return escalation.rules
    .filter(r => r.delayMinutes === 0)
    .flatMap(r => {
      if (r.recipient.type === 'team') {
        return teamUsers(index, r.recipient.id);
      }
      const schedule = index.schedulesById.get(r.recipient.id);
      return schedule ? scheduleUsersAt(index, schedule, t, depth + 1) : [];
    });
}

/** An escalation participant with its rules nested, as the non-flat answer shows it. */
function nestedEscalation(index: OrgIndex, escalation: DemoEscalation) {
  return escalation.rules.map(r => {
    const named =
      r.recipient.type === 'team'
        ? participantNamed(index, { type: 'team', id: r.recipient.id })
        : {
            id: r.recipient.id,
            name: index.schedulesById.get(r.recipient.id)?.name ?? '',
            type: 'schedule',
          };
    const timing = { escalationTime: r.delayMinutes, notifyType: r.notifyType };
    return r.recipient.type === 'team'
      ? {
          ...named,
          onCallParticipants: teamUsers(index, r.recipient.id).map(u =>
            participantNamed(index, u),
          ),
          ...timing,
        }
      : { ...named, ...timing };
  });
}

function nested(index: OrgIndex, p: DemoParticipant) {
  const named = participantNamed(index, p);
  if (p.type === 'team') {
    return {
      ...named,
      onCallParticipants: teamUsers(index, p.id).map(u =>
        participantNamed(index, u),
      ),
    };
  }
  const escalation =
    p.type === 'escalation' ? index.escalationsById.get(p.id) : undefined;
  return escalation
    ? { ...named, onCallParticipants: nestedEscalation(index, escalation) }
    : named;
}

/** Who is on call in `schedule` at `t`, in the flat or nested shape. */
export function onCallsAt(
  index: OrgIndex,
  schedule: DemoSchedule,
  t: number,
  flat: boolean,
) {
  if (flat) {
    return {
      _parent: scheduleParent(schedule),
      onCallRecipients: scheduleUsersAt(index, schedule, t, 0).map(p =>
        nameOf(index, p),
      ),
    };
  }
  return {
    _parent: scheduleParent(schedule),
    onCallParticipants: participantsAt(schedule, t).map(p => nested(index, p)),
  };
}

/** The next shift(s) after `t`: per rotation, and the exact earliest ones. */
export function nextOnCallsAfter(
  index: OrgIndex,
  schedule: DemoSchedule,
  t: number,
  flat: boolean,
) {
  const next = schedule.rotations
    .map(r => nextPeriod(schedule, r, t))
    .filter(p => p !== undefined);
  const earliest = Math.min(...next.map(p => p.start));
  const all = uniqueParticipants(next.map(p => p.participant));
  const exact = uniqueParticipants(
    next.filter(p => p.start === earliest).map(p => p.participant),
  );
  if (flat) {
    return {
      _parent: scheduleParent(schedule),
      nextOnCallParticipants: all.map(p => nameOf(index, p)),
      exactNextOnCallParticipants: exact.map(p => nameOf(index, p)),
    };
  }
  return {
    _parent: scheduleParent(schedule),
    nextOnCallRecipients: all.map(p => participantNamed(index, p)),
    exactNextOnCallRecipients: exact.map(p => participantNamed(index, p)),
  };
}
