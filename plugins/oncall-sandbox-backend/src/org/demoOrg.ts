import { demoAlertProfiles } from './alerts/profiles';
import { DEMO_GROUPS, DEMO_SERVICES, DEMO_SYSTEMS } from './catalogData';
import { IncidentContext, demoIncidents, sortByUpdated } from './incidents';
import { OPSGENIE_TEAM_OF_GROUP, demoOpsgenie } from './opsgenieOrg';
import { demoUsers } from './people';
import { participantAt } from './rotation';
import { generateScale } from './scale';
import { demoSlosAndMonitors } from './slos';
import { DemoOrg, DemoScale } from './types';

/** Options of {@link createDemoOrg}. @public */
export interface CreateDemoOrgOptions {
  seed: number;
  now: Date;
  scale?: Partial<DemoScale>;
}

/** Name of the schedule supplying the Incident Commander. @public */
export const INCIDENT_COMMANDER_SCHEDULE = 'sre_ic_schedule';

/**
 * Generates the demo organisation deterministically from a seed, relative to `now`.
 * The same seed and `now` always give the same org.
 *
 * @public
 */
export function createDemoOrg(options: CreateDemoOrgOptions): DemoOrg {
  const seed = options.seed;
  const now = options.now.getTime();
  const users = demoUsers(seed, now);
  const { teams, schedules, escalations } = demoOpsgenie(seed, now, users);
  const ic = schedules.find(s => s.name === INCIDENT_COMMANDER_SCHEDULE)!;
  const sre = users.filter(u => u.group === 'sre');
  const incidentContext: IncidentContext = {
    seed,
    now,
    commanderAt: t => {
      const period = participantAt(ic, ic.rotations[0], t);
      return period?.participant.id ?? sre[0].id;
    },
    reporterFor: random => random.pick(users).slackId,
  };
  const services = [...DEMO_SERVICES];
  const incidentServices = services
    .filter(s => s.kind === 'Component')
    .map(s => s.blamelessService);
  const incidents = demoIncidents(incidentContext, incidentServices);
  const { slos, monitors } = demoSlosAndMonitors(seed, now, services);
  const org: DemoOrg = {
    seed,
    generatedAt: now,
    groups: [...DEMO_GROUPS],
    users,
    teams,
    schedules,
    escalations,
    systems: [...DEMO_SYSTEMS],
    services,
    incidents,
    slos,
    monitors,
    incidentCommanderSchedule: INCIDENT_COMMANDER_SCHEDULE,
    alertProfiles: demoAlertProfiles({
      now,
      teams,
      services,
      groups: DEMO_GROUPS,
      teamOfGroup: OPSGENIE_TEAM_OF_GROUP,
    }),
  };
  const scale = options.scale;
  if (
    scale &&
    (scale.teams || scale.services || scale.incidents || scale.slos)
  ) {
    const cheapContext: IncidentContext = {
      ...incidentContext,
      commanderAt: t => sre[Math.floor(t / 604_800_000) % sre.length].id,
    };
    const extra = generateScale(
      seed,
      now,
      {
        teams: scale.teams ?? 0,
        services: scale.services ?? 0,
        incidents: scale.incidents ?? 0,
        slos: scale.slos ?? 0,
        alerts: scale.alerts,
      },
      DEMO_GROUPS.map(g => g.name),
      incidentServices,
      cheapContext,
      1001 + incidents.length,
    );
    org.groups.push(...extra.groups);
    org.users.push(...extra.users);
    org.teams.push(...extra.teams);
    org.schedules.push(...extra.schedules);
    org.escalations.push(...extra.escalations);
    org.services.push(...extra.services);
    org.incidents = sortByUpdated([...incidents, ...extra.incidents]);
    org.slos.push(...extra.slos);
    org.alertProfiles.push(...extra.alertProfiles);
    if (extra.services.length > 0) {
      org.systems.push({
        name: 'scale',
        owner: 'engineering',
        description: 'Generated services (scale mode).',
      });
    }
  }
  return org;
}
