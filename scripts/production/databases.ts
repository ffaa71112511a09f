/*
 * The PostgreSQL databases a production backend creates for one run: Backstage makes one per
 * plugin, named `<backend.database.prefix><pluginId>`, so a run with its own prefix has
 * databases of its own, dropped at the end.
 */
import { withPostgresClient } from '../harness';

/** A prefix for one run's databases: lower-case letters, digits and `_`, ending in `_`. */
export function databasePrefix(runId: string): string {
  const prefix = `${runId.toLowerCase().replace(/[^a-z0-9_]/g, '_')}_`;
  if (!/^[a-z_][a-z0-9_]{0,40}$/.test(prefix)) {
    throw new Error(`unusable database prefix ${prefix}`);
  }
  return prefix;
}

/** Names of the databases that start with `prefix`. */
export async function databasesWithPrefix(prefix: string): Promise<string[]> {
  return withPostgresClient('postgres', async knex => {
    const rows: Array<{ datname: string }> = await knex('pg_database')
      .select('datname')
      .where('datname', 'like', `${prefix.replace(/_/g, '\\_')}%`);
    return rows.map(r => r.datname).sort();
  });
}

/** Rows of a table in one database. */
export async function countRows(
  database: string,
  table: string,
): Promise<number> {
  return withPostgresClient(database, async knex => {
    const [row] = await knex(table).count({ count: '*' });
    return Number(row.count);
  });
}

/** Drops every database that starts with `prefix` (ending leftover sessions first). */
export async function dropDatabasesWithPrefix(
  prefix: string,
): Promise<string[]> {
  const names = await databasesWithPrefix(prefix);
  await withPostgresClient('postgres', async knex => {
    for (const name of names) {
      await knex.raw(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()',
        [name],
      );
      await knex.raw('DROP DATABASE IF EXISTS ??', [name]);
    }
  });
  return names;
}
