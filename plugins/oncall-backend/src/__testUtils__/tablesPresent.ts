import { Knex } from 'knex';

/** Those of `tables` the database has, in the order asked. */
export async function tablesPresent(
  knex: Knex,
  tables: string[],
): Promise<string[]> {
  const present: string[] = [];
  for (const table of tables) {
    if (await knex.schema.hasTable(table)) {
      present.push(table);
    }
  }
  return present;
}
