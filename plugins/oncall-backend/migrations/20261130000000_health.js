// @ts-check

/**
 * On-call health: the pages (alerts routed to a team) synced from the on-call provider, with
 * who was first on call at the page's minute, and the first-level shifts of each team's
 * schedule (for pages per shift and fairness). Times are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_health_pages', table => {
    table.comment('Pages per team, one row per provider alert');
    table.string('source', 32).notNullable().comment('e.g. opsgenie');
    table.string('id', 128).notNullable();
    table.primary(['source', 'id'], 'oncall_health_pages_pk');
    table.string('team_id', 128).notNullable();
    table.string('short_id', 64).nullable();
    table.string('key', 512).notNullable().comment('grouping key (alias)');
    table.text('message').notNullable();
    table.string('priority', 16).nullable();
    table.string('status', 16).notNullable();
    table.integer('count').notNullable();
    table.bigInteger('created_at').notNullable().comment('epoch ms');
    table.bigInteger('updated_at').notNullable().comment('epoch ms');
    table.bigInteger('acknowledged_at').nullable().comment('epoch ms');
    table.string('acknowledged_by', 255).nullable();
    table.bigInteger('closed_at').nullable().comment('epoch ms');
    table.string('closed_by', 255).nullable();
    table
      .string('responder', 255)
      .nullable()
      .comment('username first on call at created_at');
    table
      .string('responder_time_zone', 64)
      .nullable()
      .comment("time zone of the responder, else of the schedule");
    table.string('rotation', 255).nullable();
    table.string('schedule_name', 255).nullable();
    table.index(['source', 'team_id', 'created_at'], 'oncall_health_pages_team_idx');
    table.index(['created_at'], 'oncall_health_pages_created_idx');
  });
  await knex.schema.createTable('oncall_health_shifts', table => {
    table.comment("First-level on-call periods of the schedule of each team");
    table.string('source', 32).notNullable();
    table.string('team_id', 128).notNullable();
    table.string('schedule_id', 128).notNullable();
    table.string('rotation', 255).notNullable();
    table.bigInteger('start_at').notNullable().comment('epoch ms');
    table.bigInteger('end_at').notNullable().comment('epoch ms');
    table.string('username', 255).notNullable();
    table.string('schedule_name', 255).notNullable();
    table.primary(
      ['source', 'team_id', 'schedule_id', 'rotation', 'start_at'],
      'oncall_health_shifts_pk',
    );
    table.index(['username', 'start_at'], 'oncall_health_shifts_user_idx');
    table.index(['end_at'], 'oncall_health_shifts_end_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_health_shifts');
  await knex.schema.dropTable('oncall_health_pages');
};
