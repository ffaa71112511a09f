// @ts-check

/**
 * Notifications: one row per notification event already claimed for sending (a SEV0/SEV1
 * opened, a shift about to start), and an index on the start of on-call periods (for the
 * shifts about to start). The primary key makes the claim atomic across replicas, so
 * each event is sent once, also after a restart. Times are epoch milliseconds.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_notifications_sent', table => {
    table.comment('Notification events claimed for sending, one row per event');
    table.string('event_key', 512).notNullable();
    table.primary(['event_key'], 'oncall_notifications_sent_pk');
    table.string('topic', 64).notNullable().comment('e.g. oncall-incident');
    table.bigInteger('claimed_at').notNullable().comment('epoch ms');
    table.index(['claimed_at'], 'oncall_notifications_sent_claimed_idx');
  });
  // shift reminders look up the periods that start soon
  await knex.schema.alterTable('oncall_periods', table => {
    table.index(['start_at'], 'oncall_periods_start_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('oncall_periods', table => {
    table.dropIndex(['start_at'], 'oncall_periods_start_idx');
  });
  await knex.schema.dropTable('oncall_notifications_sent');
};
