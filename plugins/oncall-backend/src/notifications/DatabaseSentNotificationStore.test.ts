import {
  createTestStores,
  initTestDatabase,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';
import { migrationsDir } from '../database/migrations';
import { DatabaseSentNotificationStore } from './DatabaseSentNotificationStore';

jest.setTimeout(60_000);

const AT = new Date('2026-12-02T09:00:00Z');

describe.each(testDatabaseIds())(
  'DatabaseSentNotificationStore (%s)',
  databaseId => {
    it('lets exactly one of many concurrent claims of an event win', async () => {
      const { knex } = await createTestStores(databaseId);
      // two replicas, each with its own store on the same database
      const replicas = [
        DatabaseSentNotificationStore.create({ knex }),
        DatabaseSentNotificationStore.create({ knex }),
      ];
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          replicas[i % 2].claim('incident:42:opened', 'oncall-incident', AT),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      // after a restart (a new store) the event stays claimed
      const restarted = DatabaseSentNotificationStore.create({ knex });
      await expect(
        restarted.claim('incident:42:opened', 'oncall-incident', AT),
      ).resolves.toBe(false);
      await expect(
        restarted.claim('incident:43:opened', 'oncall-incident', AT),
      ).resolves.toBe(true);
    });

    it('claims a released event again', async () => {
      const { knex } = await createTestStores(databaseId);
      const store = DatabaseSentNotificationStore.create({ knex });
      expect(await store.claim('k', 'oncall-shift', AT)).toBe(true);
      await store.release('k');
      expect(await store.claim('k', 'oncall-shift', AT)).toBe(true);
      expect(await store.claim('k', 'oncall-shift', AT)).toBe(false);
    });

    it('prunes claims older than the cut-off', async () => {
      const { knex } = await createTestStores(databaseId);
      const store = DatabaseSentNotificationStore.create({ knex });
      await store.claim(
        'old',
        'oncall-shift',
        new Date('2026-10-01T00:00:00Z'),
      );
      await store.claim('new', 'oncall-shift', AT);
      expect(await store.prune(new Date('2026-11-01T00:00:00Z'))).toBe(1);
      expect(await store.claim('old', 'oncall-shift', AT)).toBe(true);
      expect(await store.claim('new', 'oncall-shift', AT)).toBe(false);
    });

    it('migrates down and up again', async () => {
      const knex = await initTestDatabase(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir });
      expect(await knex.schema.hasTable('oncall_notifications_sent')).toBe(
        false,
      );
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('oncall_notifications_sent')).toBe(
        true,
      );
    });
  },
);
