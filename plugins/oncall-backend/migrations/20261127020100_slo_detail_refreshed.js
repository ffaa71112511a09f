// @ts-check

/**
 * When each SLO's detail (burn-rate windows and recent daily history) was last read, so the
 * snapshot refreshes it only when due while the SLI over the timeframe is read every run.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('oncall_slos', table => {
    table
      .bigInteger('detail_refreshed_at')
      .nullable()
      .comment(
        'epoch ms of the last read of sli_1h, sli_6h, sli_3d and the recent days; null = never',
      );
  });
};

/**
 * A plain `DROP COLUMN` (SQLite 3.35+, PostgreSQL): knex's SQLite fallback would rebuild the
 * table, and the rebuild's delete would cascade to the SLOs' tags and history.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.raw('ALTER TABLE ?? DROP COLUMN ??', [
    'oncall_slos',
    'detail_refreshed_at',
  ]);
};
