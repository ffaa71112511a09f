// @ts-check

/**
 * The on-call store: Opsgenie teams, schedules (with their rotations), the final timeline
 * of each schedule for the next two weeks, escalation policies and users, as last synced.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_teams', table => {
    table.comment('On-call teams as last synced');
    table.string('id', 128).notNullable().primary('oncall_teams_pk');
    table.string('name', 255).notNullable();
    table.string('name_key', 255).notNullable().comment('lower-case name');
    table.text('members').nullable().comment('JSON: member usernames');
    table.timestamp('synced_at', { useTz: true }).nullable();
    table.index(['name_key'], 'oncall_teams_name_idx');
  });
  await knex.schema.createTable('oncall_schedules', table => {
    table.comment('On-call schedules with their rotations');
    table.string('id', 128).notNullable().primary('oncall_schedules_pk');
    table.string('name', 255).notNullable();
    table.string('name_key', 255).notNullable().comment('lower-case name');
    table.string('team_id', 128).nullable();
    table.string('team_name', 255).nullable();
    table.string('timezone', 64).notNullable();
    table.boolean('enabled').notNullable();
    table.text('rotations').notNullable().comment('JSON: RotationDefinition[]');
    table.timestamp('synced_at', { useTz: true }).nullable();
    table.index(['team_id'], 'oncall_schedules_team_idx');
    table.index(['name_key'], 'oncall_schedules_name_idx');
  });
  await knex.schema.createTable('oncall_periods', table => {
    table.comment('Final timeline periods (overrides applied) per schedule');
    table.bigIncrements('id').primary('oncall_periods_pk');
    table.string('schedule_id', 128).notNullable();
    table.string('rotation_id', 128).notNullable();
    table.string('rotation_name', 255).notNullable();
    table.timestamp('start_at', { useTz: true }).notNullable();
    table.timestamp('end_at', { useTz: true }).notNullable();
    table.string('recipient_type', 32).notNullable();
    table.string('recipient_id', 128).nullable();
    table.string('recipient_name', 255).nullable();
    table.string('recipient_key', 255).nullable().comment('lower-case name');
    table.boolean('is_override').notNullable().defaultTo(false);
    table.index(['schedule_id', 'end_at'], 'oncall_periods_schedule_idx');
    table.index(['recipient_key', 'end_at'], 'oncall_periods_recipient_idx');
  });
  await knex.schema.createTable('oncall_escalations', table => {
    table.comment('Escalation policies');
    table.string('id', 128).notNullable().primary('oncall_escalations_pk');
    table.string('name', 255).notNullable();
    table.string('team_id', 128).nullable();
    table.text('rules').notNullable().comment('JSON: EscalationRule[]');
    table.index(['team_id'], 'oncall_escalations_team_idx');
  });
  await knex.schema.createTable('oncall_users', table => {
    table.comment('On-call users (name and email of responders)');
    table.string('id', 128).notNullable().primary('oncall_users_pk');
    table.string('username', 255).notNullable();
    table.string('username_key', 255).notNullable().comment('lower-case');
    table.string('full_name', 255).nullable();
    table.string('email', 255).nullable();
    table.index(['username_key'], 'oncall_users_username_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_users');
  await knex.schema.dropTable('oncall_escalations');
  await knex.schema.dropTable('oncall_periods');
  await knex.schema.dropTable('oncall_schedules');
  await knex.schema.dropTable('oncall_teams');
};
