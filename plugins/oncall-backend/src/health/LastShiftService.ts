import {
  BackstageCredentials,
  BackstageUserPrincipal,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { MyLastShift } from '@oncall-for-backstage/plugin-oncall-common';
import { buildFreshness } from '../lib/freshness';
import { profileEmail } from '../lib/profileEmail';
import { classifyHours, localClock, percentile } from './figures/classify';
import { HealthReadOptions } from './HealthService';
import { StoredShift } from './HealthStore';
import { HEALTH_SYNC_SCOPE } from './HealthSync';

/** Shift pieces read to rebuild the latest shift (the sync may have cut it in pieces). */
const PIECES = 20;

/** What {@link LastShiftService} reads from. */
export interface LastShiftServiceOptions extends HealthReadOptions {
  userInfo: UserInfoService;
}

/** `GET /me/last-shift`: the signed-in user's latest first-level shift and its pages. */
export class LastShiftService {
  private constructor(private readonly options: LastShiftServiceOptions) {}

  static create(options: LastShiftServiceOptions): LastShiftService {
    return new LastShiftService(options);
  }

  async getLastShift(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<MyLastShift> {
    const { source, store, syncState, config } = this.options;
    const now = this.options.now?.() ?? new Date();
    const { userEntityRef } = await this.options.userInfo.getUserInfo(
      credentials,
    );
    const user = await this.options.catalog.getEntityByRef(userEntityRef, {
      credentials,
    });
    const state = await syncState.get(source, HEALTH_SYNC_SCOPE);
    const freshness = buildFreshness(
      [{ source, states: state ? [state] : [] }],
      now,
      this.options.staleAfterMs,
    );
    const email = profileEmail(user);
    if (!email) {
      return {
        userRef: userEntityRef,
        notice: `${userEntityRef} has no spec.profile.email, so no shift can be matched.`,
        freshness,
      };
    }
    const shift = latestShift(await store.lastShifts(email, now, PIECES));
    if (!shift) {
      return { userRef: userEntityRef, freshness };
    }
    const end = shift.end < now ? shift.end : now;
    const pages = (
      await store.listPages(source, shift.teamId, shift.start, end)
    ).filter(
      p =>
        p.responder?.toLocaleLowerCase('en-US') ===
        email.toLocaleLowerCase('en-US'),
    );
    const kinds = pages.map(p =>
      classifyHours(localClock(p.createdAt, p.responderTimeZone), config.hours),
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
