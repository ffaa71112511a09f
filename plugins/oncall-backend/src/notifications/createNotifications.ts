import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { DatabaseSentNotificationStore } from './DatabaseSentNotificationStore';
import { IncidentNotifier } from './IncidentNotifier';
import { NotificationsConfig } from './notificationsConfig';
import { ServiceOwnerIndex } from './ServiceOwnerIndex';

/** What the other features hand events to. */
export interface Notifications {
  /** Absent when `oncall.notifications.enabled` is false. */
  incidentNotifier?: IncidentNotifier;
}

/**
 * Builds the notifications feature: the store of events already sent and the notifier of
 * opened incidents, which the incidents feature calls after each check of the open incidents.
 */
export function createNotifications(options: {
  notificationsConfig: NotificationsConfig;
  notifications: NotificationService;
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
}): Notifications {
  const { notificationsConfig: config, logger } = options;
  if (!config.enabled) {
    logger.info('Notifications are off: oncall.notifications.enabled is false');
    return {};
  }
  const sent = DatabaseSentNotificationStore.create({ knex: options.knex });
  return {
    incidentNotifier: new IncidentNotifier({
      notifications: options.notifications,
      sent,
      owners: new ServiceOwnerIndex(options),
      minSeverity: config.minSeverity,
      logger: logger.child({ task: 'incident-notifications' }),
    }),
  };
}
