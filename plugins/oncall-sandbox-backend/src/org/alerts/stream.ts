import { hashString, uuidFor } from '../random';
import { DAY } from '../time';
import { DemoOrg, DemoSchedule, DemoTeam, DemoUser } from '../types';
import { aliasesOf } from './checks';
import { PageContext } from './context';
import { countPagesOfDay } from './counts';
import { generatePagesOfDay } from './generate';
import { pageOrigin } from './ids';
import { TeamPaging, teamPaging } from './paging';
import { ALERT_HISTORY_DAYS } from './profiles';
import { PageIntegration, SandboxPage } from './types';
import { ZoneClock } from './zoneClock';

/** Days (of a team) kept built; paging through a window asks for the same days again. */
const CACHED_DAYS = 2048;

/** Days since 1970-01-01 UTC of an instant. */
export function dayOf(t: number): number {
  return Math.floor(t / DAY);
}

/**
 * The demo org's Opsgenie alerts (pages): deterministic from the seed and the org, for any
 * day, and never stored. A day's pages of one team are built when asked for (and a few
 * thousand such days are kept); counting them needs no building at all, so a million pages
 * cost nothing until someone reads them.
 *
 * @public
 */
export class PageStream {
  /** Every paged team, in the order of the org's alert profiles. */
  readonly teams: readonly TeamPaging[];
  private readonly byRef = new Map<string, TeamPaging>();
  private readonly ctx: PageContext;
  private readonly cache = new Map<string, SandboxPage[]>();
  private aliasTeams?: Map<string, TeamPaging>;

  constructor(org: DemoOrg) {
    const users = new Map<string, DemoUser>(org.users.map(u => [u.id, u]));
    const teams = new Map<string, DemoTeam>(org.teams.map(t => [t.id, t]));
    const schedules = new Map<string, DemoSchedule>(
      org.schedules.map(s => [s.id, s]),
    );
    const integrations = new Map<string, PageIntegration>();
    this.ctx = {
      seed: org.seed,
      seedKey: hashString(`pages:${org.seed}`),
      clock: new ZoneClock(),
      user: id => users.get(id),
      integration: name => {
        let integration = integrations.get(name);
        if (!integration) {
          integration = {
            id: uuidFor(org.seed, 'integration', name),
            name,
            type: name,
          };
          integrations.set(name, integration);
        }
        return integration;
      },
    };
    const paged: TeamPaging[] = [];
    for (const profile of org.alertProfiles) {
      const paging = teamPaging(org, profile, paged.length, {
        team: id => teams.get(id),
        schedule: id => schedules.get(id),
        user: id => users.get(id),
      });
      if (paging) {
        paged.push(paging);
        this.byRef.set(paging.team.id, paging);
        this.byRef.set(paging.team.name.toLocaleLowerCase('en-US'), paging);
      }
    }
    this.teams = paged;
  }

  /** Creation times served at `now`: the last 180 days, `now` included. */
  windowAt(now: number): { start: number; end: number } {
    return { start: now - ALERT_HISTORY_DAYS * DAY, end: now };
  }

  /** A paged team by id or (case-insensitive) name. */
  team(ref: string): TeamPaging | undefined {
    return (
      this.byRef.get(ref) ?? this.byRef.get(ref.toLocaleLowerCase('en-US'))
    );
  }

  /** How many pages the team gets on `day`, without building them. */
  countDay(team: TeamPaging, day: number): number {
    return countPagesOfDay(this.ctx, team, day);
  }

  /** The team's pages created on `day`, sorted by creation (built once, then kept a while). */
  day(team: TeamPaging, day: number): SandboxPage[] {
    const key = `${team.index}:${day}`;
    const cached = this.cache.get(key);
    if (cached) {
      return cached;
    }
    const pages = generatePagesOfDay(this.ctx, team, day);
    if (this.cache.size >= CACHED_DAYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) {
        this.cache.delete(oldest);
      }
    }
    this.cache.set(key, pages);
    return pages;
  }

  /** Every page of the team created in [from, to] (epoch ms, both included), oldest first. */
  between(team: TeamPaging, from: number, to: number): SandboxPage[] {
    const pages: SandboxPage[] = [];
    for (let d = dayOf(from); d <= dayOf(to); d++) {
      for (const page of this.day(team, d)) {
        if (page.createdAt >= from && page.createdAt <= to) {
          pages.push(page);
        }
      }
    }
    return pages;
  }

  /** The page with this id or tiny id, if it exists at `now`. */
  find(
    identifier: string,
    type: 'id' | 'tiny',
    now: number,
  ): SandboxPage | undefined {
    const origin = pageOrigin(identifier, type);
    const team = origin && this.teams[origin.team];
    if (!origin || !team) {
      return undefined;
    }
    const page = this.day(team, origin.day)[origin.rank];
    const window = this.windowAt(now);
    const matches = type === 'id' ? page?.id : page?.tinyId;
    return page &&
      matches === identifier &&
      page.createdAt >= window.start &&
      page.createdAt <= window.end
      ? page
      : undefined;
  }

  /** The latest page with this alias at `now`: the open one, if any. */
  findByAlias(alias: string, now: number): SandboxPage | undefined {
    if (!this.aliasTeams) {
      this.aliasTeams = new Map();
      for (const team of this.teams) {
        for (const a of aliasesOf(team.profile)) {
          this.aliasTeams.set(a, team);
        }
      }
    }
    const team = this.aliasTeams.get(alias);
    if (!team) {
      return undefined;
    }
    const window = this.windowAt(now);
    for (let d = dayOf(window.end); d >= dayOf(window.start); d--) {
      const pages = this.day(team, d);
      for (let i = pages.length - 1; i >= 0; i--) {
        const page = pages[i];
        if (
          page.alias === alias &&
          page.createdAt <= window.end &&
          page.createdAt >= window.start
        ) {
          return page;
        }
      }
    }
    return undefined;
  }
}
