import { scaleAlertProfiles } from './alerts/profiles';
import { IncidentContext, buildIncident } from './incidents';
import { makeUser } from './people';
import { Random, uuidFor } from './random';
import { makeSlo } from './slos';
import { DAY, HOUR, MINUTE, startOfDay } from './time';
import { anchorWeekly } from './weeklyAnchors';
import {
  DemoAlertProfile,
  DemoEscalation,
  DemoGroup,
  DemoIncident,
  DemoScale,
  DemoSchedule,
  DemoService,
  DemoSlo,
  DemoSloHealth,
  DemoTeam,
  DemoUser,
} from './types';

/** Extra, generated organisation parts for scale mode. */
export interface ScaleParts {
  groups: DemoGroup[];
  users: DemoUser[];
  teams: DemoTeam[];
  schedules: DemoSchedule[];
  escalations: DemoEscalation[];
  services: DemoService[];
  incidents: DemoIncident[];
  slos: DemoSlo[];
  alertProfiles: DemoAlertProfile[];
}

function scaleTeams(seed: number, now: number, count: number) {
  const parts: Omit<
    ScaleParts,
    'services' | 'incidents' | 'slos' | 'alertProfiles'
  > = {
    groups: [],
    users: [],
    teams: [],
    schedules: [],
    escalations: [],
  };
  const random = new Random(seed, 'scale-teams');
  for (let i = 1; i <= count; i++) {
    const name = `scale-team-${i}`;
    parts.groups.push({
      name,
      title: `Scale team ${i}`,
      parent: 'engineering',
    });
    const users = [1, 2, 3].map(j =>
      makeUser(
        seed,
        now,
        `Scale User ${i} ${j}`,
        name,
        `scale.user${i}.${j}@example.com`,
        `scale.user${i}.${j}`,
      ),
    );
    parts.users.push(...users);
    const team: DemoTeam = {
      id: uuidFor(seed, 'team', name),
      name,
      description: `Generated team ${i}`,
      members: users.map((u, j) => ({
        userId: u.id,
        role: j === 0 ? 'admin' : 'user',
      })),
    };
    parts.teams.push(team);
    const scheduleName = `${name}_schedule`;
    const handoff = startOfDay(now) + random.int(1, 6) * DAY + 9 * HOUR;
    const schedule: DemoSchedule = {
      id: uuidFor(seed, 'schedule', scheduleName),
      name: scheduleName,
      description: `${name} on-call rotation`,
      timezone: 'UTC',
      enabled: true,
      ownerTeamId: team.id,
      overrides: [],
      rotations: [
        {
          id: uuidFor(seed, 'rotation', `${scheduleName}/primary`),
          name: 'primary',
          startDate: anchorWeekly(
            handoff,
            users.length,
            random.int(0, users.length - 1),
          ),
          type: 'weekly',
          length: 1,
          participants: users.map(u => ({ type: 'user', id: u.id })),
        },
      ],
    };
    parts.schedules.push(schedule);
    parts.escalations.push({
      id: uuidFor(seed, 'escalation', `${name}_escalation`),
      name: `${name}_escalation`,
      description: `Escalation policy of ${name}`,
      ownerTeamId: team.id,
      rules: [
        {
          condition: 'if-not-acked',
          notifyType: 'default',
          delayMinutes: 0,
          recipient: { type: 'schedule', id: schedule.id },
        },
        {
          condition: 'if-not-acked',
          notifyType: 'all',
          delayMinutes: 15,
          recipient: { type: 'team', id: team.id },
        },
      ],
    });
  }
  return parts;
}

const TIMEFRAMES: ReadonlyArray<DemoSlo['timeframe']> = ['7d', '30d', '90d'];

function scaleHealth(random: Random): DemoSloHealth {
  const r = random.next();
  if (r < 0.05) return 'breached';
  if (r < 0.15) return 'warning';
  if (r < 0.18) return 'no_data';
  return 'healthy';
}

/** Generates `scale` extra teams, services, incidents and SLOs on top of the demo org. */
export function generateScale(
  seed: number,
  now: number,
  scale: DemoScale,
  demoGroups: string[],
  demoServices: string[],
  incidentContext: IncidentContext,
  firstIncidentId: number,
): ScaleParts {
  const teams = scaleTeams(seed, now, scale.teams);
  const owners =
    teams.groups.length > 0 ? teams.groups.map(g => g.name) : demoGroups;
  const services: DemoService[] = [];
  for (let i = 1; i <= scale.services; i++) {
    const name = `scale-svc-${i}`;
    services.push({
      name,
      kind: 'Component',
      type: 'service',
      system: 'scale',
      owner: owners[(i - 1) % owners.length],
      description: `Generated service ${i}`,
      blamelessService: name,
    });
  }
  const incidentServices =
    services.length > 0 ? services.map(s => s.name) : demoServices;
  const random = new Random(seed, 'scale-incidents');
  const created: number[] = [];
  for (let i = 0; i < scale.incidents; i++) {
    created.push(now - random.int(2 * 24 * 60, 365 * 24 * 60) * MINUTE);
  }
  created.sort((a, b) => a - b);
  const incidents = created.map((t, i) =>
    buildIncident(incidentContext, firstIncidentId + i, {
      service: incidentServices[i % incidentServices.length],
      created: t,
    }),
  );
  const sloRandom = new Random(seed, 'scale-slos');
  const sloServices = services.length > 0 ? services : [];
  const slos: DemoSlo[] = [];
  for (let i = 1; i <= scale.slos; i++) {
    const service =
      sloServices.length > 0
        ? sloServices[(i - 1) % sloServices.length]
        : undefined;
    const serviceName =
      service?.name ?? demoServices[(i - 1) % demoServices.length];
    const group = service?.owner ?? 'engineering';
    slos.push(
      makeSlo(
        seed,
        now,
        {
          name: `scale SLO ${i} (${serviceName})`,
          service: serviceName,
          group,
          tags: [`service:${serviceName}`, `team:${group}`, 'env:prod'],
          type: 'metric',
          timeframe: sloRandom.pick(TIMEFRAMES),
          target: sloRandom.pick([99, 99.5, 99.9]),
        },
        scaleHealth(sloRandom),
      ),
    );
  }
  const servicesOfGroup = new Map<string, string[]>();
  for (const s of services) {
    servicesOfGroup.set(s.owner, [
      ...(servicesOfGroup.get(s.owner) ?? []),
      s.name,
    ]);
  }
  const alertProfiles = scaleAlertProfiles(
    teams.teams,
    team => servicesOfGroup.get(team.name) ?? [],
    scale.alerts,
  );
  return { ...teams, services, incidents, slos, alertProfiles };
}
