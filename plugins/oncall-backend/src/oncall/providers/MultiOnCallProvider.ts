import { LoggerService } from '@backstage/backend-plugin-api';
import {
  OnCallProviderType,
  RotationSource,
} from '@oncall-for-backstage/plugin-oncall-common';
import type * as api from '../OnCallProvider';
import { decideCollision } from './decideCollision';
import {
  NamedOnCallProvider,
  ProviderFailure,
  TeamCollision,
} from './multiProviderTypes';

export type {
  NamedOnCallProvider,
  ProviderFailure,
  TeamCollision,
} from './multiProviderTypes';

const SEP = ':';
const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * One {@link api.OnCallProvider} over several named providers, so the store, sync and services
 * (written against one provider) serve them all. Ids of the first (default) provider are kept
 * as they are; ids of every other provider are namespaced `<providerId>:<id>`, and every call
 * routes by that prefix. Lists are the union of what answered; a team name in several
 * providers is served from one (`teamProviders`, then `prefer`, else the default provider —
 * reported as ambiguous in {@link MultiOnCallProvider.collisions}).
 */
export class MultiOnCallProvider implements api.OnCallProvider {
  readonly id: api.OnCallProvider['id'];
  readonly #providers: NamedOnCallProvider[];
  readonly #prefer: string[];
  readonly #teamProviders: Map<string, string>;
  readonly #logger?: LoggerService;
  readonly #onFailure?: (provider: NamedOnCallProvider, error: unknown) => void;
  readonly #onSuccess?: (provider: NamedOnCallProvider) => void;
  #collisions: TeamCollision[] = [];
  #failures = new Map<string, ProviderFailure>();
  /** Namespaced team ids left out of the union (lost a name collision). */
  #excludedTeams = new Set<string>();
  #teamsListing?: Promise<api.OnCallTeam[]>;
  /** Each provider's last successful answer per listing, served while it fails. */
  #lastGood = new Map<string, unknown[]>();
  /** Lower-case team name → namespaced id of the team served under that name. */
  #teamIdsByName = new Map<string, string>();

  constructor(options: {
    providers: NamedOnCallProvider[];
    prefer?: string[];
    teamProviders?: Map<string, string>;
    logger?: LoggerService;
    /** Called for each provider failing a listing (e.g. to record it as stale). */
    onFailure?: (provider: NamedOnCallProvider, error: unknown) => void;
    /** Called for each provider answering a listing. */
    onSuccess?: (provider: NamedOnCallProvider) => void;
  }) {
    if (!options.providers.length) {
      throw new Error('MultiOnCallProvider needs at least one provider');
    }
    this.#providers = options.providers;
    this.id = options.providers[0].provider.id;
    this.#prefer = options.prefer ?? [];
    this.#teamProviders = options.teamProviders ?? new Map();
    this.#logger = options.logger;
    this.#onFailure = options.onFailure;
    this.#onSuccess = options.onSuccess;
  }

  /** Team names found in several providers, from the last team listing. */
  collisions(): TeamCollision[] {
    return [...this.#collisions];
  }

  /** Providers that failed their last listing. */
  failures(): ProviderFailure[] {
    return [...this.#failures.values()];
  }

  /** The provider an id (team, schedule, escalation, request) belongs to. */
  providerOf(id: string): NamedOnCallProvider {
    const index = id.indexOf(SEP);
    if (index > 0) {
      const prefix = id.slice(0, index);
      const found = this.#providers.find((p, i) => i > 0 && p.id === prefix);
      if (found) {
        return found;
      }
    }
    return this.#providers[0];
  }

  /**
   * The provider serving a team name (from the last team listing), and the collision it was
   * part of, if any. Undefined for a name no provider listed.
   */
  teamSource(
    teamName: string,
    storedTeamId?: string,
  ):
    | {
        providerId: string;
        provider: OnCallProviderType;
        collision?: TeamCollision;
      }
    | undefined {
    // the last listing, else the store's id (after a restart, or on a replica whose scheduler
    // has not run the sync yet): the id's prefix names the provider
    const teamId = this.#teamIdsByName.get(lower(teamName)) ?? storedTeamId;
    if (teamId === undefined) {
      return undefined;
    }
    const named = this.providerOf(teamId);
    const collision = this.#collisions.find(
      c => lower(c.team) === lower(teamName),
    );
    return {
      providerId: named.id,
      provider: named.type,
      ...(collision ? { collision } : {}),
    };
  }

  /** Where a schedule comes from, for `rotations[].source`. */
  sourceOf(schedule: api.ScheduleRef): RotationSource {
    const named = this.providerOf(schedule.id);
    return {
      provider: named.type,
      providerId: named.id,
      url: this.scheduleUrl(schedule),
    };
  }

  #wrap(named: NamedOnCallProvider, id: string): string {
    return named === this.#providers[0] ? id : `${named.id}${SEP}${id}`;
  }

