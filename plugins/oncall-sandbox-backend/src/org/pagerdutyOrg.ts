import { anchorWeeklyLocal } from './weeklyAnchors';
import { hexIdFor, uuidFor } from './random';
import { DAY, HOUR } from './time';
import {
  DemoOrg,
  DemoRotation,
  DemoSchedule,
  DemoTeam,
  DemoUser,
} from './types';

/** The Group whose on-call lives in PagerDuty (see the demo's provider split). */
export const PAGERDUTY_GROUP = 'growth';

/** The time zone of the PagerDuty team's schedules: it hands off at 09:00 Berlin time. */
export const PAGERDUTY_TIME_ZONE = 'Europe/Berlin';

/** A target of an escalation rule: a schedule or one user (a permanent on-call). */
export interface PdTarget {
  type: 'schedule' | 'user';
  /** PagerDuty id of the schedule, or the demo user id. */
  id: string;
}

/** One escalation rule; `delayMinutes` is the time before escalating away from it. */
export interface PdRule {
  id: string;
  delayMinutes: number;
  targets: PdTarget[];
}

/** A PagerDuty escalation policy. */
export interface PdPolicy {
  id: string;
  name: string;
  description: string;
  teamId: string;
  numLoops: number;
  rules: PdRule[];
}

/** A PagerDuty technical service with its Events API v2 integration key. */
export interface PdService {
  id: string;
  name: string;
  description: string;
  policyId: string;
  teamId: string;
  integrationKey: string;
}

/** A PagerDuty team. */
export interface PdTeam {
  id: string;
  name: string;
  description: string;
  members: Array<{ userId: string; role: 'manager' | 'responder' }>;
}

/**
 * The PagerDuty account of the demo org: every demo person is a PagerDuty user (same name,
 * email and time zone), and the PagerDuty team's schedules use the demo org's rotation model
 * (`DemoSchedule`, whose participants are demo user ids) with PagerDuty ids.
 */
export interface PagerDutyOrg {
  users: DemoUser[];
  /** PagerDuty user id per demo user id, and back. */
  userIdOf: Map<string, string>;
  userByPdId: Map<string, DemoUser>;
  teams: PdTeam[];
  schedules: DemoSchedule[];
  policies: PdPolicy[];
  services: PdService[];
}

const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A deterministic PagerDuty-style id: `P` and six upper-case letters or digits. */
export function pdIdFor(seed: number, kind: string, key: string): string {
  const hex = hexIdFor(seed, `pagerduty-${kind}`, key);
  let id = 'P';
  for (let i = 0; i < 6; i++) {
    id += ID_ALPHABET[parseInt(hex.slice(i * 2, i * 2 + 2), 16) % 36];
  }
  return id;
}

function weeklyRotation(
  seed: number,
  scheduleName: string,
  people: DemoUser[],
  start: number,
): DemoRotation {
  return {
    id: pdIdFor(seed, 'layer', scheduleName),
    name: 'Layer 1',
    startDate: start,
    type: 'weekly',
    length: 1,
    participants: people.map(u => ({ type: 'user', id: u.id })),
  };
}

/**
 * In scale mode every fifth generated team that is not on JSM (`scale-team-5`, `-10`, `-20`,
 * `-25`, …; JSM takes every third) is on PagerDuty too, under the same name and members.
 */
export function isPagerDutyScaleTeam(name: string): boolean {
  const scale = /^scale-team-(\d+)$/.exec(name);
  if (!scale) return false;
  const n = Number(scale[1]);
  return n % 5 === 0 && n % 3 !== 0;
}

/** The PagerDuty parts of one generated team (see {@link isPagerDutyScaleTeam}). */
function scaleTeamOnPagerDuty(
  org: DemoOrg,
  team: DemoTeam,
): { team: PdTeam; schedules: DemoSchedule[]; policy: PdPolicy } {
  const { seed } = org;
  const teamId = pdIdFor(seed, 'team', team.name);
  // the same rotation as the team's Opsgenie schedule (same people, hand-off and order)
  const schedules = org.schedules
    .filter(s => s.ownerTeamId === team.id)
    .map(
      (s): DemoSchedule => ({
        ...s,
        id: pdIdFor(seed, 'schedule', s.name),
        ownerTeamId: teamId,
        rotations: s.rotations.map((r, i) => ({
          ...r,
          id: pdIdFor(seed, 'layer', `${s.name}/${i}`),
          name: `Layer ${i + 1}`,
        })),
        overrides: [],
      }),
    );
  const rule = (level: number, delayMinutes: number, targets: PdTarget[]) => ({
    id: pdIdFor(seed, 'rule', `${team.name}/${level}`),
    delayMinutes,
    targets,
  });
  const members = team.members.map(m => m.userId);
  return {
    team: {
      id: teamId,
      name: team.name,
      description: team.description,
      members: team.members.map(m => ({
        userId: m.userId,
        role: m.role === 'admin' ? 'manager' : 'responder',
      })),
    },
    schedules,
    // as the Opsgenie escalation: the schedule first, after 15 minutes the whole team
    policy: {
      id: pdIdFor(seed, 'policy', team.name),
      name: `${team.name}_escalation`,
      description: `Escalation policy of ${team.name}`,
      teamId,
      numLoops: 0,
      rules: [
        rule(
          1,
          15,
          schedules.map(s => ({ type: 'schedule' as const, id: s.id })),
        ),
        rule(
          2,
          30,
          members.map(id => ({ type: 'user' as const, id })),
        ),
      ],
    },
  };
}

