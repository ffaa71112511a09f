import { CacheService } from '@backstage/backend-plugin-api';
import {
  Rotation,
  RotationSource,
} from '@oncall-for-backstage/plugin-oncall-common';
import { buildRotation } from '../chain/buildRotation';
import { untilNextChange } from '../chain/nextChange';
import { OnCallProvider, OnCallSchedule, OnCallUser } from '../OnCallProvider';
import { OnCallStore, TeamData } from '../OnCallStore';
import { OnCallSync } from '../OnCallSync';

const HORIZON_MS = 14 * 24 * 60 * 60 * 1000;
/** How long a built rotation is served from the cache at most. */
const DEFAULT_CACHE_TTL_MS = 30_000;

/**
 * Reads rotations from the store (warming it on a cold miss), with a short-lived cache that
 * never outlives the next handoff or shift change it shows.
 */
export class RotationReader {
  constructor(
    private readonly options: {
      store: OnCallStore;
      sync: OnCallSync;
      provider: OnCallProvider;
      cache: CacheService;
      /** How long a built rotation is served from the cache at most (default 30 s). */
      cacheTtlMs?: number;
      /** Where a schedule comes from (several providers): sets `rotations[].source`. */
      sourceOf?: (schedule: OnCallSchedule) => RotationSource;
      now?: () => Date;
    },
  ) {}

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
    const cached = await this.options.cache.get(cacheKey);
    if (typeof cached === 'string') {
      return JSON.parse(cached);
    }
    const result = await this.#read(teamName, pinned);
    if (result) {
      await this.#remember(cacheKey, JSON.stringify(result), result.rotations);
    }
    return result;
  }

  /** The rotation of one schedule, without escalation (the Incident Commander). */
  async forSchedule(scheduleName: string): Promise<Rotation | undefined> {
    const cacheKey = `schedule:v1:${scheduleName.toLocaleLowerCase('en-US')}`;
    const cached = await this.options.cache.get(cacheKey);
    if (typeof cached === 'string') {
      return JSON.parse(cached);
    }
    const schedules = await this.#findSchedules([scheduleName]);
    const schedule = schedules[0];
    if (!schedule) {
      return undefined;
    }
    const data = schedule.ownerTeam
      ? await this.options.sync.ensureTeam(schedule.ownerTeam.name)
      : undefined;
    const [rotation] = await this.#build([schedule], data, false);
    if (rotation) {
      await this.#remember(cacheKey, JSON.stringify(rotation), [rotation]);
    }
    return rotation;
  }

  /**
   * Caches built rotations until just before the first handoff or shift change they show
   * (a cache serves an entry up to and including its expiry instant), 30 s at most.
   */
  async #remember(key: string, value: string, rotations: Rotation[]) {
    const change = untilNextChange(
      rotations,
      this.options.now?.() ?? new Date(),
    );
    const ttl = Math.min(
      this.options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS,
      change === undefined ? Number.POSITIVE_INFINITY : change - 1,
    );
    if (ttl > 0) {
      await this.options.cache.set(key, value, { ttl });
    }
  }

  async #read(
    teamName: string | undefined,
    pinned: string[] | undefined,
  ): Promise<{ team?: string; rotations: Rotation[] } | undefined> {
    if (pinned && pinned.length > 0) {
      const schedules = await this.#findSchedules(pinned);
      const owner = teamName ?? schedules[0]?.ownerTeam?.name;
      const data = owner
        ? await this.options.sync.ensureTeam(owner)
        : undefined;
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
    const data = await this.options.sync.ensureTeam(teamName);
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
    let found = await this.options.store.findSchedulesByName(names);
    if (found.length < names.length) {
      // Cold: the schedule's team may not be synced yet; warm the directory and retry.
      await this.options.sync.ensureDirectory();
      found = await this.options.store.findSchedulesByName(names);
    }
    for (const owner of new Set(found.map(s => s.ownerTeam?.name))) {
      if (owner) {
        await this.options.sync.ensureTeam(owner);
      }
    }
    const refreshed = await this.options.store.findSchedulesByName(names);
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
    const now = this.options.now?.() ?? new Date();
    const until = new Date(now.getTime() + HORIZON_MS);
    const periods = await this.options.store.getPeriods(
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
      (await this.options.store.getUsers(usernames)).map(u => [
        u.username.toLocaleLowerCase('en-US'),
        u,
      ]),
    );
    const escalation = data?.escalations.find(e => e.rules.length > 0);
    return schedules.map(schedule => {
      const rotation = buildRotation({
        schedule,
        team: data?.team.id === schedule.ownerTeam?.id ? data?.team : undefined,
        escalation:
          data?.team.id === schedule.ownerTeam?.id ? escalation : undefined,
        withEscalation,
        periods: periods.filter(p => p.scheduleId === schedule.id),
        users,
        now,
        url: this.options.provider.scheduleUrl(schedule),
      });
      return this.options.sourceOf
        ? { ...rotation, source: this.options.sourceOf(schedule) }
        : rotation;
    });
  }
}
