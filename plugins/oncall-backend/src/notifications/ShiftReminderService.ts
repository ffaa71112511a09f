import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { CatalogDirectory } from './CatalogDirectory';
import { periodEventKey, responderEmails } from './periodNotifications';
import { OnCallStore, StoredPeriod } from '../oncall/OnCallStore';
import { SentNotificationStore } from './SentNotificationStore';
import { entityTabPath } from './ServiceOwnerIndex';

/** The notification topic of a shift about to start. */
export const SHIFT_TOPIC = 'oncall-shift';

const MINUTE_MS = 60_000;
const SECONDARY = /secondary/i;

/** What {@link ShiftReminderService} is built from. */
export interface ShiftReminderServiceOptions {
  store: Pick<
    OnCallStore,
    'getPeriodsStarting' | 'getPeriods' | 'getSchedulesByIds' | 'getUsers'
  >;
  directory: Pick<CatalogDirectory, 'load'>;
  notifications: NotificationService;
  sent: SentNotificationStore;
  /** How long before a shift starts its responder is reminded. */
  reminderMinutes: number;
  logger: LoggerService;
}

/** What one run did. */
export interface ShiftReminderResult {
  /** Event keys sent in this run. */
  sent: string[];
  /** Responders with a shift starting soon who match no catalog User (counted once each). */
  unmatched: number;
}

/**
 * Reminds each primary and secondary responder, once per shift, that the shift starts within
 * `reminderMinutes`: the shifts come from the on-call store, the responder is the catalog User
 * with the same email (any case). The event (schedule, rotation, start, user) is claimed in the
 * {@link SentNotificationStore} before it is sent, so replicas and restarts send it once. A
 * period that continues the same responder's period in the same rotation is no new shift.
 */
export class ShiftReminderService {
  readonly #deps: ShiftReminderServiceOptions;
  /** Event keys this replica is done with, and responders it has counted as unmatched. */
  #done = new Set<string>();
  #unmatched = new Set<string>();

  static create(options: ShiftReminderServiceOptions): ShiftReminderService {
    return new ShiftReminderService(options);
  }

  private constructor(options: ShiftReminderServiceOptions) {
    this.#deps = options;
  }

  /** Sends the reminders due at `now`. */
  async run(now: Date): Promise<ShiftReminderResult> {
    const deps = this.#deps;
    const until = new Date(now.getTime() + deps.reminderMinutes * MINUTE_MS);
    const starting = (await deps.store.getPeriodsStarting(now, until)).filter(
      p => p.recipient.type === 'user' && p.recipient.name,
    );
    const shifts = await this.#withoutContinuations(starting);
    const pending = shifts.filter(p => !this.#done.has(baseKeyOf(p)));
    // forget what has left the window
    const inWindow = new Set(shifts.map(baseKeyOf));
    this.#done = new Set([...this.#done].filter(k => inWindow.has(k)));
    if (pending.length === 0) {
      return { sent: [], unmatched: 0 };
    }
    const directory = await deps.directory.load();
    const emails = await this.#emailsOf(pending);
    const schedules = new Map(
      (
        await deps.store.getSchedulesByIds([
          ...new Set(pending.map(p => p.scheduleId)),
        ])
      ).map(s => [s.id, s]),
    );
    const sent: string[] = [];
    let unmatched = 0;
    for (const period of pending) {
      const base = baseKeyOf(period);
      const email = emails.get(lower(period.recipient.name ?? ''));
      const userRef = email ? directory.users.get(lower(email)) : undefined;
      if (!userRef) {
        this.#done.add(base);
        const who = lower(email ?? period.recipient.name ?? '');
        if (!this.#unmatched.has(who)) {
          this.#unmatched.add(who);
          unmatched += 1;
        }
        continue;
      }
      const key = `${base}:${userRef}`;
      if (!(await deps.sent.claim(key, SHIFT_TOPIC, now))) {
        this.#done.add(base);
        continue;
      }
      const schedule = schedules.get(period.scheduleId);
      const scheduleName = schedule?.name ?? period.scheduleId;
      const timezone = knownZone(schedule?.timezone);
      const team = schedule?.ownerTeam?.name;
      const groupRef = team ? directory.teams.get(lower(team)) : undefined;
      const role = SECONDARY.test(period.rotationName)
        ? 'secondary'
        : 'primary';
      const minutes = Math.round(
        (period.start.getTime() - now.getTime()) / MINUTE_MS,
      );
      try {
        await deps.notifications.send({
          recipients: { type: 'entity', entityRef: userRef },
          payload: {
            title: `Your ${role} on-call shift on ${scheduleName} starts in ${minutes} min`,
            description: `${scheduleName} (${period.rotationName}): ${localTime(
              period.start,
              timezone,
            )} to ${localTime(period.end, timezone)} ${timezone}.${
              team ? ` Team: ${team}.` : ''
            }`,
            link: groupRef ? entityTabPath(groupRef, 'on-call') : '/',
            severity: 'normal',
            topic: SHIFT_TOPIC,
            scope: key,
          },
        });
        this.#done.add(base);
        sent.push(key);
      } catch (error) {
        // give the claim back: the next run sends it again
        await deps.sent.release(key);
        deps.logger.warn('Could not send a shift reminder', {
          schedule: scheduleName,
          error: String(error),
        });
      }
    }
    if (unmatched > 0) {
      deps.logger.info(
        'Shift reminders skipped for responders who match no catalog User by email',
        { responders: unmatched },
      );
    }
    if (sent.length > 0) {
      deps.logger.info('Sent shift reminders', { reminders: sent.length });
    }
    return { sent, unmatched };
  }

  /** Drops periods that continue the same responder's period in the same rotation. */
  async #withoutContinuations(
    periods: StoredPeriod[],
  ): Promise<StoredPeriod[]> {
    if (periods.length === 0) {
      return [];
    }
    const earliest = Math.min(...periods.map(p => p.start.getTime()));
    const before = await this.#deps.store.getPeriods(
      [...new Set(periods.map(p => p.scheduleId))],
      new Date(earliest - 1),
      new Date(Math.max(...periods.map(p => p.start.getTime()))),
    );
    const ends = new Set(
      before.map(p =>
        [
          p.scheduleId,
          p.rotationId,
          p.end.getTime(),
          lower(p.recipient.name ?? ''),
        ].join('|'),
      ),
    );
    return periods.filter(
      p =>
        !ends.has(
          [
            p.scheduleId,
            p.rotationId,
            p.start.getTime(),
            lower(p.recipient.name ?? ''),
          ].join('|'),
        ),
    );
  }

  /** Responder username (lower case) → email: the on-call tool's user, else the username. */
  async #emailsOf(periods: StoredPeriod[]): Promise<Map<string, string>> {
    const names = [...new Set(periods.map(p => p.recipient.name ?? ''))];
    return responderEmails(this.#deps.store, names);
  }
}

function baseKeyOf(period: StoredPeriod): string {
  return periodEventKey(SHIFT_TOPIC, period);
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}

/** The schedule's time zone, or UTC when the on-call tool gave none or one unknown here. */
function knownZone(timeZone: string | undefined): string {
  if (!timeZone) {
    return 'UTC';
  }
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions()
      .timeZone;
  } catch {
    return 'UTC';
  }
}

/** `Sun 25 Oct, 02:15` on the given clock. */
function localTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}
