import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { MyLastShift } from '@oncall-for-backstage/plugin-oncall-common';
import { SyncStateStore } from '../database/SyncStateStore';
import { buildFreshness } from '../lib/freshness';
import { profileEmail } from '../lib/profileEmail';
import { Vendor } from '../lib/Vendor';
import { classifyHours, localClock, percentile } from './figures/classify';
import { HealthConfig } from './healthConfig';
import { HealthStore, StoredShift } from './HealthStore';
import { HEALTH_SYNC_SCOPE } from './HealthSync';

/** Shift pieces read to rebuild the latest shift (the sync may have cut it in pieces). */
const PIECES = 20;

/** What {@link LastShiftService} reads from. */
export interface LastShiftServiceOptions {
  source: Vendor;
  userInfo: UserInfoService;
  catalog: CatalogService;
  store: HealthStore;
  syncState: SyncStateStore;
  config: HealthConfig;
  staleAfterMs: number;
  now?: () => Date;
}

/** `GET /me/last-shift`: the signed-in user's latest first-level shift and its pages. */
export class LastShiftService {
  readonly #source: Vendor;
  readonly #userInfo: UserInfoService;
  readonly #catalog: CatalogService;
  readonly #store: HealthStore;
  readonly #syncState: SyncStateStore;
  readonly #config: HealthConfig;
  readonly #staleAfterMs: number;
  readonly #now: () => Date;

  private constructor(options: LastShiftServiceOptions) {
    this.#source = options.source;
    this.#userInfo = options.userInfo;
    this.#catalog = options.catalog;
    this.#store = options.store;
    this.#syncState = options.syncState;
    this.#config = options.config;
    this.#staleAfterMs = options.staleAfterMs;
    this.#now = options.now ?? (() => new Date());
  }

  static create(options: LastShiftServiceOptions): LastShiftService {
    return new LastShiftService(options);
  }

  async getLastShift(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<MyLastShift> {
    const now = this.#now();
    const { userEntityRef } = await this.#userInfo.getUserInfo(credentials);
    const user = await this.#catalog.getEntityByRef(userEntityRef, {
      credentials,
    });
    const state = await this.#syncState.get(this.#source, HEALTH_SYNC_SCOPE);
    const freshness = buildFreshness(
      [{ source: this.#source, states: state ? [state] : [] }],
      now,
      this.#staleAfterMs,
    );
    const email = profileEmail(user);
    if (!email) {
      return {
        userRef: userEntityRef,
        notice: `${userEntityRef} has no spec.profile.email, so no shift can be matched.`,
        freshness,
      };
    }
    const shift = latestShift(await this.#store.lastShifts(email, now, PIECES));
    if (!shift) {
      return { userRef: userEntityRef, freshness };
    }
    const end = shift.end < now ? shift.end : now;
    const pages = (
      await this.#store.listPages(this.#source, shift.teamId, shift.start, end)
    ).filter(
      p =>
        p.responder?.toLocaleLowerCase('en-US') ===
        email.toLocaleLowerCase('en-US'),
    );
    const kinds = pages.map(p =>
      classifyHours(
        localClock(p.createdAt, p.responderTimeZone),
        this.#config.hours,
      ),
    );
    return {
      userRef: userEntityRef,
      lastShift: {
        schedule: shift.scheduleName,
        rotation: shift.rotation,
        start: shift.start.toISOString(),
        end: shift.end.toISOString(),
        pages: pages.length,
        sleepHours: kinds.filter(k => k === 'sleep').length,
        offHours: kinds.filter(k => k === 'off').length,
        ackP50Ms: percentile(
          pages.flatMap(p =>
            p.acknowledgedAt
              ? [p.acknowledgedAt.getTime() - p.createdAt.getTime()]
              : [],
          ),
          50,
        ),
      },
      freshness,
    };
  }
}

/** The latest shift, its pieces (latest first, cut where the sync resumed) joined again. */
export function latestShift(pieces: StoredShift[]): StoredShift | undefined {
  const [latest, ...earlier] = pieces;
  if (!latest) {
    return undefined;
  }
  let start = latest.start;
  for (const piece of earlier) {
    const same =
      piece.teamId === latest.teamId &&
      piece.scheduleId === latest.scheduleId &&
      piece.rotation === latest.rotation &&
      piece.end.getTime() === start.getTime();
    if (!same) {
      break;
    }
    start = piece.start;
  }
  return { ...latest, start };
}
