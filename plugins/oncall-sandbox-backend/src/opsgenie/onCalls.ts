import { OrgIndex } from '../org/orgIndex';
import { nextPeriod, participantAt } from '../org/rotation';
import { DemoParticipant, DemoSchedule } from '../org/types';
import { participantNamed, scheduleParent } from './serialize';

function uniqueParticipants(list: DemoParticipant[]): DemoParticipant[] {
  const seen = new Set<string>();
  return list.filter(p => {
    const key = `${p.type}:${p.id}`;
    if (seen.has(key)) {
      return false;
    }
    seen.add(key);
    return true;
  });
}

function teamUsers(index: OrgIndex, teamId: string): DemoParticipant[] {
  return (index.teamsById.get(teamId)?.members ?? []).map(m => ({
    type: 'user',
    id: m.userId,
  }));
}

function nameOf(index: OrgIndex, p: DemoParticipant): string {
  return participantNamed(index, p).name;
}

/** Who is on call in `schedule` at `t`, in the flat or nested shape. */
export function onCallsAt(
  index: OrgIndex,
  schedule: DemoSchedule,
  t: number,
  flat: boolean,
) {
  const participants = uniqueParticipants(
    schedule.rotations
      .map(r => participantAt(schedule, r, t)?.participant)
      .filter((p): p is DemoParticipant => p !== undefined),
  );
  if (flat) {
    const users = uniqueParticipants(
      participants.flatMap(p =>
        p.type === 'team' ? teamUsers(index, p.id) : [p],
      ),
    );
    return {
      _parent: scheduleParent(schedule),
      onCallRecipients: users.map(p => nameOf(index, p)),
    };
  }
  return {
    _parent: scheduleParent(schedule),
    onCallParticipants: participants.map(p =>
      p.type === 'team'
        ? {
            ...participantNamed(index, p),
            onCallParticipants: teamUsers(index, p.id).map(u =>
              participantNamed(index, u),
            ),
          }
        : participantNamed(index, p),
    ),
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
