import { migrationsDir } from '../database/migrations';
import { DatabaseSloStore } from './DatabaseSloStore';
import {
  initTestDatabase,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';
import { incidentRow } from '../incidents/__testUtils__/incidentFixtures';
import { AT, providerSlo } from './__testUtils__/providerSlo';

jest.setTimeout(60_000);

describe.each(testDatabaseIds())(
  'incident and SLO migrations (%s)',
  databaseId => {
    it('go up, down and up again', async () => {
      const knex = await initTestDatabase(databaseId);
      const ours = [
        '20261127010000_incidents.js',
        '20261127010100_slos.js',
        '20261127020100_slo_detail_refreshed.js',
      ];
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('oncall_incidents')).toBe(true);
      expect(await knex.schema.hasTable('oncall_slo_history')).toBe(true);
      await knex('oncall_incidents').insert(incidentRow('1'));
      // roll back to just before our migrations, one by one
      let [, pending] = await knex.migrate.list({ directory: migrationsDir });
      while (
        (await knex.migrate.list({ directory: migrationsDir }))[0].some(
          (m: { name: string }) => ours.includes(m.name),
        )
      ) {
        await knex.migrate.down({ directory: migrationsDir });
        [, pending] = await knex.migrate.list({ directory: migrationsDir });
      }
      expect(pending.map((m: { file: string }) => m.file)).toEqual(
        expect.arrayContaining(ours),
      );
      expect(await knex.schema.hasTable('oncall_incidents')).toBe(false);
      expect(await knex.schema.hasTable('oncall_slos')).toBe(false);
      expect(await knex.schema.hasTable('oncall_monitor_tags')).toBe(false);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await knex.schema.hasTable('oncall_incident_services')).toBe(true);
      expect(await knex.schema.hasTable('oncall_monitors')).toBe(true);
    });

    it('adds and drops the detail read time without touching the SLOs or their history', async () => {
      const knex = await initTestDatabase(databaseId);
      await knex.migrate.latest({ directory: migrationsDir });
      const store = DatabaseSloStore.create({ knex: knex });
      await store.replaceSlos('datadog', [providerSlo('a', ['service:x'])], AT);
      await store.upsertHistory('a', [
        { day: '2026-11-19', sli: 99.9, complete: true },
      ]);
      while (
        (await knex.migrate.list({ directory: migrationsDir }))[0].some(
          (m: { name: string }) =>
            m.name === '20261127020100_slo_detail_refreshed.js',
        )
      ) {
        await knex.migrate.down({ directory: migrationsDir });
      }
      expect(
        await knex.schema.hasColumn('oncall_slos', 'detail_refreshed_at'),
      ).toBe(false);
      expect(await knex('oncall_slo_history').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);
      expect(await knex('oncall_slo_tags').count({ n: '*' })).toEqual([
        { n: databaseId === 'POSTGRES_15' ? '1' : 1 },
      ]);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(await store.history('a', '2026-01-01')).toHaveLength(1);
      expect(
        (await store.listSlos('datadog'))[0].burnRatesAsOf,
      ).toBeUndefined();
    });
  },
);
