import { Random, uuidFor } from './random';
import { DAY, HOUR, WEEK, startOfDay } from './time';
import { anchorWeekly, anchorWeeklyLocal, nextWeekly } from './weeklyAnchors';
import {
  DemoEscalation,
  DemoEscalationRule,
  DemoOverride,
  DemoRotation,
  DemoSchedule,
  DemoTeam,
  DemoUser,
  DemoWeekdayRestriction,
} from './types';

/** Opsgenie team name per catalog Group (Groups without a team are absent). */
export const OPSGENIE_TEAM_OF_GROUP: Record<string, string> = {
  sre: 'sre',
  commerce: 'commerce',
  payments: 'payments-team',
  checkout: 'checkout',
  discovery: 'discovery-ops',
  'data-platform': 'data-platform',
};

/**
 * Opsgenie teams kept in a time zone with daylight saving, each with one weekly rotation that
 * hands off on Monday 09:00 local time (so its shift across a clock change lasts 167 or 169
 * hours). No Group maps to them by name: a Component pins one with `opsgenie.com/team`
 * (`OPSGENIE_TEAM_PINS`).
 */
export const LOCAL_TIME_TEAMS: ReadonlyArray<{
  team: string;
  group: string;
  timezone: string;
}> = [
  { team: 'storefront-us', group: 'storefront', timezone: 'America/New_York' },
  { team: 'discovery-eu', group: 'discovery', timezone: 'Europe/Berlin' },
];

const WEEKDAY_WINDOW: DemoWeekdayRestriction[] = [
  {
    startDay: 'monday',
    startHour: 9,
    startMin: 0,
    endDay: 'friday',
    endHour: 18,
    endMin: 0,
  },
];
const WEEKEND_WINDOW: DemoWeekdayRestriction[] = [
  {
    startDay: 'friday',
    startHour: 18,
    startMin: 0,
    endDay: 'monday',
    endHour: 9,
    endMin: 0,
  },
];

interface Ctx {
  seed: number;
  now: number;
  random: Random;
  users: DemoUser[];
  teams: Map<string, DemoTeam>;
}

function members(ctx: Ctx, group: string): DemoUser[] {
  return ctx.users.filter(u => u.group === group);
}

function rotation(
  ctx: Ctx,
  scheduleName: string,
  name: string,
  users: DemoUser[],
  start: number,
  restrictions?: DemoWeekdayRestriction[],
): DemoRotation {
  return {
    id: uuidFor(ctx.seed, 'rotation', `${scheduleName}/${name}`),
    name,
    startDate: start,
    type: 'weekly',
    length: 1,
    participants: users.map(u => ({ type: 'user', id: u.id })),
    restrictions,
  };
}

function schedule(
  ctx: Ctx,
  name: string,
  team: string,
  rotations: DemoRotation[],
  overrides: DemoOverride[] = [],
  timezone = 'UTC',
): DemoSchedule {
  return {
    id: uuidFor(ctx.seed, 'schedule', name),
    name,
    description: `${team} on-call rotation`,
    timezone,
    enabled: true,
    ownerTeamId: ctx.teams.get(team)!.id,
    rotations,
    overrides,
  };
}

/** A weekly rotation with a handoff 1–6 days from now at 09:00 UTC. */
function simpleRotation(
  ctx: Ctx,
  scheduleName: string,
  name: string,
  users: DemoUser[],
  current: number,
) {
  const handoff = startOfDay(ctx.now) + ctx.random.int(1, 6) * DAY + 9 * HOUR;
  return rotation(
    ctx,
    scheduleName,
    name,
    users,
    anchorWeekly(handoff, users.length, current),
  );
}

function buildTeams(seed: number, users: DemoUser[]): Map<string, DemoTeam> {
  const teams = new Map<string, DemoTeam>();
  for (const [group, teamName] of [
    ...Object.entries(OPSGENIE_TEAM_OF_GROUP),
    ...LOCAL_TIME_TEAMS.map(t => [t.group, t.team]),
  ]) {
    teams.set(teamName, {
      id: uuidFor(seed, 'team', teamName),
      name: teamName,
      description: `On-call team of the ${group} group`,
      members: users
        .filter(u => u.group === group)
        .map((u, i) => ({ userId: u.id, role: i === 0 ? 'admin' : 'user' })),
    });
  }
  return teams;
}

