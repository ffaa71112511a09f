import {
  DemoEscalation,
  DemoIncident,
  DemoMonitor,
  DemoOrg,
  DemoSchedule,
  DemoSlo,
  DemoTeam,
  DemoUser,
} from './types';

function byKey<T>(
  items: T[],
  key: (item: T) => string | number,
): Map<string | number, T> {
  return new Map(items.map(item => [key(item), item]));
}

/** Lookup tables over a {@link DemoOrg}, built once per sandbox. */
export class OrgIndex {
  readonly usersById: Map<string | number, DemoUser>;
  readonly usersByEmail: Map<string | number, DemoUser>;
  readonly teamsById: Map<string | number, DemoTeam>;
  readonly teamsByName: Map<string | number, DemoTeam>;
  readonly schedulesById: Map<string | number, DemoSchedule>;
  readonly schedulesByName: Map<string | number, DemoSchedule>;
  readonly escalationsById: Map<string | number, DemoEscalation>;
  readonly escalationsByName: Map<string | number, DemoEscalation>;
  readonly incidentsById: Map<string | number, DemoIncident>;
  readonly slosById: Map<string | number, DemoSlo>;
  readonly monitorsById: Map<string | number, DemoMonitor>;

  constructor(readonly org: DemoOrg) {
    this.usersById = byKey(org.users, u => u.id);
    this.usersByEmail = byKey(org.users, u => u.email);
    this.teamsById = byKey(org.teams, t => t.id);
    this.teamsByName = byKey(org.teams, t => t.name);
    this.schedulesById = byKey(org.schedules, s => s.id);
    this.schedulesByName = byKey(org.schedules, s => s.name);
    this.escalationsById = byKey(org.escalations, e => e.id);
    this.escalationsByName = byKey(org.escalations, e => e.name);
    this.incidentsById = byKey(org.incidents, i => i.id);
    this.slosById = byKey(org.slos, s => s.id);
    this.monitorsById = byKey(org.monitors, m => m.id);
  }

  /** Index of the first incident (sorted by `updated` desc) with `updated < bound`. */
  firstIncidentUpdatedBefore(bound: number): number {
    const list = this.org.incidents;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].updated >= bound) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
