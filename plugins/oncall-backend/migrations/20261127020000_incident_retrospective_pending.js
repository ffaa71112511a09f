// @ts-check

/**
 * Marks incidents whose retrospective was not looked up during the sync (older, resolved
 * incidents): they carry the state the incident list implies until a view of them has the
 * retrospective looked up.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('oncall_incidents', table => {
    table
      .boolean('retrospective_pending')
      .notNullable()
      .defaultTo(false)
      .comment(
        'true while the retrospective state is the list-derived fallback, not yet looked up',
      );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('oncall_incidents', table => {
    table.dropColumn('retrospective_pending');
  });
};
