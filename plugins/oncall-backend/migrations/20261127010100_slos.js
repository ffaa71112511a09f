// @ts-check

/**
 * SLOs and monitors synced from the SLO vendor, their tags (for entity queries) and a daily
 * SLI history kept by the scheduled snapshot. SLIs are percentages as the vendor reports them;
 * burn rates and status are derived when read.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_slos', table => {
    table.comment(
      'SLOs with their latest SLIs over the timeframe and the burn-rate windows',
    );
    table.string('id', 64).notNullable();
    table.primary(['id'], 'oncall_slos_pk');
    table.string('source', 32).notNullable();
    table.text('name').notNullable();
    table.text('description').nullable();
    table.string('type', 16).nullable();
    table.double('target').notNullable().comment('percent');
    table.double('warning').nullable().comment('percent');
    table.string('timeframe', 16).notNullable();
    table.double('sli').nullable().comment('percent over the timeframe');
    table.double('sli_1h').nullable();
    table.double('sli_6h').nullable();
    table.double('sli_3d').nullable();
    table.text('tags').notNullable().comment('JSON array');
    table.text('url').notNullable();
    table.bigInteger('as_of').notNullable().comment('epoch ms of the snapshot');
  });
  await knex.schema.createTable('oncall_slo_tags', table => {
    table.comment('Tags per SLO, lower-case, for tag queries');
    table
      .string('slo_id', 64)
      .notNullable()
      .references('id')
      .inTable('oncall_slos')
      .onDelete('CASCADE');
    table.string('tag', 255).notNullable();
    table.primary(['slo_id', 'tag'], 'oncall_slo_tags_pk');
    table.index(['tag', 'slo_id'], 'oncall_slo_tags_tag_idx');
  });
  await knex.schema.createTable('oncall_slo_history', table => {
    table.comment('Daily SLI per SLO (UTC days)');
    table
      .string('slo_id', 64)
      .notNullable()
      .references('id')
      .inTable('oncall_slos')
      .onDelete('CASCADE');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD (UTC)');
    table.double('sli').nullable().comment('percent; null without data');
    table
      .boolean('complete')
      .notNullable()
      .comment('false while the day is still running');
    table.primary(['slo_id', 'day'], 'oncall_slo_history_pk');
  });
  await knex.schema.createTable('oncall_monitors', table => {
    table.comment('Monitors with their overall state');
    table.string('id', 64).notNullable();
    table.primary(['id'], 'oncall_monitors_pk');
    table.text('name').notNullable();
    table
      .string('state', 32)
      .notNullable()
      .comment('alert, warn, ok, no_data or other');
    table.text('tags').notNullable().comment('JSON array');
    table.text('url').notNullable();
    table.bigInteger('as_of').notNullable();
  });
  await knex.schema.createTable('oncall_monitor_tags', table => {
    table.comment('Tags per monitor, lower-case, for tag queries');
    table
      .string('monitor_id', 64)
      .notNullable()
      .references('id')
      .inTable('oncall_monitors')
      .onDelete('CASCADE');
    table.string('tag', 255).notNullable();
    table.primary(['monitor_id', 'tag'], 'oncall_monitor_tags_pk');
    table.index(['tag', 'monitor_id'], 'oncall_monitor_tags_tag_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_monitor_tags');
  await knex.schema.dropTable('oncall_monitors');
  await knex.schema.dropTable('oncall_slo_history');
  await knex.schema.dropTable('oncall_slo_tags');
  await knex.schema.dropTable('oncall_slos');
};