function buildSchedules(ctx: Ctx): DemoSchedule[] {
  const sre = members(ctx, 'sre');
  const commerce = members(ctx, 'commerce');
  const payments = members(ctx, 'payments');
  const checkout = members(ctx, 'checkout');
  const discovery = members(ctx, 'discovery');
  const data = members(ctx, 'data-platform');
  const guest = data.find(u => u.name === 'guest')!;
  const dataEngineers = data.filter(u => u !== guest);

  const discoveryPrimary = simpleRotation(
    ctx,
    'discovery-ops_schedule',
    'primary',
    discovery,
    0,
  );
  const hour = Math.floor(ctx.now / HOUR) * HOUR;
  const coverOverride: DemoOverride = {
    alias: uuidFor(ctx.seed, 'override', 'discovery-ops_schedule/cover'),
    userId: discovery[1].id,
    startDate: hour - 3 * HOUR,
    endDate: hour + DAY + 6 * HOUR,
    rotationIds: [discoveryPrimary.id],
  };
  const paymentsPrimary = simpleRotation(
    ctx,
    'payments_schedule',
    'primary',
    payments,
    0,
  );
  const weekdayHandoff = nextWeekly(ctx.now, 0, 9);
  const weekendHandoff = nextWeekly(ctx.now, 4, 18);
  const weekendOrder = [...checkout.slice(2), ...checkout.slice(0, 2)];

  return [
    schedule(ctx, 'sre_ic_schedule', 'sre', [
      simpleRotation(ctx, 'sre_ic_schedule', 'primary', sre, 1),
    ]),
    schedule(ctx, 'commerce_schedule', 'commerce', [
      simpleRotation(ctx, 'commerce_schedule', 'primary', commerce, 2),
    ]),
    schedule(ctx, 'payments_schedule', 'payments-team', [
      paymentsPrimary,
      rotation(
        ctx,
        'payments_schedule',
        'secondary',
        payments,
        paymentsPrimary.startDate + WEEK,
      ),
    ]),
    schedule(ctx, 'checkout_weekday', 'checkout', [
      rotation(
        ctx,
        'checkout_weekday',
        'primary',
        checkout,
        anchorWeekly(weekdayHandoff, checkout.length, 0),
        WEEKDAY_WINDOW,
      ),
    ]),
    schedule(ctx, 'checkout_weekend', 'checkout', [
      rotation(
        ctx,
        'checkout_weekend',
        'primary',
        weekendOrder,
        anchorWeekly(weekendHandoff, checkout.length, 0),
        WEEKEND_WINDOW,
      ),
    ]),
    schedule(
      ctx,
      'discovery-ops_schedule',
      'discovery-ops',
      [discoveryPrimary],
      [coverOverride],
    ),
    schedule(ctx, 'data-platform_schedule', 'data-platform', [
      // the guest takes a primary week too (two weeks ago, next in two weeks), so the
      // demo's "My on-call" card has a last shift to sum up
      simpleRotation(
        ctx,
        'data-platform_schedule',
        'primary',
        [...dataEngineers, guest],
        1,
      ),
      simpleRotation(
        ctx,
        'data-platform_schedule',
        'secondary',
        [guest, ...dataEngineers],
        0,
      ),
    ]),
    ...LOCAL_TIME_TEAMS.map(({ team, group, timezone }) => {
      const name = `${team}_schedule`;
      const people = members(ctx, group);
      return schedule(
        ctx,
        name,
        team,
        [
          rotation(
            ctx,
            name,
            'primary',
            people,
            anchorWeeklyLocal(ctx.now, timezone, people.length, 0),
          ),
        ],
        [],
        timezone,
      );
    }),
  ];
}

function rule(
  notifyType: DemoEscalationRule['notifyType'],
  delayMinutes: number,
  type: 'schedule' | 'team',
  id: string,
): DemoEscalationRule {
  return {
    condition: 'if-not-acked',
    notifyType,
    delayMinutes,
    recipient: { type, id },
  };
}

function buildEscalations(
  ctx: Ctx,
  schedules: DemoSchedule[],
): DemoEscalation[] {
  const s = (name: string) => schedules.find(x => x.name === name)!.id;
  const t = (name: string) => ctx.teams.get(name)!.id;
  const escalation = (
    team: string,
    rules: DemoEscalationRule[],
  ): DemoEscalation => ({
    id: uuidFor(ctx.seed, 'escalation', `${team}_escalation`),
    name: `${team}_escalation`,
    description: `Escalation policy of ${team}`,
    ownerTeamId: t(team),
    rules,
  });
  /** The schedule first, then the whole team after 15 minutes. */
  const scheduleThenTeam = (team: string, scheduleName: string) =>
    escalation(team, [
      rule('default', 0, 'schedule', s(scheduleName)),
      rule('all', 15, 'team', t(team)),
    ]);
  /** The schedule, its next on-call after 10 minutes, then the whole team after 20. */
  const scheduleNextThenTeam = (team: string, scheduleName: string) =>
    escalation(team, [
      rule('default', 0, 'schedule', s(scheduleName)),
      rule('next', 10, 'schedule', s(scheduleName)),
      rule('all', 20, 'team', t(team)),
    ]);
  return [
    scheduleThenTeam('sre', 'sre_ic_schedule'),
    scheduleThenTeam('commerce', 'commerce_schedule'),
    scheduleNextThenTeam('payments-team', 'payments_schedule'),
    escalation('checkout', [
      rule('default', 0, 'schedule', s('checkout_weekday')),
      rule('default', 0, 'schedule', s('checkout_weekend')),
      rule('all', 15, 'team', t('checkout')),
    ]),
    scheduleThenTeam('discovery-ops', 'discovery-ops_schedule'),
    scheduleNextThenTeam('data-platform', 'data-platform_schedule'),
    ...LOCAL_TIME_TEAMS.map(({ team }) =>
      scheduleThenTeam(team, `${team}_schedule`),
    ),
  ];
}

/** Opsgenie teams, schedules and escalations of the demo org. */
export function demoOpsgenie(seed: number, now: number, users: DemoUser[]) {
  const teams = buildTeams(seed, users);
  const ctx: Ctx = {
    seed,
    now,
    random: new Random(seed, 'opsgenie'),
    users,
    teams,
  };
  const schedules = buildSchedules(ctx);
  return {
    teams: [...teams.values()],
    schedules,
    escalations: buildEscalations(ctx, schedules),
  };
}
