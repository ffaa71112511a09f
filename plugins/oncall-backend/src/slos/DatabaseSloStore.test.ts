import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { ProviderSlo } from './SloProvider';
import { SloStore } from './SloStore';
import { DatabaseSloStore } from './DatabaseSloStore';
import {
  createTestStores,
  initTestDatabase,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';

jest.setTimeout(60_000);

const AT = new Date('2026-11-20T12:00:00Z');

const slo = (
  id: string,
  tags: string[],
  extra: Partial<ProviderSlo> = {},
): ProviderSlo => ({
  id,
  name: `SLO ${id}`,
  tags,
  target: 99.9,
  timeframe: '30d',
  url: `https://app.datadoghq.com/slo?slo_id=${id}`,
  ...extra,
});

describe.each(testDatabaseIds())('SloStore (%s)', databaseId => {
  let knex: Knex;
  let store: SloStore;

  beforeAll(async () => {
    const stores = await createTestStores(databaseId);
    knex = stores.knex;
    store = stores.slos;
  });

  afterEach(async () => {
    for (const table of [
      'oncall_slo_history',
      'oncall_slo_tags',
      'oncall_slos',
      'oncall_monitor_tags',
      'oncall_monitors',
    ]) {
      await knex(table).delete();
    }
  });

  it('finds SLOs whose tags contain every tag of any query', async () => {
    await store.replaceSlos(
      'datadog',
      [
        slo('a', ['service:checkout-api', 'env:prod']),
        slo('b', ['service:checkout-api', 'env:staging']),
        slo('c', ['service:cart-service', 'env:prod']),
      ],
      AT,
    );
    const ids = async (q: string[][]) =>
      (await store.findSlos(q)).map(s => s.id).sort();
    expect(await ids([['service:checkout-api']])).toEqual(['a', 'b']);
    expect(await ids([['SERVICE:checkout-api', 'env:prod']])).toEqual(['a']);
    expect(
      await ids([
        ['service:checkout-api', 'env:prod'],
        ['service:cart-service'],
      ]),
    ).toEqual(['a', 'c']);
    expect(await ids([['service:none']])).toEqual([]);
    expect(await ids([])).toEqual([]);
  });

  it('keeps SLIs across definition updates, drops vanished SLOs with their history', async () => {
    await store.replaceSlos(
      'datadog',
      [slo('a', ['service:x']), slo('b', ['service:x'])],
      AT,
      [],
      new Map([['a', 99.95]]),
    );
    await store.updateDetails(
      [
        {
          id: 'a',
          sli1h: 100,
          sli6h: 99.8,
          sli3d: undefined,
          days: [{ day: '2026-11-19', sli: 99.9, complete: true }],
        },
      ],
      AT,
    );
    await store.upsertHistory('b', [
      { day: '2026-11-19', sli: 98, complete: true },
    ]);
    await store.replaceSlos(
      'datadog',
      [slo('a', ['service:y'], { target: 99.5, name: 'renamed' })],
      AT,
    );
    const [a] = await store.listSlos('datadog');
    expect(a).toMatchObject({
      id: 'a',
      name: 'renamed',
      target: 99.5,
      tags: ['service:y'],
      sli: 99.95,
      sli1h: 100,
      sli6h: 99.8,
    });
    expect(a.sli3d).toBeUndefined();
    expect(a.asOf).toEqual(AT);
    expect(a.burnRatesAsOf).toEqual(AT);
    expect(await store.findSlos([['service:x']])).toEqual([]);
    expect((await store.findSlos([['service:y']])).map(s => s.id)).toEqual([
      'a',
    ]);
    expect(await store.history('b', '2026-01-01')).toEqual([]);
    expect(await store.history('a', '2026-01-01')).toEqual([
      { day: '2026-11-19', sli: 99.9, complete: true },
    ]);
    // the report reads the days of all its SLOs in one go: the same days per SLO
    const both = await store.histories(['a', 'b', 'unknown'], '2026-01-01');
    expect([...both.entries()]).toEqual([
      ['a', await store.history('a', '2026-01-01')],
      ['b', []],
      ['unknown', []],
    ]);
  });

  it("re-indexes the tags of the SLOs whose tags changed, keeps the others, and removes vanished SLOs, past one statement's rows", async () => {
    const many = (n: number, moved?: number) =>
      Array.from({ length: n }, (_, i) =>
        slo(
          `s${String(i).padStart(4, '0')}`,
          i === moved ? ['service:moved'] : [`service:s${i}`, 'env:prod'],
        ),
      );
    const ids = async (q: string[][]) =>
      (await store.findSlos(q)).map(s => s.id).sort();
    await store.replaceSlos('datadog', many(1_200), AT);
    await store.replaceSlos('datadog', many(1_200, 7), AT);
    expect(await ids([['service:s7']])).toEqual([]);
    expect(await ids([['service:moved']])).toEqual(['s0007']);
    expect(await ids([['service:s1199', 'env:prod']])).toEqual(['s1199']);
    expect(await ids([['env:prod']])).toHaveLength(1_199);
    const tagRows = async () =>
      Number((await knex('oncall_slo_tags').count({ n: '*' }))[0].n);
    expect(await tagRows()).toBe(1_199 * 2 + 1);

    await store.replaceSlos('datadog', many(100), AT);
    expect(await store.listSlos('datadog')).toHaveLength(100);
    expect(await ids([['env:prod']])).toHaveLength(100);
    expect(await tagRows()).toBe(200);
  });

  it('writes the SLIs of the SLOs given one, keeps the others, and keeps burn rates with their read time', async () => {
    const later = new Date(AT.getTime() + 60_000);
    await store.replaceSlos(
      'datadog',
      [slo('a', []), slo('b', []), slo('c', [])],
      AT,
      [],
      new Map([
        ['a', 99.5],
        ['b', 98],
        ['c', 97],
      ]),
    );
    await store.updateDetails(
      [{ id: 'a', sli1h: 90, sli6h: 95, sli3d: 99, days: [] }],
      AT,
    );
    await store.replaceSlos(
      'datadog',
      [slo('a', []), slo('b', []), slo('c', [])],
      later,
      [],
      new Map<string, number | undefined>([
        ['a', 99.6],
        ['b', undefined],
      ]),
    );
    const byId = new Map((await store.listSlos('datadog')).map(s => [s.id, s]));
    expect(byId.get('a')).toMatchObject({
      sli: 99.6,
      sli1h: 90,
      sli6h: 95,
      sli3d: 99,
      asOf: later,
      burnRatesAsOf: AT,
    });
    expect(byId.get('b')?.sli).toBeUndefined(); // no data now
    expect(byId.get('b')?.asOf).toEqual(later);
    expect(byId.get('c')).toMatchObject({ sli: 97, asOf: AT }); // not read this time
    expect(byId.get('c')?.burnRatesAsOf).toBeUndefined();
  });

  it('tells each SLO detail age and its complete days, and writes details of many SLOs at once', async () => {
    await store.replaceSlos('datadog', [slo('a', []), slo('b', [])], AT);
    await store.replaceSlos('other', [slo('z', [])], AT);
    expect(
      (await store.detailAges('datadog')).sort((x, y) =>
        x.id.localeCompare(y.id),
      ),
    ).toEqual([{ id: 'a' }, { id: 'b' }]);
    await store.updateDetails(
      [
        {
          id: 'a',
          sli1h: 99,
          days: [
            { day: '2026-11-18', sli: 99, complete: true },
            { day: '2026-11-19', sli: 98, complete: true },
            { day: '2026-11-20', sli: 97, complete: false },
          ],
        },
        {
          id: 'b',
          days: [{ day: '2026-11-20', sli: undefined, complete: false }],
        },
      ],
      AT,
    );
    expect(
      (await store.detailAges('datadog')).sort((x, y) =>
        x.id.localeCompare(y.id),
      ),
    ).toEqual([
      { id: 'a', refreshedAt: AT },
      { id: 'b', refreshedAt: AT },
    ]);
    expect(await store.completeDays(['a', 'b', 'none'], '2026-11-19')).toEqual(
      new Map([
        ['a', new Set(['2026-11-19'])],
        ['b', new Set()],
        ['none', new Set()],
      ]),
    );
    expect(await store.history('b', '2026-01-01')).toEqual([
      { day: '2026-11-20', sli: undefined, complete: false },
    ]);
  });

  it('keeps an SLO the vendor sent but that could not be read this time', async () => {
    await store.replaceSlos(
      'datadog',
      [slo('a', ['service:x']), slo('b', ['service:x'])],
      AT,
    );
    await store.replaceSlos('datadog', [slo('a', ['service:x'])], AT, ['b']);
    expect((await store.findSlos([['service:x']])).map(s => s.id)).toEqual([
      'a',
      'b',
    ]);
  });

  it('upserts and prunes daily history', async () => {
    await store.replaceSlos('datadog', [slo('a', ['service:x'])], AT);
    await store.upsertHistory('a', [
      { day: '2026-11-18', sli: 99, complete: true },
      { day: '2026-11-20', sli: undefined, complete: false },
    ]);
    await store.upsertHistory('a', [
      { day: '2026-11-20', sli: 99.5, complete: true },
    ]);
    await store.pruneHistory('2026-11-19');
    expect(await store.history('a', '2026-01-01')).toEqual([
      { day: '2026-11-20', sli: 99.5, complete: true },
    ]);
  });

  it('reads the days of many SLOs at once, each oldest first, from a given day', async () => {
    await store.replaceSlos(
      'datadog',
      [slo('a', ['service:x']), slo('b', ['service:x']), slo('c', [])],
      AT,
    );
    await store.upsertHistory('b', [
      { day: '2026-11-21', sli: 98, complete: true },
      { day: '2026-11-19', sli: 97, complete: true },
      { day: '2026-11-17', sli: 96, complete: true },
    ]);
    await store.upsertHistory('a', [
      { day: '2026-11-20', sli: undefined, complete: false },
      { day: '2026-11-18', sli: 99, complete: true },
    ]);
    const days = await store.histories(['a', 'b', 'c'], '2026-11-18');
    expect(Object.fromEntries(days)).toEqual({
      a: [
        { day: '2026-11-18', sli: 99, complete: true },
        { day: '2026-11-20', sli: undefined, complete: false },
      ],
      b: [
        { day: '2026-11-19', sli: 97, complete: true },
        { day: '2026-11-21', sli: 98, complete: true },
      ],
      c: [],
    });
  });

  it('replaces monitors and finds them by tags', async () => {
    const m = (id: string, state: 'alert' | 'ok', tags: string[]) => ({
      id,
      name: `m${id}`,
      state,
      tags,
      url: `u${id}`,
    });
    await store.replaceMonitors(
      [m('1', 'alert', ['service:x']), m('2', 'ok', ['service:x', 'env:prod'])],
      AT,
    );
    await store.replaceMonitors(
      [m('2', 'ok', ['service:x', 'env:prod']), m('3', 'alert', ['service:z'])],
      AT,
    );
    expect((await store.findMonitors([['service:x']])).map(x => x.id)).toEqual([
      '2',
    ]);
    expect((await store.findMonitors([['service:z']]))[0]).toEqual(
      m('3', 'alert', ['service:z']),
    );
  });
});

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
      await knex('oncall_incidents').insert({
        id: '1',
        source: 'blameless',
        title: 't',
        severity: 'sev1',
        status: 'resolved',
        started_at: 1,
        updated_at: 1,
        url: 'u',
        services: '[]',
      });
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
      await store.replaceSlos('datadog', [slo('a', ['service:x'])], AT);
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
