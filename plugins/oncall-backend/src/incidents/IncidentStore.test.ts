import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { ProviderIncident } from './IncidentProvider';
import { IncidentStore } from './IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const MIN = 60_000;
const T0 = Date.UTC(2026, 9, 1);

function incident(
  id: string,
  startOffsetMin: number,
  extra: Partial<ProviderIncident> = {},
): ProviderIncident {
  const started = T0 + startOffsetMin * MIN;
  return {
    id,
    title: `Incident ${id}`,
    severity: 'sev2',
    status: 'resolved',
    startedAt: new Date(started).toISOString(),
    acknowledgedAt: new Date(started + 10 * MIN).toISOString(),
    resolvedAt: new Date(started + 60 * MIN).toISOString(),
    updatedAt: new Date(started + 60 * MIN).toISOString(),
    services: ['checkout'],
    url: `https://blameless.test/incident/${id}/events`,
    ...extra,
  };
}

describe.each(databases.eachSupportedId())('IncidentStore (%s)', databaseId => {
  let knex: Knex;
  let store: IncidentStore;

  beforeAll(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: migrationsDir });
    store = new IncidentStore(knex);
  });

  afterEach(async () => {
    await knex('oncall_incident_services').delete();
    await knex('oncall_incidents').delete();
  });

  it('upserts idempotently and replaces services', async () => {
    await store.upsert('blameless', [incident('1', 0), incident('2', 5)]);
    const before = await knex('oncall_incidents').orderBy('id');
    await store.upsert('blameless', [incident('1', 0), incident('2', 5)]);
    expect(await knex('oncall_incidents').orderBy('id')).toEqual(before);
    await store.upsert('blameless', [
      incident('1', 0, { services: ['Cart-Service'], status: 'monitoring' }),
    ]);
    expect(await store.count()).toBe(2);
    const cart = await store.list(
      { services: ['cart-service'] },
      { limit: 10 },
    );
    expect(cart.items.map(i => [i.id, i.status])).toEqual([
      ['1', 'monitoring'],
    ]);
    const checkout = await store.list(
      { services: ['checkout'] },
      { limit: 10 },
    );
    expect(checkout.items.map(i => i.id)).toEqual(['2']);
  });

  it('filters by window, severity and status, and pages without gaps or repeats', async () => {
    await store.upsert('blameless', [
      incident('a', 0, { severity: 'sev0' }),
      incident('b', 10),
      incident('c', 10),
      incident('d', 20, { status: 'investigating', resolvedAt: undefined }),
      incident('e', 30, { services: ['search-api'] }),
    ]);
    const seen: string[] = [];
    let after;
    do {
      const page = await store.list(
        { services: ['checkout'] },
        { limit: 2, after },
      );
      seen.push(...page.items.map(i => i.id));
      after = page.next;
    } while (after);
    expect(seen).toEqual(['d', 'c', 'b', 'a']);

    const window = await store.list(
      {
        services: ['checkout'],
        from: new Date(T0 + 5 * MIN),
        to: new Date(T0 + 10 * MIN),
      },
      { limit: 10 },
    );
    expect(window.items.map(i => i.id)).toEqual(['c', 'b']);
    expect(
      (
        await store.list(
          { services: ['checkout'], severities: ['sev0'] },
          { limit: 10 },
        )
      ).items.map(i => i.id),
    ).toEqual(['a']);
    expect(
      (
        await store.list(
          { services: ['checkout'], statuses: ['investigating'] },
          { limit: 10 },
        )
      ).items.map(i => i.id),
    ).toEqual(['d']);
    expect((await store.list({ services: [] }, { limit: 10 })).items).toEqual(
      [],
    );
  });

  it('computes stats over the whole filtered set: MTTA over acknowledged, MTTR over resolved', async () => {
    await store.upsert('blameless', [
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
    const stats = await store.stats({ services: ['checkout'] });
    expect(stats).toEqual({
      count: 3,
      bySeverity: { sev0: 0, sev1: 1, sev2: 2, sev3: 0 },
      mttaMinutes: 6, // (4 + 8) / 2
      mttrMinutes: 60, // (30 + 90) / 2
    });
    const none = await store.stats({ services: ['nothing'] });
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
    await store.upsert('blameless', [full, incident('old', -100_000)]);
    const { items } = await store.list(
      { services: ['cart-service'] },
      { limit: 5 },
    );
    const { updatedAt: _ignored, ...expected } = full;
    expect(items).toEqual([expected]);
    expect(await store.prune(new Date(T0 - MIN))).toBe(1);
    expect(await store.count()).toBe(1);
    const [{ n }] = await knex('oncall_incident_services').count({ n: '*' });
    expect(Number(n)).toBe(2);
    const all = await store.listAll({ limit: 10 });
    expect(all.items.map(i => i.id)).toEqual(['9']);
  });
});
