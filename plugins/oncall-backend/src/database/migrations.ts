import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

/** Where the plugin's dated knex migrations live, in source and in a built package. */
export const migrationsDir = resolvePackagePath(
  '@oncall-for-backstage/plugin-oncall-backend',
  'migrations',
);

/** The plugin's knex client with every migration applied (unless the config skips them). */
export async function getMigratedClient(
  database: DatabaseService,
): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}
