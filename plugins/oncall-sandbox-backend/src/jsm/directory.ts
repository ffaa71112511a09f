import { OrgIndex } from '../org/orgIndex';
import { hexIdFor, uuidFor } from '../org/random';
import {
  DemoEscalation,
  DemoParticipant,
  DemoSchedule,
  DemoTeam,
  DemoUser,
} from '../org/types';

/**
 * Demo teams served by JSM Operations: `discovery` has moved there completely (its
 * `discovery-ops` and Berlin `discovery-eu` teams), `storefront` is mid-migration (its New
 * York `storefront-us` team is in Opsgenie and JSM with the same names).
 *
 * @public
 */
export const JSM_DEMO_TEAMS: readonly string[] = [
  'discovery-ops',
  'discovery-eu',
  'storefront-us',
];

/** In scale mode every third generated team (`scale-team-3`, `-6`, …) is on JSM too. */
function isJsmTeam(team: DemoTeam): boolean {
  const scale = /^scale-team-(\d+)$/.exec(team.name);
  return scale
    ? Number(scale[1]) % 3 === 0
    : JSM_DEMO_TEAMS.includes(team.name);
}

/** A participant as JSM names it: account ids for users, platform team UUIDs for teams. */
export interface JsmParticipant {
  type: 'user' | 'team' | 'escalation';
  id: string;
}

/**
 * The demo org as JSM Operations sees it: the same people, teams, rotations and escalations as
 * the Opsgenie fake, under JSM's own ids (Atlassian account ids, platform team UUIDs).
 */
export class JsmDirectory {
  readonly teams: DemoTeam[];
  readonly schedules: DemoSchedule[];
  private readonly teamIds = new Map<string, string>();
  private readonly teamsByJsmId = new Map<string, DemoTeam>();
  private readonly schedulesByJsmId = new Map<string, DemoSchedule>();
  private readonly escalationsByTeam = new Map<string, DemoEscalation[]>();
  private readonly accounts = new Map<string, string>();
  private readonly usersByAccount = new Map<string, DemoUser>();

  constructor(readonly index: OrgIndex) {
    const seed = index.org.seed;
    this.teams = index.org.teams.filter(isJsmTeam);
    for (const team of this.teams) {
      const id = uuidFor(seed, 'jsm-team', team.id);
      this.teamIds.set(team.id, id);
      this.teamsByJsmId.set(id, team);
    }
    this.schedules = index.org.schedules.filter(s =>
      this.teamIds.has(s.ownerTeamId),
    );
    for (const s of this.schedules) {
      this.schedulesByJsmId.set(this.scheduleId(s), s);
    }
    for (const e of index.org.escalations) {
      const teamId = this.teamIds.get(e.ownerTeamId);
      if (teamId) {
        this.escalationsByTeam.set(teamId, [
          ...(this.escalationsByTeam.get(teamId) ?? []),
          e,
        ]);
      }
    }
    for (const u of index.org.users) {
      const account = hexIdFor(seed, 'jsm-account', u.id).slice(0, 24);
      this.accounts.set(u.id, account);
      this.usersByAccount.set(account, u);
    }
  }

  teamId(team: DemoTeam): string {
    return this.teamIds.get(team.id) ?? '';
  }

  teamByJsmId(id: string): DemoTeam | undefined {
    return this.teamsByJsmId.get(id);
  }

  /** The JSM team id of a demo team id, whether or not the team is on JSM. */
  teamIdOf(demoTeamId: string): string {
    return (
      this.teamIds.get(demoTeamId) ??
      uuidFor(this.index.org.seed, 'jsm-team', demoTeamId)
    );
  }

  scheduleId(schedule: DemoSchedule): string {
    return uuidFor(this.index.org.seed, 'jsm-schedule', schedule.id);
  }

  scheduleByJsmId(id: string): DemoSchedule | undefined {
    return this.schedulesByJsmId.get(id);
  }

  rotationId(demoRotationId: string): string {
    return uuidFor(this.index.org.seed, 'jsm-rotation', demoRotationId);
  }

  escalationId(escalation: DemoEscalation): string {
    return uuidFor(this.index.org.seed, 'jsm-escalation', escalation.id);
  }

  escalationsOf(jsmTeamId: string): DemoEscalation[] {
    return this.escalationsByTeam.get(jsmTeamId) ?? [];
  }

  accountId(userId: string): string {
    return this.accounts.get(userId) ?? '';
  }

  userByAccount(accountId: string): DemoUser | undefined {
    return this.usersByAccount.get(accountId);
  }

  /** A rotation participant under JSM ids. */
  participant(p: DemoParticipant): JsmParticipant {
    if (p.type === 'user') {
      return { type: 'user', id: this.accountId(p.id) };
    }
    if (p.type === 'team') {
      return { type: 'team', id: this.teamIdOf(p.id) };
    }
    const escalation = this.index.escalationsById.get(p.id);
    return {
      type: 'escalation',
      id: escalation ? this.escalationId(escalation) : p.id,
    };
  }
}
