// @ts-check

/**
 * Pages counted per caller and rate-limit window. Every replica counts in this one table, so
 * the per-user paging limit holds however many replicas serve the portal.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_paging_windows', table => {
    table.comment(
      'Pages per caller and fixed rate-limit window, shared by every replica',
    );
    table
      .string('subject', 255)
      .notNullable()
      .comment('who paged: a user entity ref or a service subject');
    table
      .bigInteger('window_start')
      .notNullable()
      .comment(
        'epoch ms at which the window starts (a multiple of its length)',
      );
    table
      .integer('pages')
      .notNullable()
      .comment('page attempts counted in the window');
    table.primary(['subject', 'window_start'], 'oncall_paging_windows_pk');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_paging_windows');
};
