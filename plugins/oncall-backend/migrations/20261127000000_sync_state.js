// @ts-check

/**
 * Per-source sync bookkeeping: when each vendor was last read successfully, the last error
 * while it is failing, and the incremental-sync watermark.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_sync_state', table => {
    table.comment('Last successful sync and last error per vendor and scope');
    table
      .string('source', 32)
      .notNullable()
      .comment('opsgenie, blameless or datadog');
    table
      .string('scope', 255)
      .notNullable()
      .comment('what was synced, e.g. a schedule id or "all"');
    table
      .timestamp('as_of', { useTz: true })
      .nullable()
      .comment('last successful fetch');
    table
      .string('watermark', 64)
      .nullable()
      .comment('incremental sync position');
    table.text('last_error').nullable();
    table.timestamp('last_error_at', { useTz: true }).nullable();
    table.primary(['source', 'scope'], 'oncall_sync_state_pk');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_sync_state');
};
