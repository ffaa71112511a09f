/*
 * Migrations up → down → up on a scratch PostgreSQL database leave the schema identical
 * (tables, columns with types/defaults/nullability, constraints, indexes, column comments),
 * and down removes everything up created.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import knexFactory, { Knex } from 'knex';
import {
  ScratchDatabase,
  createDatabase,
  createRun,
  recordFigure,
  repoRoot,
} from '../harness';

const migrationsDir = join(repoRoot, 'plugins', 'oncall-backend', 'migrations');
const MIGRATION_TABLES = ['knex_migrations', 'knex_migrations_lock'];

let db: ScratchDatabase;
let knex: Knex;

before(async () => {
  const run = createRun('migrations');
  db = await createDatabase(`oncall_rel_${run.id}`);
  knex = knexFactory({ client: 'pg', connection: db.connection });
});

after(async () => {
  await knex?.destroy();
  await db?.drop();
});

/** Everything information_schema and pg_catalog say about the public schema, as sorted text. */
async function describeSchema(): Promise<string[]> {
  const rows: string[] = [];
  const columns = await knex.raw(`
    SELECT c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable, c.column_default,
           c.character_maximum_length, c.numeric_precision, c.datetime_precision,
           col_description((quote_ident(c.table_schema) || '.' || quote_ident(c.table_name))::regclass, c.ordinal_position) AS comment
      FROM information_schema.columns c
     WHERE c.table_schema = 'public'`);
  for (const r of columns.rows) {
    if (MIGRATION_TABLES.includes(r.table_name)) continue;
    rows.push(`column ${JSON.stringify(r)}`);
  }
  const constraints = await knex.raw(`
    SELECT tc.table_name, tc.constraint_name, tc.constraint_type,
           pg_get_constraintdef(pc.oid) AS definition
      FROM information_schema.table_constraints tc
      JOIN pg_constraint pc ON pc.conname = tc.constraint_name
      JOIN pg_namespace n ON n.oid = pc.connamespace AND n.nspname = tc.constraint_schema
     WHERE tc.table_schema = 'public'
       -- PostgreSQL names NOT NULL checks after table oids, which change on re-create;
       -- nullability is compared through the columns instead
       AND NOT (tc.constraint_type = 'CHECK' AND tc.constraint_name LIKE '%_not_null')`);
  for (const r of constraints.rows) {
    if (MIGRATION_TABLES.includes(r.table_name)) continue;
    rows.push(`constraint ${JSON.stringify(r)}`);
  }
  const indexes = await knex.raw(
    `SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public'`,
  );
  for (const r of indexes.rows) {
    if (MIGRATION_TABLES.includes(r.tablename)) continue;
    rows.push(`index ${JSON.stringify(r)}`);
  }
  const tables = await knex.raw(`
    SELECT table_name, obj_description((quote_ident(table_schema) || '.' || quote_ident(table_name))::regclass) AS comment
      FROM information_schema.tables WHERE table_schema = 'public'`);
  for (const r of tables.rows) {
    if (MIGRATION_TABLES.includes(r.table_name)) continue;
    rows.push(`table ${JSON.stringify(r)}`);
  }
  return rows.sort();
}

test('migrations up/down/up leave the schema identical on PostgreSQL', async t => {
  const [, applied] = await knex.migrate.latest({ directory: migrationsDir });
  const first = await describeSchema();
  assert.ok(
    first.some(row => row.startsWith('table ')),
    'up created tables',
  );

  await knex.migrate.rollback({ directory: migrationsDir }, true);
  const empty = await describeSchema();
  assert.deepEqual(
    empty,
    [],
    'down removed every table, column, index and constraint up created',
  );

  await knex.migrate.latest({ directory: migrationsDir });
  const second = await describeSchema();
  assert.deepEqual(
    second,
    first,
    'schema after up/down/up equals the schema after up',
  );

  const tables = first.filter(row => row.startsWith('table ')).length;
  recordFigure(t.diagnostic.bind(t), 'migrations', {
    migrations: applied.length,
    tables,
    schemaFacts: first.length,
    identicalAfterUpDownUp: true,
  });
});
