import {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { OnCallConfig } from '../config';
import { DAY_MS } from '../lib/time';
import { DatabaseOnCallStore } from '../oncall/DatabaseOnCallStore';
import { DatabaseHealthStore } from '../health/DatabaseHealthStore';
import { CatalogDirectory } from './CatalogDirectory';
import { HandoffNotifier } from './HandoffNotifier';
import { DatabaseSentNotificationStore } from './DatabaseSentNotificationStore';
import { IncidentNotifier } from './IncidentNotifier';
import { NotificationsConfig } from './notificationsConfig';
import { ServiceOwnerIndex } from './ServiceOwnerIndex';
import { ShiftReminderService } from './ShiftReminderService';

/** Claims older than this are forgotten (every event they dedupe is long past). */
const CLAIM_RETENTION_MS = 30 * DAY_MS;

/** What the other features hand events to. */
export interface Notifications {
  /** Absent when `oncall.notifications.enabled` is false. */
  incidentNotifier?: IncidentNotifier;
}

/**
 * Builds the notifications feature: the store of events already sent, the notifier of opened
 * incidents (which the incidents feature calls after each check of the open incidents), and the
 * shift reminders and handoffs (task `oncall-shift-reminders`, every minute, cluster-locked),
 * which also forget claims older than 30 days.
 */
export async function createNotifications(options: {
  notificationsConfig: NotificationsConfig;
  config: OnCallConfig;
  notifications: NotificationService;
  knex: Knex;
  catalog: CatalogService;
  auth: AuthService;
  scheduler: SchedulerService;
  logger: LoggerService;
}): Promise<Notifications> {
  const { notificationsConfig: config, logger } = options;
  if (!config.enabled) {
    logger.info('Notifications are off: oncall.notifications.enabled is false');
    return {};
  }
  const sent = DatabaseSentNotificationStore.create({ knex: options.knex });
  const store = DatabaseOnCallStore.create({ knex: options.knex });
  const directory = new CatalogDirectory({
    catalog: options.catalog,
    auth: options.auth,
    teamMappings: options.config.teamMappings,
  });
  const reminders = ShiftReminderService.create({
    store,
    directory,
    notifications: options.notifications,
    sent,
    reminderMinutes: config.shiftReminderMinutes,
    logger: logger.child({ task: 'shift-reminders' }),
  });
  const handoffs = HandoffNotifier.create({
    store,
    // page counts come from the health sync, which reads Opsgenie
    health: options.config.opsgenie
      ? DatabaseHealthStore.fromClient(options.knex)
      : undefined,
    directory,
    notifications: options.notifications,
    sent,
    logger: logger.child({ task: 'handoff-notifications' }),
  });
  await options.scheduler.scheduleTask({
    id: 'oncall-shift-reminders',
    frequency: { minutes: 1 },
    timeout: { minutes: 1 },
    initialDelay: { seconds: 20 },
    fn: async () => {
      const now = new Date();
      await reminders.run(now);
      await handoffs.run(now);
      await sent.prune(new Date(now.getTime() - CLAIM_RETENTION_MS));
    },
  });
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
