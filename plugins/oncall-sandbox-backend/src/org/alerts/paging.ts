import { finalPeriods } from '../rotation';
import { Interval } from '../time';
import {
  DemoAlertProfile,
  DemoOrg,
  DemoRotation,
  DemoSchedule,
  DemoTeam,
  DemoUser,
} from '../types';

const SECONDARY = /secondary/i;

/** Who gets a team's page after the first level, and when. */
export type EscalationStep =
  | { to: 'secondary'; delayMinutes: number; schedule: DemoSchedule }
  | { to: 'team'; delayMinutes: number };

/** A paged team with the chain its escalation policy sets up. */
export interface TeamPaging {
  /** Position among the stream's teams (part of every alert id). */
  index: number;
  team: DemoTeam;
  profile: DemoAlertProfile;
  /** Schedules the policy pages at once: their on-call people are the first level. */
  first: DemoSchedule[];
  /** The policy's next step, if any. */
  escalation?: EscalationStep;
  /** Minutes the first level has before the page escalates. */
  firstLevelMinutes: number;
  members: DemoUser[];
}

/**
 * The paging chain of a team from its escalation policy: the schedules named with no delay
 * are the first level; the rule with the next shortest delay is the escalation, to the
 * secondary (`notifyType: next` on a schedule) or to the whole team.
 */
export function teamPaging(
  org: DemoOrg,
  profile: DemoAlertProfile,
  index: number,
  lookup: {
    team(id: string): DemoTeam | undefined;
    schedule(id: string): DemoSchedule | undefined;
    user(id: string): DemoUser | undefined;
  },
): TeamPaging | undefined {
  const team = lookup.team(profile.teamId);
  if (!team) {
    return undefined;
  }
  const policy = org.escalations.find(e => e.ownerTeamId === team.id);
  const rules = [...(policy?.rules ?? [])].sort(
    (a, b) => a.delayMinutes - b.delayMinutes,
  );
  const scheduleOf = (id: string) => lookup.schedule(id);
  const first = rules
    .filter(r => r.delayMinutes === 0 && r.recipient.type === 'schedule')
    .map(r => scheduleOf(r.recipient.id))
    .filter((s): s is DemoSchedule => s !== undefined);
  const next = rules.find(r => r.delayMinutes > 0);
  let escalation: EscalationStep | undefined;
  if (next?.recipient.type === 'team') {
    escalation = { to: 'team', delayMinutes: next.delayMinutes };
  } else if (next?.recipient.type === 'schedule') {
    const schedule = scheduleOf(next.recipient.id);
    if (schedule && next.notifyType === 'next') {
      escalation = {
        to: 'secondary',
        delayMinutes: next.delayMinutes,
        schedule,
      };
    } else if (schedule) {
      escalation = { to: 'team', delayMinutes: next.delayMinutes };
    }
  }
  return {
    index,
    team,
    profile,
    first:
      first.length > 0
        ? first
        : org.schedules.filter(s => s.ownerTeamId === team.id),
    escalation,
    firstLevelMinutes: next?.delayMinutes ?? 15,
    members: team.members
      .map(m => lookup.user(m.userId))
      .filter((u): u is DemoUser => u !== undefined),
  };
}

interface CoveredPeriod extends Interval {
  userId: string;
  rotation: DemoRotation;
}

function userPeriods(
  schedule: DemoSchedule,
  rotations: DemoRotation[],
  range: Interval,
): CoveredPeriod[] {
  return rotations.flatMap(rotation =>
    finalPeriods(schedule, rotation, range).flatMap(p =>
      p.participant.type === 'user'
        ? [{ start: p.start, end: p.end, userId: p.participant.id, rotation }]
        : [],
    ),
  );
}

function covering(periods: CoveredPeriod[], t: number) {
  return periods.find(p => p.start <= t && t < p.end);
}

/**
 * Who is on call for a team during a stretch of time, from the schedules' final timelines
 * (overrides and time zones applied): the first level, and the secondary the policy
 * escalates to (its "secondary" rotation, or the participant after the primary).
 */
export class OnCallWindow {
  private readonly primary: CoveredPeriod[];
  private readonly secondary: CoveredPeriod[];

  constructor(private readonly paging: TeamPaging, range: Interval) {
    this.primary = paging.first.flatMap(s =>
      userPeriods(
        s,
        s.rotations.filter(r => !SECONDARY.test(r.name)),
        range,
      ),
    );
    const step = paging.escalation;
    this.secondary =
      step?.to === 'secondary'
        ? userPeriods(
            step.schedule,
            step.schedule.rotations.filter(r => SECONDARY.test(r.name)),
            range,
          )
        : [];
  }

  /** The first-level person on call at `t` (user id). */
  primaryAt(t: number): string | undefined {
    return covering(this.primary, t)?.userId;
  }

  /** The secondary the policy escalates to at `t` (user id), if it has one. */
  secondaryAt(t: number): string | undefined {
    if (this.paging.escalation?.to !== 'secondary') {
      return undefined;
    }
    if (this.secondary.length > 0) {
      return covering(this.secondary, t)?.userId;
    }
    const current = covering(this.primary, t);
    if (!current) {
      return undefined;
    }
    const ids = current.rotation.participants
      .filter(p => p.type === 'user')
      .map(p => p.id);
    const at = ids.indexOf(current.userId);
    return at >= 0 && ids.length > 1 ? ids[(at + 1) % ids.length] : undefined;
  }
}