/** Derives the demo org's PagerDuty account. */
export function demoPagerDuty(org: DemoOrg): PagerDutyOrg {
  const { seed, generatedAt: now } = org;
  const people = org.users.filter(u => u.group === PAGERDUTY_GROUP);
  const teamId = pdIdFor(seed, 'team', PAGERDUTY_GROUP);
  const schedule = (
    name: string,
    current: number,
    overrides: DemoSchedule['overrides'] = [],
  ): DemoSchedule => ({
    id: pdIdFor(seed, 'schedule', name),
    name,
    description: `${PAGERDUTY_GROUP} ${name.split('_')[1]} rotation`,
    timezone: PAGERDUTY_TIME_ZONE,
    enabled: true,
    ownerTeamId: teamId,
    rotations: [
      weeklyRotation(
        seed,
        name,
        people,
        anchorWeeklyLocal(now, PAGERDUTY_TIME_ZONE, people.length, current),
      ),
    ],
    overrides,
  });
  const hour = Math.floor(now / HOUR) * HOUR;
  const primaryName = `${PAGERDUTY_GROUP}_primary`;
  const schedules =
    people.length === 0
      ? []
      : [
          schedule(primaryName, 0, [
            {
              alias: pdIdFor(seed, 'override', primaryName),
              userId: people[people.length - 1].id,
              startDate: hour + DAY,
              endDate: hour + 2 * DAY,
              rotationIds: [pdIdFor(seed, 'layer', primaryName)],
            },
          ]),
          schedule(`${PAGERDUTY_GROUP}_secondary`, 1),
        ];
  const policyId = pdIdFor(seed, 'policy', PAGERDUTY_GROUP);
  const rule = (level: number, delayMinutes: number, targets: PdTarget[]) => ({
    id: pdIdFor(seed, 'rule', `${PAGERDUTY_GROUP}/${level}`),
    delayMinutes,
    targets,
  });
  const policies: PdPolicy[] =
    schedules.length === 0
      ? []
      : [
          {
            id: policyId,
            name: `${PAGERDUTY_GROUP}_escalation`,
            description: `Escalation policy of ${PAGERDUTY_GROUP}`,
            teamId,
            numLoops: 1,
            rules: [
              rule(1, 10, [{ type: 'schedule', id: schedules[0].id }]),
              rule(2, 15, [{ type: 'schedule', id: schedules[1].id }]),
              rule(
                3,
                30,
                people.map(u => ({ type: 'user' as const, id: u.id })),
              ),
            ],
          },
        ];
  const services: PdService[] = org.services
    .filter(s => s.owner === PAGERDUTY_GROUP && s.kind === 'Component')
    .filter(() => policies.length > 0)
    .map(s => ({
      id: pdIdFor(seed, 'service', s.name),
      name: s.name,
      description: s.description,
      policyId,
      teamId,
      integrationKey: hexIdFor(seed, 'pagerduty-integration', s.name),
    }));
  const userIdOf = new Map(
    org.users.map(u => [u.id, pdIdFor(seed, 'user', u.email)]),
  );
  const userByPdId = new Map(org.users.map(u => [userIdOf.get(u.id)!, u]));
  const scale = org.teams
    .filter(t => isPagerDutyScaleTeam(t.name))
    .map(t => scaleTeamOnPagerDuty(org, t));
  return {
    users: org.users,
    userIdOf,
    userByPdId,
    teams: [
      {
        id: teamId,
        name: PAGERDUTY_GROUP,
        description: `On-call team of the ${PAGERDUTY_GROUP} group`,
        members: people.map((u, i) => ({
          userId: u.id,
          role: i === 0 ? 'manager' : 'responder',
        })),
      },
      ...scale.map(s => s.team),
    ],
    schedules: [...schedules, ...scale.flatMap(s => s.schedules)],
    policies: [...policies, ...scale.map(s => s.policy)],
    services,
  };
}

/** A deterministic incident id for the `n`-th incident the sandbox opens. */
export function pdIncidentId(seed: number, n: number): string {
  return pdIdFor(seed, 'incident', uuidFor(seed, 'incident', String(n)));
}
