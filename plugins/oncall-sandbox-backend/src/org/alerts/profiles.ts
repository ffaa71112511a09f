import { MINUTE, WEEK } from '../time';
import {
  DemoAlertProfile,
  DemoGroup,
  DemoPageRate,
  DemoService,
  DemoTeam,
} from '../types';

/** Days of alerts the sandbox's Opsgenie serves, back from its clock. */
export const ALERT_HISTORY_DAYS = 180;

/** The demo team overloaded with pages, night pages included, in recent weeks. */
export const OVERLOADED_TEAM = 'payments-team';
/** The demo team that is almost never paged. */
export const QUIET_TEAM = 'data-platform';
/** The demo team with the noisy, self-closing alert. */
export const NOISY_TEAM = 'checkout';
/** Alias of the noisy alert: DataDog's monitor on checkout-api's p95 latency, flapping. */
export const NOISY_ALIAS = 'datadog-checkout-api-p95-latency';
/** How long before the clock's first reading the overloaded team's load went up. */
export const OVERLOADED_FOR = 6 * WEEK;

type Shape = Omit<DemoAlertProfile, 'teamId' | 'services' | 'fixed'> & {
  fixedBeforeNow?: number[];
};

const rate = (
  min: number,
  max: number,
  extra: Pick<DemoPageRate, 'chance' | 'everyDays'> = {},
): DemoPageRate => ({ min, max, ...extra });

/** The demo teams' stream shapes, relative to the clock's first reading `now`. */
function demoShapes(now: number): Record<string, Shape> {
  return {
    sre: { daily: rate(0, 3), nightEvery: 9, escalationRate: 0.1 },
    commerce: { daily: rate(0, 2), nightEvery: 11, escalationRate: 0.08 },
    [OVERLOADED_TEAM]: {
      daily: rate(1, 3),
      nightEvery: 9,
      escalationRate: 0.15,
      overload: {
        since: now - OVERLOADED_FOR,
        daily: rate(5, 7),
        nights: rate(1, 2),
      },
    },
    [NOISY_TEAM]: {
      daily: rate(0, 1, { chance: 0.5 }),
      nightEvery: 10,
      escalationRate: 0.1,
      noisy: {
        service: 'checkout-api',
        alias: NOISY_ALIAS,
        message: '[Datadog] checkout-api p95 latency',
        firings: rate(1, 2),
      },
    },
    // an override is in progress there: one page lands in it (at night, maybe)
    'discovery-ops': {
      daily: rate(0, 2),
      nightEvery: 0,
      escalationRate: 0.1,
      fixedBeforeNow: [100 * MINUTE],
    },
    // one page a week at most
    [QUIET_TEAM]: {
      daily: rate(1, 1, { chance: 0.45, everyDays: 7 }),
      nightEvery: 0,
      escalationRate: 0.25,
    },
    'storefront-us': { daily: rate(0, 2), nightEvery: 12, escalationRate: 0.1 },
    'discovery-eu': { daily: rate(0, 1), nightEvery: 12, escalationRate: 0.1 },
  };
}

/** The Opsgenie team paging for a Group: its own, or its nearest ancestor's. */
function teamOfGroup(
  group: string | undefined,
  groups: Map<string, DemoGroup>,
  teamOfGroupName: Record<string, string>,
): string | undefined {
  for (
    let current = group ? groups.get(group) : undefined;
    current;
    current = current.parent ? groups.get(current.parent) : undefined
  ) {
    const team = teamOfGroupName[current.name];
    if (team) {
      return team;
    }
  }
  return undefined;
}

/** The Components each Opsgenie team is paged for. */
function servicesByTeam(
  services: DemoService[],
  groups: DemoGroup[],
  teamOfGroupName: Record<string, string>,
): Map<string, string[]> {
  const byTeam = new Map<string, string[]>();
  const byName = new Map(groups.map(g => [g.name, g]));
  for (const s of services.filter(x => x.kind === 'Component')) {
    const team =
      s.opsgenieTeam ?? teamOfGroup(s.owner, byName, teamOfGroupName);
    if (team) {
      byTeam.set(team, [...(byTeam.get(team) ?? []), s.name]);
    }
  }
  return byTeam;
}

/** How the demo org's Opsgenie teams are paged. */
export function demoAlertProfiles(options: {
  now: number;
  teams: DemoTeam[];
  services: DemoService[];
  groups: DemoGroup[];
  teamOfGroup: Record<string, string>;
}): DemoAlertProfile[] {
  const shapes = demoShapes(options.now);
  const services = servicesByTeam(
    options.services,
    options.groups,
    options.teamOfGroup,
  );
  return options.teams.flatMap(team => {
    const shape = shapes[team.name];
    if (!shape) {
      return [];
    }
    const { fixedBeforeNow, ...rest } = shape;
    return [
      {
        teamId: team.id,
        services: services.get(team.name) ?? [team.name],
        ...rest,
        fixed: (fixedBeforeNow ?? []).map(before => options.now - before),
      },
    ];
  });
}

/**
 * Weekday pages a day per generated team when `--alerts` is not given (half at weekends):
 * 14 to 16, about 12.9 a day on average, so that 500 teams get more than a million pages.
 */
export const SCALE_WEEKDAY_PAGES = 15;

/**
 * How the scale-mode teams are paged: about `alerts` over the history, evenly spread (the
 * daily count varies by one either way; weekends get half). Each team's kinds come from its
 * services, or from four made-up components when it owns fewer.
 */
export function scaleAlertProfiles(
  teams: DemoTeam[],
  servicesOf: (team: DemoTeam, index: number) => string[],
  alerts: number | undefined,
): DemoAlertProfile[] {
  // five weekdays and two half days make six full days a week
  const weekday =
    alerts === undefined
      ? SCALE_WEEKDAY_PAGES
      : Math.round(
          ((alerts / Math.max(teams.length, 1) / ALERT_HISTORY_DAYS) * 7) / 6,
        );
  const daily =
    weekday <= 0 ? rate(0, 0) : rate(Math.max(0, weekday - 1), weekday + 1);
  return teams.map((team, index) => {
    const own = servicesOf(team, index);
    return {
      teamId: team.id,
      services:
        own.length >= 4
          ? own
          : [
              ...own,
              ...['api', 'worker', 'db', 'web']
                .map(part => `${team.name}-${part}`)
                .slice(own.length),
            ],
      daily,
      nightEvery: 9,
      escalationRate: 0.1,
      fixed: [],
    };
  });
}
