import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { HealthStore } from '../health/HealthStore';
import { OnCallStore, StoredPeriod } from '../oncall/OnCallStore';
import { CatalogDirectory } from './CatalogDirectory';
import { periodEventKey, responderEmails } from './periodNotifications';
import { SentNotificationStore } from './SentNotificationStore';
import { entityTabPath } from './ServiceOwnerIndex';

/** The notification topic of a handoff between two responders. */
export const HANDOFF_TOPIC = 'oncall-handoff';

/** How far back a run looks for handoffs (a run missed by a restart is caught up). */
const LOOKBACK_MS = 10 * 60_000;

/** What {@link HandoffNotifier} is built from. */
export interface HandoffNotifierOptions {
  store: Pick<
    OnCallStore,
    'getPeriodsStarting' | 'getPeriods' | 'getSchedulesByIds' | 'getUsers'
  >;
  /** The health feature's pages (Opsgenie); absent when health is not synced. */
  health?: Pick<HealthStore, 'listPages' | 'listShifts'>;
  directory: Pick<CatalogDirectory, 'load'>;
  notifications: NotificationService;
  sent: SentNotificationStore;
  logger: LoggerService;
}

/**
 * Tells the outgoing and the incoming responder of a handoff (a rotation's period passing
 * from one person to another) about it, once per handoff, with the outgoing shift's page count
 * when the health store holds that shift.
 */
export class HandoffNotifier {
  readonly #deps: HandoffNotifierOptions;
  #done = new Set<string>();

  static create(options: HandoffNotifierOptions): HandoffNotifier {
    return new HandoffNotifier(options);
  }

  private constructor(options: HandoffNotifierOptions) {
    this.#deps = options;
  }

  /** Sends the handoffs that happened in the 10 minutes up to `now`; returns their keys. */
  async run(now: Date): Promise<string[]> {
    const deps = this.#deps;
    const incoming = (
      await deps.store.getPeriodsStarting(
        new Date(now.getTime() - LOOKBACK_MS),
        now,
      )
    ).filter(p => p.recipient.type === 'user' && p.recipient.name);
    const keys = new Set(incoming.map(keyOf));
    this.#done = new Set([...this.#done].filter(k => keys.has(k)));
    const pending = incoming.filter(p => !this.#done.has(keyOf(p)));
    if (pending.length === 0) {
      return [];
    }
    const handoffs = await this.#withOutgoing(pending);
    const schedules = new Map(
      (
        await deps.store.getSchedulesByIds([
          ...new Set(handoffs.map(h => h.incoming.scheduleId)),
        ])
      ).map(s => [s.id, s]),
    );
    const directory = await deps.directory.load();
    const emails = await this.#emailsOf(handoffs);
    const sent: string[] = [];
    for (const { incoming: inc, outgoing: out } of handoffs) {
      const key = keyOf(inc);
      this.#done.add(key);
      const outName = name(out);
      const incName = name(inc);
      const refs = [outName, incName].flatMap(n => {
        const ref = directory.users.get(lower(emails.get(lower(n)) ?? n));
        return ref ? [ref] : [];
      });
      if (refs.length === 0) {
        continue;
      }
      if (!(await deps.sent.claim(key, HANDOFF_TOPIC, now))) {
        continue;
      }
      const schedule = schedules.get(inc.scheduleId);
      const scheduleName = schedule?.name ?? inc.scheduleId;
      const team = schedule?.ownerTeam;
      const groupRef = team ? directory.teams.get(lower(team.name)) : undefined;
      const pages = team
        ? await this.#pageCount(
            team.id,
            out,
            emails.get(lower(outName)) ?? outName,
          )
        : undefined;
      try {
        await deps.notifications.send({
          recipients: { type: 'entity', entityRef: [...new Set(refs)] },
          payload: {
            title: `On-call handoff on ${scheduleName} (${inc.rotationName}): ${outName} → ${incName}`,
            description:
              pages === undefined
                ? `${incName} is now on call; ${outName}'s shift has ended.`
                : `${incName} is now on call; ${outName}'s shift has ended with ${pages} ${
                    pages === 1 ? 'page' : 'pages'
                  }.`,
            link: groupRef ? entityTabPath(groupRef, 'on-call') : '/',
            severity: 'normal',
            topic: HANDOFF_TOPIC,
            scope: key,
          },
        });
        sent.push(key);
      } catch (error) {
        this.#done.delete(key);
        await deps.sent.release(key);
        deps.logger.warn('Could not send a handoff notification', {
          schedule: scheduleName,
          error: String(error),
        });
      }
    }
    return sent;
  }

  /** Each incoming period with the other responder's period of the rotation that ends at its start. */
  async #withOutgoing(
    periods: StoredPeriod[],
  ): Promise<Array<{ incoming: StoredPeriod; outgoing: StoredPeriod }>> {
    const starts = periods.map(p => p.start.getTime());
    const before = await this.#deps.store.getPeriods(
      [...new Set(periods.map(p => p.scheduleId))],
      new Date(Math.min(...starts) - 1),
      new Date(Math.max(...starts)),
    );
    return periods.flatMap(incoming => {
      const outgoing = before.find(
        p =>
          p.scheduleId === incoming.scheduleId &&
          p.rotationId === incoming.rotationId &&
          p.end.getTime() === incoming.start.getTime() &&
          p.recipient.type === 'user' &&
          p.recipient.name &&
          lower(p.recipient.name) !== lower(name(incoming)),
      );
      return outgoing ? [{ incoming, outgoing }] : [];
    });
  }

  async #emailsOf(
    handoffs: Array<{ incoming: StoredPeriod; outgoing: StoredPeriod }>,
  ): Promise<Map<string, string>> {
    const names = [
      ...new Set(handoffs.flatMap(h => [name(h.incoming), name(h.outgoing)])),
    ];
    return responderEmails(this.#deps.store, names);
  }

  /** Pages the outgoing responder took in the shift, when the health store holds the shift. */
  async #pageCount(
    teamId: string,
    outgoing: StoredPeriod,
    email: string,
  ): Promise<number | undefined> {
    const health = this.#deps.health;
    if (!health) {
      return undefined;
    }
    const shifts = await health.listShifts(
      'opsgenie',
      teamId,
      outgoing.start,
      outgoing.end,
    );
    if (!shifts.some(s => lower(s.username) === lower(email))) {
      return undefined;
    }
    const pages = await health.listPages(
      'opsgenie',
      teamId,
      outgoing.start,
      outgoing.end,
    );
    return pages.filter(p => p.responder && lower(p.responder) === lower(email))
      .length;
  }
}

function keyOf(period: StoredPeriod): string {
  return periodEventKey(HANDOFF_TOPIC, period);
}

function name(period: StoredPeriod): string {
  return period.recipient.name ?? '';
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}
