import { OrgIndex } from '../org/orgIndex';
import {
  nextPeriod,
  participantAt,
  participantsAt,
  uniqueParticipants,
} from '../org/rotation';
import { DemoParticipant, DemoSchedule } from '../org/types';
import { JsmDirectory } from './directory';

/** The users a participant stands for at `t`: itself, a team's members, an escalation's first rules. */
function usersOf(
  index: OrgIndex,
  p: DemoParticipant,
  t: number,
  depth: number,
): DemoParticipant[] {
  if (p.type === 'user') return [p];
  if (p.type === 'team') {
    return (index.teamsById.get(p.id)?.members ?? []).map(m => ({
      type: 'user' as const,
      id: m.userId,
    }));
  }
  const escalation = index.escalationsById.get(p.id);
  if (!escalation || depth > 2) return [];
  return escalation.rules
    .filter(r => r.delayMinutes === 0)
    .flatMap(r => {
      if (r.recipient.type === 'team') {
        return usersOf(index, { type: 'team', id: r.recipient.id }, t, depth);
      }
      const schedule = index.schedulesById.get(r.recipient.id);
      return schedule
        ? schedule.rotations.flatMap(rot => {
            const q = participantAt(schedule, rot, t)?.participant;
            return q ? usersOf(index, q, t, depth + 1) : [];
          })
        : [];
    });
}

/** A participant in the nested answer: escalations carry who they reach under `key`. */
function nested(dir: JsmDirectory, p: DemoParticipant, t: number, key: string) {
  const own = dir.participant(p);
  if (p.type !== 'escalation') return own;
  return {
    ...own,
    [key]: uniqueParticipants(usersOf(dir.index, p, t, 0)).map(u =>
      dir.participant(u),
    ),
  };
}

/** Who is on call in a schedule at `t`, or who is next after it, in JSM's flat or nested answer. */
type ScheduleAnswer = (
  dir: JsmDirectory,
  schedule: DemoSchedule,
  t: number,
  flat: boolean,
) => object;

/** `GET /v1/schedules/{id}/on-calls`: `onCallParticipants`, or with `flat` the `onCallUsers`. */
export const onCallsAt: ScheduleAnswer = (dir, schedule, t, flat) => {
  const participants = participantsAt(schedule, t);
  if (flat) {
    return {
      onCallUsers: uniqueParticipants(
        participants.flatMap(p => usersOf(dir.index, p, t, 0)),
      ).map(u => dir.accountId(u.id)),
    };
  }
  return {
    onCallParticipants: participants.map(p =>
      nested(dir, p, t, 'onCallParticipants'),
    ),
  };
};

/** `GET /v1/schedules/{id}/next-on-calls`: who takes over next in each rotation (no time given). */
export const nextOnCallsAfter: ScheduleAnswer = (dir, schedule, t, flat) => {
  const next = schedule.rotations
    .map(r => nextPeriod(schedule, r, t))
    .filter(p => p !== undefined);
  const participants = uniqueParticipants(next.map(p => p.participant));
  if (flat) {
    return {
      nextOnCallUsers: uniqueParticipants(
        next.flatMap(p => usersOf(dir.index, p.participant, p.start, 0)),
      ).map(u => dir.accountId(u.id)),
    };
  }
  return {
    nextOnCallParticipants: participants.map(p =>
      nested(dir, p, t, 'nextOnCallParticipants'),
    ),
  };
};
