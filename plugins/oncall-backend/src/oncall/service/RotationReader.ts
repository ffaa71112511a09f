import { CacheService } from '@backstage/backend-plugin-api';
import { Rotation } from '@internal/plugin-oncall-common';
import { buildRotation } from '../chain/buildRotation';
import {
  OnCallProvider,
  OnCallSchedule,
  OnCallUser,
} from '../provider/OnCallProvider';
import { OnCallStore, TeamData } from '../store/OnCallStore';
import { OnCallRefresher } from '../sync/OnCallRefresher';

const HORIZON_MS = 14 * 24 * 60 * 60 * 1000;

/** Reads rotations from the store (warming it on a cold miss), with a short-lived cache. */
export class RotationReader {
  readonly #store: OnCallStore;
  readonly #refresher: OnCallRefresher;
  readonly #provider: OnCallProvider;
  readonly #cache: CacheService;
  readonly #now: () => Date;

  constructor(options: {
    store: OnCallStore;
    refresher: OnCallRefresher;
    provider: OnCallProvider;
    cache: CacheService;
    now?: () => Date;
  }) {
    this.#store = options.store;
    this.#refresher = options.refresher;
    this.#provider = options.provider;
    this.#cache = options.cache;
    this.#now = options.now ?? (() => new Date());
  }

  /**
   * The rotations of a team (all its enabled schedules, or the pinned ones). Undefined when
   * the team is unknown or could not be read at all.
   */
  async forTeam(
    teamName: string | undefined,
    pinned: string[] | undefined,
  ): Promise<{ team?: string; rotations: Rotation[] } | undefined> {
    const cacheKey = `rotations:v1:${(teamName ?? '').toLocaleLowerCase(
      'en-US',
    )}:${(pinned ?? []).map(p => p.toLocaleLowerCase('en-US')).join(',')}`;
    const cached = await this.#cache.get(cacheKey);
    if (typeof cached === 'string') {
      return JSON.parse(cached);
    }
    const result = await this.#read(teamName, pinned);
    if (result) {
      await this.#cache.set(cacheKey, JSON.stringify(result));
    }
    return result;
  }

  /** The rotation of one schedule, without escalation (the Incident Commander). */
  async forSchedule(scheduleName: string): Promise<Rotation | undefined> {
    const cacheKey = `schedule:v1:${scheduleName.toLocaleLowerCase('en-US')}`;
    const cached = await this.#cache.get(cacheKey);
    if (typeof cached === 'string') {
      return JSON.parse(cached);
    }
    const schedules = await this.#findSchedules([scheduleName]);
    const schedule = schedules[0];
    if (!schedule) {
      return undefined;
    }
    const data = schedule.ownerTeam
      ? await this.#refresher.ensureTeam(schedule.ownerTeam.name)
      : undefined;
    const [rotation] = await this.#build([schedule], data, false);
    if (rotation) {
      await this.#cache.set(cacheKey, JSON.stringify(rotation));
    }
    return rotation;
  }

  async #read(
    teamName: string | undefined,
    pinned: string[] | undefined,
  ): Promise<{ team?: string; rotations: Rotation[] } | undefined> {
    if (pinned && pinned.length > 0) {
      const schedules = await this.#findSchedules(pinned);
      const owner = teamName ?? schedules[0]?.ownerTeam?.name;
      const data = owner ? await this.#refresher.ensureTeam(owner) : undefined;
      if (schedules.length === 0 && !data) {
        return undefined;
      }
      return {
        team: owner,
        rotations: await this.#build(schedules, data, true),
      };
    }
    if (!teamName) {
      return undefined;
    }
    const data = await this.#refresher.ensureTeam(teamName);
    if (!data) {
      return undefined;
    }
    const schedules = data.schedules.filter(s => s.enabled);
    return {
      team: data.team.name,
      rotations: await this.#build(schedules, data, true),
    };
  }

  async #findSchedules(names: string[]): Promise<OnCallSchedule[]> {
    let found = await this.#store.findSchedulesByName(names);
    if (found.length < names.length) {
      // Cold: the schedule's team may not be synced yet; warm the directory and retry.
      await this.#refresher.ensureDirectory();
      found = await this.#store.findSchedulesByName(names);
    }
    for (const owner of new Set(found.map(s => s.ownerTeam?.name))) {
      if (owner) {
        await this.#refresher.ensureTeam(owner);
      }
    }
    const refreshed = await this.#store.findSchedulesByName(names);
    const order = names.map(n => n.toLocaleLowerCase('en-US'));
    return refreshed.sort(
      (a, b) =>
        order.indexOf(a.name.toLocaleLowerCase('en-US')) -
        order.indexOf(b.name.toLocaleLowerCase('en-US')),
    );
  }

  async #build(
    schedules: OnCallSchedule[],
    data: TeamData | undefined,
    withEscalation: boolean,
  ): Promise<Rotation[]> {
    const now = this.#now();
    const until = new Date(now.getTime() + HORIZON_MS);
    const periods = await this.#store.getPeriods(
      schedules.map(s => s.id),
      now,
      until,
    );
    const usernames = [
      ...periods.map(p => p.recipient.name ?? ''),
      ...(data?.team.members ?? []),
      ...schedules.flatMap(s =>
        s.rotations.flatMap(r => r.participants.map(p => p.name ?? '')),
      ),
    ].filter(Boolean);
    const users = new Map<string, OnCallUser>(
      (await this.#store.getUsers(usernames)).map(u => [
        u.username.toLocaleLowerCase('en-US'),
        u,
      ]),
    );
    const escalation = data?.escalations.find(e => e.rules.length > 0);
    return schedules.map(schedule =>
      buildRotation({
        schedule,
        team: data?.team.id === schedule.ownerTeam?.id ? data?.team : undefined,
        escalation:
          data?.team.id === schedule.ownerTeam?.id ? escalation : undefined,
        withEscalation,
        periods: periods.filter(p => p.scheduleId === schedule.id),
        users,
        now,
        url: this.#provider.scheduleUrl(schedule),
      }),
    );
  }
}
