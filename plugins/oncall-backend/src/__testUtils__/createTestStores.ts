import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { SyncStateStore } from '../database/SyncStateStore';
import { DatabaseIncidentStore } from '../incidents/DatabaseIncidentStore';
import { DatabaseOnCallStore } from '../oncall/DatabaseOnCallStore';
import { DatabaseSloStore } from '../slos/DatabaseSloStore';

/** SQLite and PostgreSQL (where the machine has it): every store test runs on both. */
const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** The databases this machine can run, for `describe.each`. */
export function testDatabaseIds(): TestDatabaseId[] {
  return databases.eachSupportedId().map(([id]) => id);
}

/** A fresh, empty database of the given kind (for migration tests). */
export function initTestDatabase(databaseId: TestDatabaseId): Promise<Knex> {
  return databases.init(databaseId);
}

/** The plugin's stores on a fresh, migrated database. */
export interface TestStores {
  knex: Knex;
  onCall: DatabaseOnCallStore;
  incidents: DatabaseIncidentStore;
  slos: DatabaseSloStore;
  syncState: SyncStateStore;
}

/** Migrates a fresh database of the given kind and builds every store on it. */
export async function createTestStores(
  databaseId: TestDatabaseId,
): Promise<TestStores> {
  const knex = await initTestDatabase(databaseId);
  await knex.migrate.latest({ directory: migrationsDir });
  return {
    knex,
    onCall: DatabaseOnCallStore.create({ knex }),
    incidents: DatabaseIncidentStore.create({ knex }),
    slos: DatabaseSloStore.create({ knex }),
    syncState: new SyncStateStore(knex),
  };
}