  #unwrap(id: string): { named: NamedOnCallProvider; id: string } {
    const named = this.providerOf(id);
    return {
      named,
      id: named === this.#providers[0] ? id : id.slice(named.id.length + 1),
    };
  }

  #team<T extends api.OnCallTeam | undefined>(
    named: NamedOnCallProvider,
    team: T,
  ): T {
    return (team ? { ...team, id: this.#wrap(named, team.id) } : team) as T;
  }

  /** Runs a listing on every provider; failures are recorded, never blank the others. */
  async #all<T>(
    kind: 'teams' | 'schedules' | 'escalations' | 'users',
    list: (p: api.OnCallProvider) => Promise<T[]>,
  ): Promise<Array<{ named: NamedOnCallProvider; items: T[] }>> {
    const settled = await Promise.allSettled(
      this.#providers.map(named => list(named.provider)),
    );
    const answered: Array<{ named: NamedOnCallProvider; items: T[] }> = [];
    const errors: unknown[] = [];
    settled.forEach((result, index) => {
      const named = this.#providers[index];
      if (result.status === 'fulfilled') {
        this.#failures.delete(named.id);
        this.#onSuccess?.(named);
        this.#lastGood.set(`${named.id}/${kind}`, result.value);
        answered.push({ named, items: result.value });
      } else {
        const message =
          result.reason instanceof Error
            ? result.reason.message
            : String(result.reason);
        this.#failures.set(named.id, { providerId: named.id, error: message });
        this.#logger?.warn('On-call provider failed', {
          provider: named.id,
          error: message,
        });
        this.#onFailure?.(named, result.reason);
        errors.push(result.reason);
        // keep serving what it last answered (stale, and reported so) rather than dropping
        // its teams from the store until it answers again
        const last = this.#lastGood.get(`${named.id}/${kind}`) as
          | T[]
          | undefined;
        if (last) {
          answered.push({ named, items: last });
        }
      }
    });
    if (errors.length === this.#providers.length) {
      // nothing answered: the sync's own failure handling marks everything stale
      throw errors[0];
    }
    return answered;
  }

  async #listTeams(): Promise<api.OnCallTeam[]> {
    const answered = await this.#all('teams', p => p.listTeams());
    const byName = new Map<
      string,
      Array<{ named: NamedOnCallProvider; team: api.OnCallTeam }>
    >();
    for (const { named, items } of answered) {
      for (const team of items) {
        const key = lower(team.name);
        byName.set(key, [...(byName.get(key) ?? []), { named, team }]);
      }
    }
    const collisions: TeamCollision[] = [];
    const excluded = new Set<string>();
    const teams: api.OnCallTeam[] = [];
    for (const entries of byName.values()) {
      const ids = [...new Set(entries.map(e => e.named.id))];
      let kept = entries;
      if (ids.length > 1) {
        const collision = decideCollision(entries[0].team.name, ids, {
          defaultId: this.#providers[0].id,
          teamProviders: this.#teamProviders,
          prefer: this.#prefer,
        });
        collisions.push(collision);
        kept = entries.filter(e => e.named.id === collision.kept);
        for (const e of entries) {
          if (e.named.id !== collision.kept) {
            excluded.add(this.#wrap(e.named, e.team.id));
          }
        }
      }
      teams.push(...kept.map(e => this.#team(e.named, e.team)));
    }
    this.#collisions = collisions;
    this.#excludedTeams = excluded;
    this.#teamIdsByName = new Map(teams.map(t => [lower(t.name), t.id]));
    for (const collision of collisions) {
      this.#logger?.[collision.ambiguous ? 'warn' : 'info'](
        'On-call team found in several providers',
        {
          team: collision.team,
          providers: collision.providerIds.join(','),
          kept: collision.kept,
          via: collision.via,
        },
      );
    }
    return teams;
  }

  /** The team union; schedules/escalations listed alongside wait for it to exclude losers. */
  listTeams(): Promise<api.OnCallTeam[]> {
    const listing = this.#listTeams();
    this.#teamsListing = listing;
    return listing;
  }

  async #excluded(): Promise<Set<string>> {
    if (this.#teamsListing) {
      await this.#teamsListing.catch(() => undefined);
    }
    return this.#excludedTeams;
  }

  /**
   * What the providers answered of something teams own (schedules, escalation policies), ids
   * namespaced, without what belongs to a team left out of the union.
   */
  async #teamOwned<T extends { id: string; ownerTeam?: api.OnCallTeam }>(
    answered: Array<{ named: NamedOnCallProvider; items: T[] }>,
  ): Promise<T[]> {
    const excluded = await this.#excluded();
    return answered
      .flatMap(({ named, items }) =>
        items.map(item => ({
          ...item,
          id: this.#wrap(named, item.id),
          ownerTeam: this.#team(named, item.ownerTeam),
        })),
      )
      .filter(item => !item.ownerTeam || !excluded.has(item.ownerTeam.id));
  }

  async getTeam(teamId: string): Promise<api.OnCallTeamDetails> {
    const { named, id } = this.#unwrap(teamId);
    const team = await named.provider.getTeam(id);
    return { ...team, id: this.#wrap(named, team.id) };
  }

  async listSchedules(): Promise<api.OnCallSchedule[]> {
    return this.#teamOwned(
      await this.#all('schedules', p => p.listSchedules()),
    );
  }

  async getTimeline(
    scheduleId: string,
    from: Date,
    to: Date,
  ): Promise<api.ScheduleTimeline> {
    const { named, id } = this.#unwrap(scheduleId);
    const timeline = await named.provider.getTimeline(id, from, to);
    return { ...timeline, scheduleId: this.#wrap(named, timeline.scheduleId) };
  }

  async listEscalations(): Promise<api.EscalationPolicy[]> {
    return this.#teamOwned(
      await this.#all('escalations', p => p.listEscalations()),
    );
  }

  async listUsers(): Promise<api.OnCallUser[]> {
    const answered = await this.#all('users', p => p.listUsers());
    const seen = new Set<string>();
    const users: api.OnCallUser[] = [];
    for (const { named, items } of answered) {
      for (const user of items) {
        const key = lower(user.email ?? user.username);
        if (seen.has(key)) {
          continue;
        }
        seen.add(key);
        users.push({ ...user, id: this.#wrap(named, user.id) });
      }
    }
    return users;
  }

  /**
   * Who is on call at `at` in the schedules of each provider that answers that in one request.
   * A provider that cannot, or fails to, leaves its schedules out: the sync reads their teams
   * at every run instead.
   */
  async onCallsAt(at: Date): Promise<api.ScheduleOnCalls[]> {
    const settled = await Promise.allSettled(
      this.#providers.map(async named =>
        (named.provider.onCallsAt
          ? await named.provider.onCallsAt(at)
          : []
        ).map(answer => ({
          ...answer,
          scheduleId: this.#wrap(named, answer.scheduleId),
        })),
      ),
    );
    return settled.flatMap(r => (r.status === 'fulfilled' ? r.value : []));
  }

  /** `alert.team` is a team name: routed to the provider serving that name (listed if unknown). */
  async createAlert(alert: api.AlertRequest): Promise<{ requestId: string }> {
    let teamId = this.#teamIdsByName.get(lower(alert.team));
    if (teamId === undefined) {
      await this.listTeams().catch(() => undefined);
      teamId = this.#teamIdsByName.get(lower(alert.team));
    }
    const named =
      teamId === undefined ? this.#providers[0] : this.providerOf(teamId);
    const { requestId } = await named.provider.createAlert(alert);
    return { requestId: this.#wrap(named, requestId) };
  }

  async getRequestStatus(requestId: string): Promise<api.RequestStatus> {
    const { named, id } = this.#unwrap(requestId);
    return named.provider.getRequestStatus(id);
  }

  async waitForRequest(
    requestId: string,
    timeoutMs: number,
  ): Promise<api.RequestStatus> {
    const { named, id } = this.#unwrap(requestId);
    return named.provider.waitForRequest(id, timeoutMs);
  }

  scheduleUrl(schedule: api.ScheduleRef): string | undefined {
    const { named, id } = this.#unwrap(schedule.id);
    const owner = schedule.ownerTeam && this.#unwrap(schedule.ownerTeam.id);
    return named.provider.scheduleUrl({
      id,
      name: schedule.name,
      ...(owner?.named === named ? { ownerTeam: { id: owner.id } } : {}),
    });
  }
}
