import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import { createTestStores } from '../../__testUtils__/createTestStores';
import { DatabaseOnCallStore } from '../../oncall/DatabaseOnCallStore';
import { TimelinePeriod } from '../../oncall/OnCallProvider';
import { CatalogDirectory } from '../CatalogDirectory';
import { DatabaseSentNotificationStore } from '../DatabaseSentNotificationStore';

/** The vendor team every notification fixture schedule belongs to. */
export const team = { id: 't1', name: 'payments-ops' };

/** One period of a schedule's timeline, for the user `name`, in the rotation given. */
export function timelinePeriod(
  name: string,
  start: string,
  end: string,
  rotation: { id: string; name: string } = { id: 'r1', name: 'primary' },
): TimelinePeriod {
  return {
    rotationId: rotation.id,
    rotationName: rotation.name,
    start: new Date(start),
    end: new Date(end),
    recipient: { type: 'user', id: name, name },
    override: false,
  };
}

/** A catalog User with the profile email given. */
export function userEntity(name: string, email: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { email } },
  };
}

/** A NotificationService that records what it was asked to send. */
export function fakeNotifications(): NotificationService & {
  sent: NotificationSendOptions[];
} {
  const sent: NotificationSendOptions[] = [];
  return {
    sent,
    send: jest.fn(async (options: NotificationSendOptions) => {
      sent.push(options);
    }),
  };
}

/** A directory over a mock catalog of `entities`, with no team mappings. */
export function catalogDirectory(entities: Entity[]): CatalogDirectory {
  return new CatalogDirectory({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    teamMappings: new Map(),
  });
}

/**
 * A fresh SQLite on-call store holding {@link team}'s one schedule `s1`
 * (payments_schedule), whose timeline from `syncedFrom` to the end of 2026 is `periods`.
 */
export async function seedOnCallStore(
  periods: TimelinePeriod[],
  options: { syncedFrom: string; timezone?: string },
) {
  const { knex } = await createTestStores('SQLITE_3');
  const store = DatabaseOnCallStore.create({ knex });
  const syncedFrom = new Date(options.syncedFrom);
  await store.replaceTeams([team]);
  await store.replaceTeamData(
    { ...team, members: [] },
    {
      schedules: [
        {
          id: 's1',
          name: 'payments_schedule',
          timezone: options.timezone ?? 'Europe/Berlin',
          enabled: true,
          ownerTeam: team,
          rotations: [],
        },
      ],
      timelines: [
        {
          scheduleId: 's1',
          start: syncedFrom,
          end: new Date('2026-12-31T00:00:00Z'),
          periods,
        },
      ],
      escalations: [],
    },
    syncedFrom,
  );
  return { knex, store };
}

/**
 * What a shift notifier test runs against: {@link seedOnCallStore}'s store (and its database),
 * a recording NotificationService, and `replicaDeps()`, the dependencies of one more replica
 * of the notifier: that store, a directory over `catalog`, those notifications and a store of
 * sent notifications of its own over the same database.
 */
export async function seedNotifierReplicas(
  periods: TimelinePeriod[],
  options: { syncedFrom: string; timezone?: string; catalog: Entity[] },
) {
  const { knex, store } = await seedOnCallStore(periods, options);
  const notifications = fakeNotifications();
  const replicaDeps = () => ({
    store,
    directory: catalogDirectory(options.catalog),
    notifications,
    sent: DatabaseSentNotificationStore.create({ knex }),
  });
  return { knex, store, notifications, replicaDeps };
}
