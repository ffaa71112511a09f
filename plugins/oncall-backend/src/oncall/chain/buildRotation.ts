import {
  EscalationLevel,
  EscalationRole,
  Responder,
  Rotation,
  Shift,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  EscalationPolicy,
  EscalationRule,
  OnCallRecipient,
  OnCallSchedule,
  OnCallTeamDetails,
  OnCallUser,
} from '../OnCallProvider';
import { StoredPeriod } from '../OnCallStore';
import { coveringAt, mergePeriods } from './periods';

/** Everything needed to show one schedule with its escalation chain. */
export interface RotationInput {
  schedule: OnCallSchedule;
  /** The team that owns the schedule; its members are the "whole team" level. */
  team?: OnCallTeamDetails;
  /** The team's escalation policy; undefined when the team has none. */
  escalation?: EscalationPolicy;
  /** When false only the people on call are shown (e.g. the Incident Commander). */
  withEscalation: boolean;
  /** The schedule's final-timeline periods from now on. */
  periods: StoredPeriod[];
  /** Users by lower-case username. */
  users: Map<string, OnCallUser>;
  now: Date;
  url?: string;
  /** How many upcoming shifts to keep at most. */
  maxUpcoming?: number;
}

const SECONDARY = /secondary/i;

/**
 * Builds a rotation and its escalation chain in the org's terms.
 *
 * Roles come from the team's escalation policy (its `if-not-acked` rules, by delay):
 * - a rule naming this schedule with `notifyType: default` (or any type but `next`) is the
 *   **primary**: whoever the schedule's primary rotations have on call now;
 * - a rule naming this schedule with `notifyType: next` is the **secondary**: when the
 *   schedule has a rotation named "secondary", whoever that rotation has on call now;
 *   otherwise the participant after the current primary in the rotation's order;
 * - a rule naming a team is the **whole team** (its members);
 * - a rule naming a user is a **secondary** (a named backup).
 * Rules naming another schedule of the team are skipped, unless no rule names this
 * schedule at all, in which case the team's schedule rules apply to it as well.
 * A team without a policy gets the primary alone, with a notice saying so.
 */
export function buildRotation(input: RotationInput): Rotation {
  const { schedule, now } = input;
  const periods = mergePeriods(input.periods).filter(p => p.end > now);
  const secondaryIds = new Set(
    rotationNames(schedule, periods)
      .filter(r => SECONDARY.test(r.name))
      .map(r => r.id),
  );
  const primaryPeriods = periods.filter(p => !secondaryIds.has(p.rotationId));
  const secondaryPeriods = periods.filter(p => secondaryIds.has(p.rotationId));
  const primaryNow = coveringAt(primaryPeriods, now);
  const notices: string[] = [];
  const responder = responderFactory(input.users);

  const levels: EscalationLevel[] = [];
  const primaryLevel = (afterMinutes: number): EscalationLevel => ({
    role: 'primary',
    afterMinutes,
    responders: primaryNow.map(p => responder(p.recipient, p.end)),
  });

  if (!input.withEscalation) {
    levels.push(primaryLevel(0));
  } else if (!input.escalation) {
    levels.push(primaryLevel(0));
    notices.push(
      `Team ${
        input.team?.name ?? schedule.ownerTeam?.name ?? 'unknown'
      } has no escalation policy: only the primary on call is paged.`,
    );
  } else {
    const rules = applicableRules(input.escalation, schedule);
    for (const rule of rules) {
      const level = levelFor(rule, {
        input,
        primaryLevel,
        primaryNow,
        secondaryPeriods,
        hasSecondaryRotation: secondaryIds.size > 0,
        responder,
      });
      if (level && !levels.some(l => l.role === level.role)) {
        levels.push(level);
      }
    }
    if (!levels.some(l => l.role === 'primary')) {
      levels.unshift(primaryLevel(0));
      notices.push(
        `Escalation policy ${input.escalation.name} does not page schedule ${schedule.name}.`,
      );
    }
  }

  const participants = schedule.rotations.reduce(
    (count, r) => count + r.participants.length,
    0,
  );
  if (participants === 0 && periods.length === 0) {
    notices.push(
      `Schedule ${schedule.name} has no participants: nobody is on call.`,
    );
  } else if (primaryNow.length === 0) {
    const next = primaryPeriods.find(p => p.start > now);
    notices.push(
      next
        ? `Nobody is on call now in ${
            schedule.name
          }; the next shift starts at ${next.start.toISOString()}.`
        : `Nobody is on call in ${schedule.name} in the next 14 days.`,
    );
  }
  const withoutEmail = [
    ...new Set(
      levels.flatMap(l => l.responders.filter(r => !r.email).map(r => r.name)),
    ),
  ];
  if (withoutEmail.length > 0) {
    notices.push(`No email address known for ${withoutEmail.join(', ')}.`);
  }

  const nextHandoff =
    primaryNow.length > 0
      ? new Date(Math.min(...primaryNow.map(p => p.end.getTime())))
      : primaryPeriods.find(p => p.start > now)?.start;

  const upcoming: Shift[] = periods
    .slice(0, input.maxUpcoming ?? 100)
    .map(p => ({
      role: secondaryIds.has(p.rotationId) ? 'secondary' : 'primary',
      rotation: p.rotationName,
      responder: responder(p.recipient, p.end),
      start: (p.start < now ? now : p.start).toISOString(),
      end: p.end.toISOString(),
    }));

  return {
    schedule: {
      id: schedule.id,
      name: schedule.name,
      timezone: schedule.timezone,
      url: input.url,
    },
    levels,
    nextHandoff: nextHandoff?.toISOString(),
    upcoming,
    notice: notices.length > 0 ? notices.join(' ') : undefined,
  };
}

