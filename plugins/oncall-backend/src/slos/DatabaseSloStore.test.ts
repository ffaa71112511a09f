import { testDatabaseIds } from '../__testUtils__/createTestStores';
import { useTestStores } from '../__testUtils__/useTestStores';
import { AT, providerSlo } from './__testUtils__/providerSlo';

jest.setTimeout(60_000);

describe.each(testDatabaseIds())('SloStore (%s)', databaseId => {
  const stores = useTestStores(databaseId, {
    emptyAfterEach: [
      'oncall_slo_history',
      'oncall_slo_tags',
      'oncall_slos',
      'oncall_monitor_tags',
      'oncall_monitors',
    ],
  });

  it('finds SLOs whose tags contain every tag of any query', async () => {
    await stores.slos.replaceSlos(
      'datadog',
      [
        providerSlo('a', ['service:checkout-api', 'env:prod']),
        providerSlo('b', ['service:checkout-api', 'env:staging']),
        providerSlo('c', ['service:cart-service', 'env:prod']),
      ],
      AT,
    );
    const ids = async (q: string[][]) =>
      (await stores.slos.findSlos(q)).map(s => s.id).sort();
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
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', ['service:x']), providerSlo('b', ['service:x'])],
      AT,
      [],
      new Map([['a', 99.95]]),
    );
    await stores.slos.updateDetails(
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
    await stores.slos.upsertHistory('b', [
      { day: '2026-11-19', sli: 98, complete: true },
    ]);
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', ['service:y'], { target: 99.5, name: 'renamed' })],
      AT,
    );
    const [a] = await stores.slos.listSlos('datadog');
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
    expect(await stores.slos.findSlos([['service:x']])).toEqual([]);
    expect(
      (await stores.slos.findSlos([['service:y']])).map(s => s.id),
    ).toEqual(['a']);
    expect(await stores.slos.history('b', '2026-01-01')).toEqual([]);
    expect(await stores.slos.history('a', '2026-01-01')).toEqual([
      { day: '2026-11-19', sli: 99.9, complete: true },
    ]);
    // the report reads the days of all its SLOs in one go: the same days per SLO
    const both = await stores.slos.histories(
      ['a', 'b', 'unknown'],
      '2026-01-01',
    );
    expect([...both.entries()]).toEqual([
      ['a', await stores.slos.history('a', '2026-01-01')],
      ['b', []],
      ['unknown', []],
    ]);
  });

  it("re-indexes the tags of the SLOs whose tags changed, keeps the others, and removes vanished SLOs, past one statement's rows", async () => {
    const many = (n: number, moved?: number) =>
      Array.from({ length: n }, (_, i) =>
        providerSlo(
          `s${String(i).padStart(4, '0')}`,
          i === moved ? ['service:moved'] : [`service:s${i}`, 'env:prod'],
        ),
      );
    const ids = async (q: string[][]) =>
      (await stores.slos.findSlos(q)).map(s => s.id).sort();
    await stores.slos.replaceSlos('datadog', many(1_200), AT);
    await stores.slos.replaceSlos('datadog', many(1_200, 7), AT);
    expect(await ids([['service:s7']])).toEqual([]);
    expect(await ids([['service:moved']])).toEqual(['s0007']);
    expect(await ids([['service:s1199', 'env:prod']])).toEqual(['s1199']);
    expect(await ids([['env:prod']])).toHaveLength(1_199);
    const tagRows = async () =>
      Number((await stores.knex('oncall_slo_tags').count({ n: '*' }))[0].n);
    expect(await tagRows()).toBe(1_199 * 2 + 1);

    await stores.slos.replaceSlos('datadog', many(100), AT);
    expect(await stores.slos.listSlos('datadog')).toHaveLength(100);
    expect(await ids([['env:prod']])).toHaveLength(100);
    expect(await tagRows()).toBe(200);
  });

  it('writes the SLIs of the SLOs given one, keeps the others, and keeps burn rates with their read time', async () => {
    const later = new Date(AT.getTime() + 60_000);
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', []), providerSlo('b', []), providerSlo('c', [])],
      AT,
      [],
      new Map([
        ['a', 99.5],
        ['b', 98],
        ['c', 97],
      ]),
    );
    await stores.slos.updateDetails(
      [{ id: 'a', sli1h: 90, sli6h: 95, sli3d: 99, days: [] }],
      AT,
    );
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', []), providerSlo('b', []), providerSlo('c', [])],
      later,
      [],
      new Map<string, number | undefined>([
        ['a', 99.6],
        ['b', undefined],
      ]),
    );
    const byId = new Map(
      (await stores.slos.listSlos('datadog')).map(s => [s.id, s]),
    );
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
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', []), providerSlo('b', [])],
      AT,
    );
    await stores.slos.replaceSlos('other', [providerSlo('z', [])], AT);
    expect(
      (await stores.slos.detailAges('datadog')).sort((x, y) =>
        x.id.localeCompare(y.id),
      ),
    ).toEqual([{ id: 'a' }, { id: 'b' }]);
    await stores.slos.updateDetails(
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
      (await stores.slos.detailAges('datadog')).sort((x, y) =>
        x.id.localeCompare(y.id),
      ),
    ).toEqual([
      { id: 'a', refreshedAt: AT },
      { id: 'b', refreshedAt: AT },
    ]);
    expect(
      await stores.slos.completeDays(['a', 'b', 'none'], '2026-11-19'),
    ).toEqual(
      new Map([
        ['a', new Set(['2026-11-19'])],
        ['b', new Set()],
        ['none', new Set()],
      ]),
    );
    expect(await stores.slos.history('b', '2026-01-01')).toEqual([
      { day: '2026-11-20', sli: undefined, complete: false },
    ]);
  });

  it('keeps an SLO the vendor sent but that could not be read this time', async () => {
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', ['service:x']), providerSlo('b', ['service:x'])],
      AT,
    );
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', ['service:x'])],
      AT,
      ['b'],
    );
    expect(
      (await stores.slos.findSlos([['service:x']])).map(s => s.id),
    ).toEqual(['a', 'b']);
  });

  it('upserts and prunes daily history', async () => {
    await stores.slos.replaceSlos(
      'datadog',
      [providerSlo('a', ['service:x'])],
      AT,
    );
    await stores.slos.upsertHistory('a', [
      { day: '2026-11-18', sli: 99, complete: true },
      { day: '2026-11-20', sli: undefined, complete: false },
    ]);
    await stores.slos.upsertHistory('a', [
      { day: '2026-11-20', sli: 99.5, complete: true },
    ]);
    await stores.slos.pruneHistory('2026-11-19');
    expect(await stores.slos.history('a', '2026-01-01')).toEqual([
      { day: '2026-11-20', sli: 99.5, complete: true },
    ]);
  });

  it('reads the days of many SLOs at once, each oldest first, from a given day', async () => {
    await stores.slos.replaceSlos(
      'datadog',
      [
        providerSlo('a', ['service:x']),
        providerSlo('b', ['service:x']),
        providerSlo('c', []),
      ],
      AT,
    );
    await stores.slos.upsertHistory('b', [
      { day: '2026-11-21', sli: 98, complete: true },
      { day: '2026-11-19', sli: 97, complete: true },
      { day: '2026-11-17', sli: 96, complete: true },
    ]);
    await stores.slos.upsertHistory('a', [
      { day: '2026-11-20', sli: undefined, complete: false },
      { day: '2026-11-18', sli: 99, complete: true },
    ]);
    const days = await stores.slos.histories(['a', 'b', 'c'], '2026-11-18');
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
    await stores.slos.replaceMonitors(
      [m('1', 'alert', ['service:x']), m('2', 'ok', ['service:x', 'env:prod'])],
      AT,
    );
    await stores.slos.replaceMonitors(
      [m('2', 'ok', ['service:x', 'env:prod']), m('3', 'alert', ['service:z'])],
      AT,
    );
    expect(
      (await stores.slos.findMonitors([['service:x']])).map(x => x.id),
    ).toEqual(['2']);
    expect((await stores.slos.findMonitors([['service:z']]))[0]).toEqual(
      m('3', 'alert', ['service:z']),
    );
  });
});
