import knexFactory, { Knex } from 'knex';

/** Connection to the local PostgreSQL the suite uses (scripts/services.sh starts it). */
export const postgresConnection = {
  host: process.env.ONCALL_PG_HOST ?? '127.0.0.1',
  port: Number(process.env.ONCALL_PG_PORT ?? 5432),
  user: process.env.ONCALL_PG_USER ?? 'postgres',
  password: process.env.ONCALL_PG_PASSWORD ?? 'postgres',
};

/** A database created for one run; `drop()` removes it (terminating leftover sessions). */
export interface ScratchDatabase {
  name: string;
  connection: typeof postgresConnection & { database: string };
  /** Runs one query in the database. */
  query<T = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<T[]>;
  drop(): Promise<void>;
}

/** Runs `fn` with a one-connection client of `database`, closed afterwards. */
export async function withPostgresClient<T>(
  database: string,
  fn: (knex: Knex) => Promise<T>,
): Promise<T> {
  const knex = knexFactory({
    client: 'pg',
    connection: { ...postgresConnection, database },
    pool: { min: 0, max: 1 },
  });
  try {
    return await fn(knex);
  } finally {
    await knex.destroy();
  }
}

/** Creates a uniquely named database (name: lower-case letters, digits and `_`). */
export async function createDatabase(name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid database name ${name}`);
  }
  await withPostgresClient('postgres', knex =>
    knex.raw(`CREATE DATABASE "${name}"`),
  );
  const connection = { ...postgresConnection, database: name };
  return {
    name,
    connection,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      return withPostgresClient(name, async knex => {
        const result = await knex.raw(sql, params as Knex.RawBinding[]);
        return result.rows as T[];
      });
    },
    async drop() {
      await withPostgresClient('postgres', async knex => {
        await knex.raw(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()',
          [name],
        );
        await knex.raw(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}
