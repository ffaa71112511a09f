import type * as api from '../OnCallProvider';
import {
  PdEscalationPolicy,
  PdReference,
  PdRenderedEntry,
  PdScheduleSummary,
  PdUser,
} from './wire';

/**
 * How PagerDuty's escalation policies map onto rotations, as adapter policy:
 * - every schedule a policy targets at level 1 is a rotation; its primary is the schedule's
 *   final schedule (overrides applied);
 * - a schedule targeted only at level 2 is folded into the level-1 schedules of its policy as
 *   their `secondary` rotation (so the chain shows who is on call in it);
 * - levels 3 and above page the policy's team (PagerDuty has no team target);
 * - `afterMinutes` of level n is the sum of `escalation_delay_in_minutes` of levels 1…n-1.
 */
export interface PolicyStructure {
  /** Level-2 schedules folded into each level-1 schedule. */
  secondaryOf: Map<string, string[]>;
  /** Schedules that are only someone's secondary (not a rotation of their own). */
  folded: Set<string>;
  /** The team owning each schedule (its policy's team). */
  ownerOf: Map<string, api.OnCallTeam>;
}

/** The team of a policy: its first PagerDuty team, or the policy itself when it has none. */
export function teamOfPolicy(policy: PdEscalationPolicy): api.OnCallTeam {
  const team = policy.teams?.[0];
  return team
    ? { id: team.id, name: team.summary ?? team.id }
    : { id: policy.id, name: policy.name };
}

function scheduleTargets(policy: PdEscalationPolicy, level: number): string[] {
  return (policy.escalation_rules[level - 1]?.targets ?? [])
    .filter(t => t.type.startsWith('schedule'))
    .map(t => t.id);
}

export function policyStructure(
  policies: PdEscalationPolicy[],
): PolicyStructure {
  const primaries = new Set(policies.flatMap(p => scheduleTargets(p, 1)));
  const secondaryOf = new Map<string, string[]>();
  const ownerOf = new Map<string, api.OnCallTeam>();
  for (const policy of policies) {
    const team = teamOfPolicy(policy);
    const second = scheduleTargets(policy, 2).filter(s => !primaries.has(s));
    for (const primary of scheduleTargets(policy, 1)) {
      if (!ownerOf.has(primary)) ownerOf.set(primary, team);
      const list = secondaryOf.get(primary) ?? [];
      secondaryOf.set(primary, [
        ...list,
        ...second.filter(s => !list.includes(s)),
      ]);
    }
    for (const s of second) {
      if (!ownerOf.has(s)) ownerOf.set(s, team);
    }
  }
  const folded = new Set(
    [...secondaryOf.values()].flat().filter(s => !primaries.has(s)),
  );
  return { secondaryOf, folded, ownerOf };
}

/** Name of the rotation a folded secondary schedule shows as. */
export function secondaryRotationName(schedule: { name: string }): string {
  return `secondary (${schedule.name})`;
}

/** Name of a schedule's own (final schedule) rotation; never mistaken for a secondary. */
export const PRIMARY_ROTATION = 'primary';

export function toUser(user: PdUser): api.OnCallUser {
  return {
    id: user.id,
    username: user.email,
    fullName: user.name,
    email: user.email,
  };
}

/** A user reference as a recipient named by username (email) when the user is known. */
export function userRecipient(
  ref: PdReference,
  usernameOf: (id: string) => string | undefined,
): api.OnCallRecipient {
  return {
    type: 'user',
    id: ref.id,
    name: usernameOf(ref.id) ?? ref.summary ?? ref.id,
  };
}

export function toSchedule(
  schedule: PdScheduleSummary,
  structure: PolicyStructure,
  byId: Map<string, PdScheduleSummary>,
  usernameOf: (id: string) => string | undefined,
): api.OnCallSchedule {
  const participants = (s: PdScheduleSummary) =>
    (s.users ?? []).map(u => userRecipient(u, usernameOf));
  const owner =
    structure.ownerOf.get(schedule.id) ??
    (schedule.teams?.[0]
      ? {
          id: schedule.teams[0].id,
          name: schedule.teams[0].summary ?? schedule.teams[0].id,
        }
      : undefined);
  return {
    id: schedule.id,
    name: schedule.name,
    timezone: schedule.time_zone,
    enabled: true,
    ownerTeam: owner,
    rotations: [
      {
        id: schedule.id,
        name: PRIMARY_ROTATION,
        participants: participants(schedule),
      },
      ...(structure.secondaryOf.get(schedule.id) ?? []).flatMap(id => {
        const secondary = byId.get(id);
        return secondary
          ? [
              {
                id,
                name: secondaryRotationName(secondary),
                participants: participants(secondary),
              },
            ]
          : [];
      }),
    ],
  };
}

/** A policy as the chain reads it; see {@link PolicyStructure} for the rules. */
export function toEscalation(
  policy: PdEscalationPolicy,
  structure: PolicyStructure,
  usernameOf: (id: string) => string | undefined,
): api.EscalationPolicy {
  const team = teamOfPolicy(policy);
  const primaries = scheduleTargets(policy, 1);
  const rules: api.EscalationRule[] = [];
  let after = 0;
  policy.escalation_rules.forEach((rule, index) => {
    const level = index + 1;
    const base = {
      condition: 'if-not-acked' as const,
      delayMinutes: after,
    };
    for (const target of rule.targets) {
      const isSchedule = target.type.startsWith('schedule');
      if (level >= 3) {
        rules.push({
          ...base,
          notifyType: 'all',
          recipient: { type: 'team', id: team.id, name: team.name },
        });
        break;
      }
      if (!isSchedule) {
        rules.push({
          ...base,
          notifyType: 'users',
          recipient: userRecipient(target, usernameOf),
        });
      } else if (level === 2 && structure.folded.has(target.id)) {
        for (const primary of primaries) {
          rules.push({
            ...base,
            notifyType: 'next',
            recipient: { type: 'schedule', id: primary },
          });
        }
      } else {
        rules.push({
          ...base,
          notifyType: 'default',
          recipient: {
            type: 'schedule',
            id: target.id,
            name: target.summary ?? undefined,
          },
        });
      }
    }
    after += rule.escalation_delay_in_minutes;
  });
  return { id: policy.id, name: policy.name, ownerTeam: team, rules };
}

function overlaps(a: { start: Date; end: Date }, b: PdRenderedEntry) {
  return a.start < new Date(b.end) && a.end > new Date(b.start);
}

/** Rendered final-schedule entries as timeline periods; entries an override covers are flagged. */
export function toPeriods(
  entries: PdRenderedEntry[],
  overrides: PdRenderedEntry[],
  rotation: { id: string; name: string },
  usernameOf: (id: string) => string | undefined,
): api.TimelinePeriod[] {
  return entries.flatMap(entry => {
    if (!entry.user) {
      return [];
    }
    const period = { start: new Date(entry.start), end: new Date(entry.end) };
    const override = overrides.some(
      o => o.user?.id === entry.user!.id && overlaps(period, o),
    );
    return [
      {
        rotationId: rotation.id,
        rotationName: rotation.name,
        ...period,
        recipient: userRecipient(entry.user, usernameOf),
        override,
      },
    ];
  });
}
