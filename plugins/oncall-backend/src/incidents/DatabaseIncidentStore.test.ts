import { RetrospectiveStatus } from '@oncall-for-backstage/plugin-oncall-common';
import { migrationsDir } from '../database/migrations';
import { ProviderIncident } from './IncidentProvider';
import { IncidentFilter } from './IncidentStore';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import {
  initTestDatabase,
  testDatabaseIds,
} from '../__testUtils__/createTestStores';
import { useTestStores } from '../__testUtils__/useTestStores';
import {
  incidentRow,
  providerIncident,
} from './__testUtils__/incidentFixtures';

jest.setTimeout(60_000);

const MIN = 60_000;
const T0 = Date.UTC(2026, 9, 1);

/** {@link providerIncident} started `startOffsetMin` minutes after T0. */
const incident = (
  id: string,
  startOffsetMin: number,
  extra: Partial<ProviderIncident> = {},
) => providerIncident(id, T0 + startOffsetMin * MIN, extra);

describe.each(testDatabaseIds())('IncidentStore (%s)', databaseId => {
  const stores = useTestStores(databaseId, {
    emptyAfterEach: ['oncall_incident_services', 'oncall_incidents'],
  });

  it('upserts idempotently and replaces services', async () => {
    await stores.incidents.upsert('blameless', [
      incident('1', 0),
      incident('2', 5),
    ]);
    const before = await stores.knex('oncall_incidents').orderBy('id');
    await stores.incidents.upsert('blameless', [
      incident('1', 0),
      incident('2', 5),
    ]);
    expect(await stores.knex('oncall_incidents').orderBy('id')).toEqual(before);
    await stores.incidents.upsert('blameless', [
      incident('1', 0, { services: ['Cart-Service'], status: 'monitoring' }),
    ]);
    expect(await stores.incidents.count()).toBe(2);
    const cart = await stores.incidents.list(
      { services: ['cart-service'] },
      { limit: 10 },
    );
    expect(cart.items.map(i => [i.id, i.status])).toEqual([
      ['1', 'monitoring'],
    ]);
    const checkout = await stores.incidents.list(
      { services: ['checkout'] },
      { limit: 10 },
    );
    expect(checkout.items.map(i => i.id)).toEqual(['2']);
  });

  it('filters by window, severity and status, and pages without gaps or repeats', async () => {
    await stores.incidents.upsert('blameless', [
      incident('a', 0, { severity: 'sev0' }),
      incident('b', 10),
      incident('c', 10),
      incident('d', 20, { status: 'investigating', resolvedAt: undefined }),
      incident('e', 30, { services: ['search-api'] }),
    ]);
    const seen: string[] = [];
    let after;
    do {
      const page = await stores.incidents.list(
        { services: ['checkout'] },
        { limit: 2, after },
      );
      seen.push(...page.items.map(i => i.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual(['d', 'c', 'b', 'a']);

    const ids = async (filter: IncidentFilter) =>
      (await stores.incidents.list(filter, { limit: 10 })).items.map(i => i.id);
    expect(
      await ids({
        services: ['checkout'],
        from: new Date(T0 + 5 * MIN),
        to: new Date(T0 + 10 * MIN),
      }),
    ).toEqual(['c', 'b']);
    expect(await ids({ services: ['checkout'], severities: ['sev0'] })).toEqual(
      ['a'],
    );
    expect(
      await ids({ services: ['checkout'], statuses: ['investigating'] }),
    ).toEqual(['d']);
    expect(await ids({ services: [] })).toEqual([]);
  });

  it('computes stats over the whole filtered set: MTTA over acknowledged, MTTR over resolved', async () => {
    await stores.incidents.upsert('blameless', [
      incident('1', 0, {
        severity: 'sev1',
        acknowledgedAt: new Date(T0 + 4 * MIN).toISOString(),
        resolvedAt: new Date(T0 + 30 * MIN).toISOString(),
      }),
      incident('2', 100, {
        acknowledgedAt: new Date(T0 + 108 * MIN).toISOString(),
        resolvedAt: new Date(T0 + 190 * MIN).toISOString(),
      }),
      incident('3', 200, {
        status: 'investigating',
        acknowledgedAt: undefined,
        resolvedAt: undefined,
      }),
    ]);
    const stats = await stores.incidents.stats({ services: ['checkout'] });
    expect(stats).toEqual({
      count: 3,
      bySeverity: { sev0: 0, sev1: 1, sev2: 2, sev3: 0 },
      mttaMinutes: 6, // (4 + 8) / 2
      mttrMinutes: 60, // (30 + 90) / 2
    });
    const none = await stores.incidents.stats({ services: ['nothing'] });
    expect(none).toEqual({
      count: 0,
      bySeverity: { sev0: 0, sev1: 0, sev2: 0, sev3: 0 },
      mttaMinutes: undefined,
      mttrMinutes: undefined,
    });
  });

  it('round-trips every field and prunes by start time', async () => {
    const full = incident('9', 0, {
      commander: { name: 'Maria Garcia', email: 'maria.garcia@example.com' },
      slackChannel: {
        name: '#inc-9-x',
        url: 'https://slack.com/app_redirect?channel=C9',
      },
      retrospective: {
        status: 'in_review',
        url: 'https://blameless.test/retrospective/9',
      },
      services: ['checkout', 'cart-service'],
    });
    await stores.incidents.upsert('blameless', [
      full,
      incident('old', -100_000),
    ]);
    const { items } = await stores.incidents.list(
      { services: ['cart-service'] },
      { limit: 5 },
    );
    const { updatedAt: _ignored, ...expected } = full;
    expect(items).toEqual([expected]);
    expect(await stores.incidents.prune(new Date(T0 - MIN))).toBe(1);
    expect(await stores.incidents.count()).toBe(1);
    const [{ n }] = await stores
      .knex('oncall_incident_services')
      .count({ n: '*' });
    expect(Number(n)).toBe(2);
    const all = await stores.incidents.listAll({ limit: 10 });
    expect(all.items.map(i => i.id)).toEqual(['9']);
  });

  it('serves only http(s) links, also from rows stored before links were checked', async () => {
    await stores.incidents.upsert('blameless', [
      incident('1', 0, {
        // eslint-disable-next-line no-script-url -- a hostile value on purpose
        slackChannel: { name: '#inc-1', url: 'javascript:alert(1)' },
        retrospective: { status: 'completed', url: 'data:text/html,x' },
      }),
      incident('2', 5, {
        slackChannel: { name: '#inc-2', url: 'https://acme.slack.com/C2' },
        retrospective: {
          status: 'completed',
          url: 'https://blameless.test/retrospective/2',
        },
      }),
    ]);
    const { items } = await stores.incidents.list(
      { services: ['checkout'] },
      { limit: 10 },
    );
    const byId = new Map(items.map(i => [i.id, i]));
    expect(byId.get('1')?.slackChannel).toBeUndefined();
    expect(byId.get('1')?.retrospective).toBeUndefined();
    expect(byId.get('2')).toMatchObject({
      slackChannel: { name: '#inc-2', url: 'https://acme.slack.com/C2' },
      retrospective: { url: 'https://blameless.test/retrospective/2' },
    });
  });

  it('keeps a pending retrospective pending until its lookup completes it', async () => {
    const retro = (id: string) => `https://blameless.test/retrospective/${id}`;
    /** An incident whose retrospective (`status` until looked up) is pending. */
    const pending = (
      id: string,
      startOffsetMin: number,
      status: RetrospectiveStatus,
    ) =>
      incident(id, startOffsetMin, {
        retrospective: { status, url: retro(id), pending: true },
      });
    await stores.incidents.upsert('blameless', [
      pending('p1', 0, 'not_started'),
      pending('p2', 10, 'not_required'),
      pending('p3', 20, 'not_started'),
      incident('done', 30, {
        retrospective: { status: 'in_review', url: retro('done') },
      }),
    ]);
    const read = async () =>
      Object.fromEntries(
        (
          await stores.incidents.list({ services: ['checkout'] }, { limit: 10 })
        ).items.map(i => [i.id, i.retrospective]),
      );
    expect(await read()).toEqual({
      p1: { status: 'not_started', url: retro('p1'), pending: true },
      p2: { status: 'not_required', url: retro('p2'), pending: true },
      p3: { status: 'not_started', url: retro('p3'), pending: true },
      done: { status: 'in_review', url: retro('done') },
    });
    expect(
      (await stores.incidents.listAll({ limit: 10 })).items.find(
        i => i.id === 'p1',
      )?.retrospective?.pending,
    ).toBe(true);
    // the background lookups take the most recently started pending incidents first
    expect(await stores.incidents.pendingRetrospectives(2)).toEqual([
      'p3',
      'p2',
    ]);
    expect(await stores.incidents.pendingRetrospectives(0)).toEqual([]);

    await stores.incidents.completeRetrospective('p1', {
      found: true,
      retrospective: { status: 'completed', url: retro('p1') },
    });
    await stores.incidents.completeRetrospective('p2', { found: false });
    await stores.incidents.completeRetrospective('p3', { found: true });
    // no longer pending: a sync looked it up since, and that answer stands
    await stores.incidents.completeRetrospective('done', {
      found: true,
      retrospective: { status: 'not_started', url: retro('done') },
    });
    expect(await read()).toEqual({
      p1: { status: 'completed', url: retro('p1') },
      p2: { status: 'not_required', url: retro('p2') },
      p3: undefined,
      done: { status: 'in_review', url: retro('done') },
    });
    expect(await stores.incidents.pendingRetrospectives(10)).toEqual([]);

    // a later sync that leaves it pending again marks it again
    await stores.incidents.upsert('blameless', [
      pending('p1', 0, 'not_started'),
    ]);
    expect((await read()).p1).toEqual({
      status: 'not_started',
      url: retro('p1'),
      pending: true,
    });
  });
});

describe.each(testDatabaseIds())(
  'retrospective pending migration (%s)',
  databaseId => {
    it('adds the column as not pending for stored incidents, and drops it again', async () => {
      const knex = await initTestDatabase(databaseId);
      const name = '20261127020000_incident_retrospective_pending.js';
      await knex.migrate.latest({ directory: migrationsDir });
      await knex.migrate.down({ directory: migrationsDir, name });
      expect(
        await knex.schema.hasColumn(
          'oncall_incidents',
          'retrospective_pending',
        ),
      ).toBe(false);
      await knex('oncall_incidents').insert(
        incidentRow('before', {
          retrospective_status: 'completed',
          retrospective_url: 'https://blameless.test/retrospective/before',
        }),
      );
      await knex.migrate.up({ directory: migrationsDir, name });
      const [item] = (
        await DatabaseIncidentStore.create({ knex: knex }).listAll({ limit: 1 })
      ).items;
      expect(item.retrospective).toEqual({
        status: 'completed',
        url: 'https://blameless.test/retrospective/before',
      });
      await knex.migrate.down({ directory: migrationsDir, name });
      expect(await knex('oncall_incidents').count({ n: '*' })).toEqual([
        { n: databaseId === 'SQLITE_3' ? 1 : '1' },
      ]);
      await knex.migrate.latest({ directory: migrationsDir });
      expect(
        await knex.schema.hasColumn(
          'oncall_incidents',
          'retrospective_pending',
        ),
      ).toBe(true);
    });
  },
);
