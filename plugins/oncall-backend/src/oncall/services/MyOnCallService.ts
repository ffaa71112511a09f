import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MyOnCall,
  ScheduleInfo,
} from '@oncall-for-backstage/plugin-oncall-common';
import { SyncStateStore } from '../../database/SyncStateStore';
import { profileEmail } from '../../lib/profileEmail';
import { DAY_MS } from '../../lib/time';
import { OnCallProvider } from '../OnCallProvider';
import { OnCallStore } from '../OnCallStore';
import { OnCallSync } from '../OnCallSync';
import { OnCallFreshness } from './OnCallFreshness';

const HORIZON_MS = 14 * DAY_MS;
const SECONDARY = /secondary/i;

/** One shift of a user: a period of a rotation of a schedule. */
export interface UserShift {
  schedule: ScheduleInfo;
  team?: string;
  role: 'primary' | 'secondary';
  rotation: string;
  start: Date;
  end: Date;
}

/** What {@link MyOnCallService} is built from. */
export interface MyOnCallServiceOptions {
  userInfo: UserInfoService;
  catalog: CatalogService;
  store: OnCallStore;
  syncState: SyncStateStore;
  sync: OnCallSync;
  provider: OnCallProvider;
  freshness: OnCallFreshness;
  now?: () => Date;
}

/** `GET /me/on-call`: the signed-in user's shifts now and in the next 14 days. */
export class MyOnCallService {
  static create(options: MyOnCallServiceOptions): MyOnCallService {
    return new MyOnCallService(options);
  }

  private constructor(private readonly deps: MyOnCallServiceOptions) {}

  /** The signed-in user's shifts now and in the next 14 days, matched by email. */
  async getMyOnCall(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<MyOnCall> {
    const { userEntityRef } = await this.deps.userInfo.getUserInfo(credentials);
    const user = await this.deps.catalog.getEntityByRef(userEntityRef, {
      credentials,
    });
    const email = profileEmail(user);
    await this.deps.sync.ensureDirectory();
    const freshness = await this.deps.freshness.of(undefined);
    if (!email) {
      return {
        userRef: userEntityRef,
        onCallNow: [],
        upcoming: [],
        notice: user
          ? `${userEntityRef} has no spec.profile.email, so no Opsgenie shifts can be matched.`
          : `${userEntityRef} is not in the catalog, so no Opsgenie shifts can be matched.`,
        freshness,
      };
    }
    const now = this.deps.now?.() ?? new Date();
    const shifts = await this.getShifts(
      email,
      now,
      new Date(now.getTime() + HORIZON_MS),
    );
    const users = await this.deps.store.getUsers([email]);
    const name = users[0]?.fullName ?? email;
    const result: MyOnCall = {
      userRef: userEntityRef,
      email,
      onCallNow: [],
      upcoming: [],
      freshness,
    };
    for (const { schedule: info, team, role, rotation, start, end } of shifts) {
      if (start <= now && now < end) {
        result.onCallNow.push({
          schedule: info,
          team,
          role,
          shiftEnd: end.toISOString(),
        });
      }
      result.upcoming.push({
        schedule: info,
        team,
        role,
        rotation,
        responder: { name, email, shiftEnd: end.toISOString() },
        start: (start < now ? now : start).toISOString(),
        end: end.toISOString(),
      });
    }
    return result;
  }

  /**
   * The shifts of the on-call user with this username (email) that overlap [from, to), by
   * start, with their schedule; syncs every team first when none was ever synced.
   */
  async getShifts(email: string, from: Date, to: Date): Promise<UserShift[]> {
    await this.deps.sync.ensureDirectory();
    await this.#warmAllTeams();
    const periods = await this.deps.store.getPeriodsForRecipient(
      email,
      from,
      to,
    );
    const schedules = new Map(
      (
        await this.deps.store.getSchedulesByIds([
          ...new Set(periods.map(p => p.scheduleId)),
        ])
      ).map(s => [s.id, s]),
    );
    return periods.flatMap(period => {
      const schedule = schedules.get(period.scheduleId);
      if (!schedule) {
        return [];
      }
      return [
        {
          schedule: {
            id: schedule.id,
            name: schedule.name,
            timezone: schedule.timezone,
            url: this.deps.provider.scheduleUrl(schedule),
          },
          team: schedule.ownerTeam?.name,
          role: SECONDARY.test(period.rotationName) ? 'secondary' : 'primary',
          rotation: period.rotationName,
          start: period.start,
          end: period.end,
        },
      ];
    });
  }

  /** Syncs every team once when no team was ever synced (shifts span all teams). */
  async #warmAllTeams(): Promise<void> {
    const states = await this.deps.syncState.list(this.deps.provider.id);
    if (states.some(s => s.scope.startsWith('team:') && s.asOf)) {
      return;
    }
    for (const team of await this.deps.store.listTeams()) {
      await this.deps.sync.ensureTeam(team.name);
    }
  }
}
