import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { NotificationSeverity } from '@backstage/plugin-notifications-common';
import { Severity } from '@oncall-for-backstage/plugin-oncall-common';
import { StoredIncident } from '../incidents/IncidentStore';
import { isAtLeast } from './notificationsConfig';
import { SentNotificationStore } from './SentNotificationStore';
import {
  ServiceEntity,
  ServiceOwnerLookup,
  entityTabPath,
} from './ServiceOwnerIndex';

/** The notification topic of an opened incident; users can switch it off in their settings. */
export const INCIDENT_TOPIC = 'oncall-incident';

const NOTIFICATION_SEVERITY: Record<Severity, NotificationSeverity> = {
  sev0: 'critical',
  sev1: 'high',
  sev2: 'normal',
  sev3: 'low',
};

/**
 * Tells the owning Groups of the affected catalog services about every open incident of
 * `minSeverity` or worse, once per incident: the event is claimed in the
 * {@link SentNotificationStore} before it is sent, so two replicas (or a restart) send it once.
 * An incident raised to `minSeverity` later is told about when it first qualifies.
 */
export class IncidentNotifier {
  /** Event keys this replica is done with (sent, claimed elsewhere, or with no one to tell). */
  #done = new Set<string>();

  constructor(
    private readonly options: {
      notifications: NotificationService;
      sent: SentNotificationStore;
      owners: ServiceOwnerLookup;
      minSeverity: Severity;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  /** Called with every open incident after each check; returns the ids notified now. */
  async notifyOpen(open: StoredIncident[]): Promise<string[]> {
    const openKeys = new Set(open.map(eventKeyOf));
    this.#done = new Set([...this.#done].filter(key => openKeys.has(key)));
    const candidates = open.filter(
      incident =>
        isAtLeast(incident.severity, this.options.minSeverity) &&
        !this.#done.has(eventKeyOf(incident)),
    );
    if (candidates.length === 0) {
      return [];
    }
    let index: Map<string, ServiceEntity[]>;
    try {
      index = await this.options.owners.load();
    } catch (error) {
      // the catalog is down: the next check tries again; the incident sync goes on
      this.options.logger.warn(
        'Could not read the owners of opened incidents',
        {
          incidents: candidates.length,
          error: String(error),
        },
      );
      return [];
    }
    const notified: string[] = [];
    for (const incident of candidates) {
      const key = eventKeyOf(incident);
      const entities = incident.services
        .flatMap(s => index.get(s.toLocaleLowerCase('en-US')) ?? [])
        .sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      const groups = [...new Set(entities.flatMap(e => e.groupRefs))].sort();
      if (groups.length === 0) {
        this.#done.add(key);
        this.options.logger.info(
          'No owning Group to notify of an opened incident',
          {
            incident: incident.id,
            services: incident.services.join(', '),
          },
        );
        continue;
      }
      if (
        !(await this.options.sent.claim(
          key,
          INCIDENT_TOPIC,
          this.options.now?.() ?? new Date(),
        ))
      ) {
        this.#done.add(key);
        continue;
      }
      try {
        await this.options.notifications.send({
          recipients: { type: 'entity', entityRef: groups },
          payload: {
            title: `${incident.severity.toLocaleUpperCase('en-US')} opened: ${
              incident.title
            }`,
            description: describe(incident),
            link: entityTabPath(entities[0].entityRef, 'incidents'),
            severity: NOTIFICATION_SEVERITY[incident.severity],
            topic: INCIDENT_TOPIC,
            scope: key,
          },
        });
        this.#done.add(key);
        notified.push(incident.id);
      } catch (error) {
        // give the claim back: the next check sends it again
        await this.options.sent.release(key);
        this.options.logger.warn('Could not send an incident notification', {
          incident: incident.id,
          error: String(error),
        });
      }
    }
    if (notified.length > 0) {
      this.options.logger.info('Notified owners of opened incidents', {
        incidents: notified.length,
      });
    }
    return notified;
  }
}

function eventKeyOf(incident: StoredIncident): string {
  return `${INCIDENT_TOPIC}:${incident.id}`;
}

function describe(incident: StoredIncident): string {
  const commander = incident.commander
    ? `Incident Commander: ${incident.commander.name}.`
    : 'No Incident Commander assigned yet.';
  const slack = incident.slackChannel
    ? `Slack: ${incident.slackChannel.name} (${incident.slackChannel.url}).`
    : 'No Slack channel yet.';
  return `${commander} ${slack} Services: ${incident.services.join(', ')}.`;
}
