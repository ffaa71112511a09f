import { AuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CalendarSubscription } from '@oncall-for-backstage/plugin-oncall-common';
import { createHash, randomBytes } from 'node:crypto';
import ical, { ICalEventTransparency } from 'ical-generator';
import { profileEmail } from '../lib/profileEmail';
import { DAY_MS } from '../lib/time';
import { UserShift } from '../oncall/services/MyOnCallService';
import { CalendarTokenStore } from './CalendarTokenStore';

/** The feed covers the next 8 weeks. */
export const FEED_HORIZON_MS = 56 * DAY_MS;

/** Where the feed's shifts come from; undefined when on-call is not configured. */
export type ShiftReader = {
  getShifts(email: string, from: Date, to: Date): Promise<UserShift[]>;
};

/** What {@link CalendarService} is built from. */
export interface CalendarServiceOptions {
  store: CalendarTokenStore;
  catalog: CatalogService;
  auth: AuthService;
  shifts?: ShiftReader;
  /** The feed route's base, e.g. `https://backstage.example.com/api/oncall`. */
  feedBaseUrl: () => Promise<string>;
  now?: () => Date;
}

/** The SHA-256 (hex) of a secret, as stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The signed-in user's calendar feed: its secret and the iCalendar document. */
export class CalendarService {
  readonly #deps: CalendarServiceOptions;
  readonly #now: () => Date;

  static create(options: CalendarServiceOptions): CalendarService {
    return new CalendarService(options);
  }

  private constructor(options: CalendarServiceOptions) {
    this.#deps = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** A new secret for the user (voiding the old one); answers the feed URL carrying it. */
  async createToken(userRef: string): Promise<CalendarSubscription> {
    const token = randomBytes(32).toString('base64url');
    await this.#deps.store.replace(userRef, hashToken(token), this.#now());
    const base = await this.#deps.feedBaseUrl();
    return {
      url: `${base}/me/calendar.ics?token=${encodeURIComponent(token)}`,
    };
  }

  /** Voids the user's secret (nothing to do when there is none). */
  async revokeToken(userRef: string): Promise<void> {
    await this.#deps.store.revoke(userRef);
  }

  /**
   * The iCalendar document of the shifts, in the next 8 weeks, of the user whose secret this
   * is. Throws NotFoundError for a missing, wrong or revoked secret.
   */
  async getFeed(token: string | undefined): Promise<string> {
    const found = token
      ? await this.#deps.store.findByHash(hashToken(token))
      : undefined;
    if (!found) {
      throw new NotFoundError('No such calendar');
    }
    const now = this.#now();
    const calendar = ical({
      name: 'On call',
      prodId: { company: 'oncall-for-backstage', product: 'oncall' },
      ttl: 60 * 60,
    });
    const email = await this.#emailOf(found.userRef);
    const shifts =
      email && this.#deps.shifts
        ? await this.#deps.shifts.getShifts(
            email,
            now,
            new Date(now.getTime() + FEED_HORIZON_MS),
          )
        : [];
    for (const shift of shifts) {
      const { schedule, role } = shift;
      calendar.createEvent({
        id: shiftUid(found.userRef, shift),
        stamp: now,
        start: shift.start,
        end: shift.end,
        summary: `On call: ${schedule.name} (${role})`,
        description: [
          `Role: ${role}`,
          `Schedule: ${schedule.name}`,
          ...(shift.team ? [`Team: ${shift.team}`] : []),
          `Rotation: ${shift.rotation}`,
          `Time zone: ${schedule.timezone}`,
          ...(schedule.url ? [`Schedule link: ${schedule.url}`] : []),
        ].join('\n'),
        url: schedule.url,
        transparency: ICalEventTransparency.TRANSPARENT,
      });
    }
    return calendar.toString();
  }

  /** The user's catalog email, read with the plugin's own credentials (no user token here). */
  async #emailOf(userRef: string): Promise<string | undefined> {
    const user = await this.#deps.catalog.getEntityByRef(userRef, {
      credentials: await this.#deps.auth.getOwnServiceCredentials(),
    });
    return profileEmail(user);
  }
}

/** Stable per shift: the same shift has the same UID in every fetch of the feed. */
function shiftUid(userRef: string, shift: UserShift): string {
  const key = [
    userRef,
    shift.schedule.id,
    shift.rotation,
    shift.start.toISOString(),
  ].join('|');
  return `${createHash('sha256')
    .update(key)
    .digest('hex')
    .slice(0, 32)}@oncall-for-backstage`;
}
