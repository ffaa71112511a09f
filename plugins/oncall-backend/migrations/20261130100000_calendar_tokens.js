// @ts-check

/**
 * Calendar feed: one secret per user for `GET /me/calendar.ics?token=…`. Only the SHA-256 of
 * the secret is stored; a new secret replaces the old one (one row per user), and revoking
 * deletes the row.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_calendar_tokens', table => {
    table.comment('Per-user calendar feed secrets, stored hashed');
    table
      .string('user_ref', 255)
      .notNullable()
      .primary('oncall_calendar_tokens_pk')
      .comment('the user entity ref, e.g. user:default/ada');
    table
      .string('token_hash', 64)
      .notNullable()
      .comment('hex SHA-256 of the secret');
    table.unique(['token_hash'], {
      indexName: 'oncall_calendar_tokens_hash_idx',
    });
    table.bigInteger('created_at').notNullable().comment('epoch ms');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_calendar_tokens');
};
