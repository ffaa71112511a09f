import { Client } from 'pg';

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
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function admin<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ ...postgresConnection, database: 'postgres' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates a uniquely named database (name: lower-case letters, digits and `_`). */
export async function createDatabase(name: string): Promise<ScratchDatabase> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new Error(`invalid database name ${name}`);
  }
  await admin(client => client.query(`CREATE DATABASE "${name}"`));
  const connection = { ...postgresConnection, database: name };
  return {
    name,
    connection,
    async query<T>(sql: string, params: unknown[] = []) {
      const client = new Client(connection);
      await client.connect();
      try {
        const result = await client.query(sql, params);
        return result.rows as T[];
      } finally {
        await client.end();
      }
    },
    async drop() {
      await admin(async client => {
        await client.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
          [name],
        );
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
      });
    },
  };
}
