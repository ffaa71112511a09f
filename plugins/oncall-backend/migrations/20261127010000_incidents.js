// @ts-check

/**
 * Incidents synced from the incident-management vendor, and the services each was filed
 * against (denormalised with the start time so entity queries use one index).
 * Times are epoch milliseconds, which keeps date arithmetic portable across databases.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('oncall_incidents', table => {
    table.comment('Incidents, one row per vendor incident');
    table.string('id', 64).notNullable();
    table.primary(['id'], 'oncall_incidents_pk');
    table.string('source', 32).notNullable().comment('e.g. blameless');
    table.text('title').notNullable();
    table.string('severity', 8).notNullable().comment('sev0..sev3');
    table.string('status', 16).notNullable();
    table.bigInteger('started_at').notNullable().comment('epoch ms');
    table.bigInteger('acknowledged_at').nullable().comment('epoch ms');
    table.bigInteger('resolved_at').nullable().comment('epoch ms');
    table
      .bigInteger('updated_at')
      .notNullable()
      .comment('vendor update time, epoch ms');
    table.string('commander_name', 255).nullable();
    table.string('commander_email', 255).nullable();
    table.string('slack_channel_name', 255).nullable();
    table.text('slack_channel_url').nullable();
    table.string('retrospective_status', 16).nullable();
    table.text('retrospective_url').nullable();
    table.text('url').notNullable();
    table.text('services').notNullable().comment('JSON array of service names');
    table.index(['started_at', 'id'], 'oncall_incidents_started_idx');
    table.index(['updated_at'], 'oncall_incidents_updated_idx');
  });
  await knex.schema.createTable('oncall_incident_services', table => {
    table.comment('Service names per incident, for entity queries');
    table
      .string('incident_id', 64)
      .notNullable()
      .references('id')
      .inTable('oncall_incidents')
      .onDelete('CASCADE');
    table
      .string('service', 255)
      .notNullable()
      .comment('lower-case service name');
    table
      .bigInteger('started_at')
      .notNullable()
      .comment('copy of the incident start, epoch ms');
    table.primary(['incident_id', 'service'], 'oncall_incident_services_pk');
    table.index(
      ['service', 'started_at'],
      'oncall_incident_services_service_started_idx',
    );
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('oncall_incident_services');
  await knex.schema.dropTable('oncall_incidents');
};