function rotationNames(schedule: OnCallSchedule, periods: StoredPeriod[]) {
  const known = schedule.rotations.map(r => ({ id: r.id, name: r.name }));
  const fromPeriods = periods
    .filter(p => !known.some(k => k.id === p.rotationId))
    .map(p => ({ id: p.rotationId, name: p.rotationName }));
  return [...known, ...fromPeriods];
}

function namesSchedule(recipient: OnCallRecipient, schedule: OnCallSchedule) {
  return (
    recipient.type === 'schedule' &&
    (recipient.id === schedule.id ||
      recipient.name?.toLocaleLowerCase('en-US') ===
        schedule.name.toLocaleLowerCase('en-US'))
  );
}

function applicableRules(
  escalation: EscalationPolicy,
  schedule: OnCallSchedule,
): EscalationRule[] {
  const rules = escalation.rules
    .filter(r => r.condition === 'if-not-acked')
    .map((rule, index) => ({ rule, index }))
    .sort(
      (a, b) => a.rule.delayMinutes - b.rule.delayMinutes || a.index - b.index,
    )
    .map(({ rule }) => rule);
  const namesThis = rules.some(r => namesSchedule(r.recipient, schedule));
  return rules.filter(
    r =>
      r.recipient.type !== 'schedule' ||
      !namesThis ||
      namesSchedule(r.recipient, schedule),
  );
}

function levelFor(
  rule: EscalationRule,
  context: {
    input: RotationInput;
    primaryLevel: (afterMinutes: number) => EscalationLevel;
    primaryNow: StoredPeriod[];
    secondaryPeriods: StoredPeriod[];
    hasSecondaryRotation: boolean;
    responder: (recipient: OnCallRecipient, shiftEnd?: Date) => Responder;
  },
): EscalationLevel | undefined {
  const { input, responder } = context;
  const afterMinutes = rule.delayMinutes;
  const level = (role: EscalationRole, responders: Responder[]) => ({
    role,
    afterMinutes,
    responders,
  });
  switch (rule.recipient.type) {
    case 'schedule':
      if (rule.notifyType !== 'next') {
        return context.primaryLevel(afterMinutes);
      }
      if (context.hasSecondaryRotation) {
        return level(
          'secondary',
          coveringAt(context.secondaryPeriods, input.now).map(p =>
            responder(p.recipient, p.end),
          ),
        );
      }
      return level(
        'secondary',
        nextParticipant(input, context.primaryNow, responder),
      );
    case 'team': {
      const members =
        input.team &&
        (rule.recipient.id === input.team.id ||
          rule.recipient.name?.toLocaleLowerCase('en-US') ===
            input.team.name.toLocaleLowerCase('en-US'))
          ? input.team.members
          : undefined;
      return level(
        'team',
        members
          ? members.map(m => responder({ type: 'user', name: m }))
          : [responder(rule.recipient)],
      );
    }
    case 'user':
      return level('secondary', [responder(rule.recipient)]);
    default:
      return undefined;
  }
}

/** Who takes over after the current primary: the next participant of the same rotation. */
function nextParticipant(
  input: RotationInput,
  primaryNow: StoredPeriod[],
  responder: (recipient: OnCallRecipient, shiftEnd?: Date) => Responder,
): Responder[] {
  return primaryNow.flatMap(current => {
    const rotation = input.schedule.rotations.find(
      r => r.id === current.rotationId,
    );
    const participants = rotation?.participants ?? [];
    const key = (r: OnCallRecipient) =>
      (r.name ?? r.id ?? '').toLocaleLowerCase('en-US');
    const at = participants.findIndex(p => key(p) === key(current.recipient));
    if (at >= 0 && participants.length > 1) {
      return [responder(participants[(at + 1) % participants.length])];
    }
    const following = mergePeriods(input.periods).find(
      p =>
        p.rotationId === current.rotationId &&
        p.start >= current.end &&
        key(p.recipient) !== key(current.recipient),
    );
    return following ? [responder(following.recipient)] : [];
  });
}

function responderFactory(users: Map<string, OnCallUser>) {
  return (recipient: OnCallRecipient, shiftEnd?: Date): Responder => {
    const username = recipient.name ?? recipient.id ?? 'unknown';
    const user =
      recipient.type === 'user'
        ? users.get(username.toLocaleLowerCase('en-US'))
        : undefined;
    const email =
      user?.email ??
      (recipient.type === 'user' && username.includes('@')
        ? username
        : undefined);
    return {
      name: user?.fullName ?? username,
      email,
      shiftEnd: shiftEnd?.toISOString(),
    };
  };
}
