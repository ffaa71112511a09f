import {
  Period,
  finalPeriods,
  basePeriods,
  overridePeriods,
} from '../org/rotation';
import { Interval, iso } from '../org/time';
import {
  DemoEscalation,
  DemoRotation,
  DemoSchedule,
  DemoTeam,
} from '../org/types';
import { rotationOf } from '../opsgenie/serialize';
import { JsmDirectory } from './directory';

export function serializeTeam(dir: JsmDirectory, team: DemoTeam) {
  return { teamId: dir.teamId(team), teamName: team.name };
}

export function serializeRotation(dir: JsmDirectory, r: DemoRotation) {
  return rotationOf(r, dir.rotationId(r.id), p => dir.participant(p));
}

export function serializeSchedule(
  dir: JsmDirectory,
  s: DemoSchedule,
  withRotations: boolean,
) {
  return {
    id: dir.scheduleId(s),
    name: s.name,
    description: s.description,
    timezone: s.timezone,
    enabled: s.enabled,
    teamId: dir.teamIdOf(s.ownerTeamId),
    ...(withRotations
      ? { rotations: s.rotations.map(r => serializeRotation(dir, r)) }
      : {}),
  };
}

export function serializeEscalation(dir: JsmDirectory, e: DemoEscalation) {
  return {
    id: dir.escalationId(e),
    name: e.name,
    description: e.description,
    rules: e.rules.map(r => ({
      condition: r.condition,
      notifyType: r.notifyType,
      delay: r.delayMinutes,
      recipient: {
        id:
          r.recipient.type === 'team'
            ? dir.teamIdOf(r.recipient.id)
            : dir.scheduleId(dir.index.schedulesById.get(r.recipient.id)!),
        type: r.recipient.type,
      },
    })),
    enabled: true,
    repeat: {
      waitInterval: 10,
      count: 1,
      resetRecipientStates: false,
      closeAlertAfterAll: false,
    },
  };
}

/** Splits periods at `now`: the part before is `historical` (with its flattened responders). */
function periodsAround(
  dir: JsmDirectory,
  periods: Period[],
  now: number,
  flattened: boolean,
) {
  const one = (p: Period, type: string) => {
    const responder = dir.participant(p.participant);
    return {
      startDate: iso(p.start),
      endDate: iso(p.end),
      type,
      responder,
      ...(flattened && type === 'historical'
        ? { flattenedResponders: [responder] }
        : {}),
    };
  };
  return periods.flatMap(p => {
    const own = p.override ? 'override' : 'base';
    if (p.end <= now) return [one(p, 'historical')];
    if (p.start >= now) return [one(p, own)];
    return [
      one({ ...p, end: now }, 'historical'),
      one({ ...p, start: now }, own),
    ];
  });
}

/** `GET /v1/schedules/{id}/timeline` over `range`, with the layers asked for in `expand`. */
export function serializeTimeline(
  dir: JsmDirectory,
  schedule: DemoSchedule,
  range: Interval,
  now: number,
  expand: Set<string>,
) {
  const layer = (
    periodsOf: (r: DemoRotation) => Period[],
    flattened = false,
  ) => ({
    rotations: schedule.rotations.map((r, i) => ({
      id: dir.rotationId(r.id),
      name: r.name,
      order: i + 1,
      deleted: false,
      periods: periodsAround(dir, periodsOf(r), now, flattened),
    })),
  });
  return {
    startDate: iso(range.start),
    endDate: iso(range.end),
    // only the final layer's historical periods carry the flattened responders
    finalTimeline: layer(r => finalPeriods(schedule, r, range), true),
    ...(expand.has('base')
      ? {
          baseTimeline: layer(r => basePeriods(r, range, schedule.timezone)),
        }
      : {}),
    ...(expand.has('forwarding')
      ? { forwardingTimeline: { rotations: [] } }
      : {}),
    ...(expand.has('override')
      ? {
          overrideTimeline: layer(r =>
            overridePeriods(schedule.overrides, r, range),
          ),
        }
      : {}),
    _expands: ['base', 'forwarding', 'override'],
  };
}
