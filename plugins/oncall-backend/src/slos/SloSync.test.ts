import { mockServices } from '@backstage/backend-test-utils';
import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { HttpResponse, bypass, http } from 'msw';
import { setupServer } from 'msw/node';
import { SyncStateStore } from '../database/SyncStateStore';
import { buildSlo } from './buildSlo';
import { DatadogSloProvider } from './datadog/DatadogSloProvider';
import { SloStore, StoredSlo } from './SloStore';
import { DatabaseSloStore } from './DatabaseSloStore';
import { SLO_SYNC_SCOPE, SloSync } from './SloSync';
import { createVendorPolicy } from '../lib/resilience';
import { Shard, inShard, shardsOf } from '../lib/shards';
import { sandboxVendorSections } from '../__testUtils__/startOncallTestBackend';
import { createTestStores } from '../__testUtils__/createTestStores';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const MAX_AGE = 10 * MINUTE;
const T0 = new Date('2026-11-20T12:00:00Z');

const LIST = 'GET /api/v1/slo';
const SEARCH = 'GET /api/v1/slo/search';
const HISTORY = 'GET /api/v1/slo/:id/history';
const MONITORS = 'GET /api/v1/monitor';

// the vendor boundary: the sandbox, with msw in front to break or trim single routes
const msw = setupServer();

type SearchBody = {
  data: { attributes: { slos: Array<{ data: { id: string } }> } };
};

describe('SloSync against the sandbox', () => {
  let now = T0;
  const sandbox = useSandbox({ now: () => now });

  beforeAll(() => msw.listen({ onUnhandledRequest: 'bypass' }));
  afterEach(() => msw.resetHandlers());
  afterAll(() => msw.close());

  async function setup(
    options: { shards?: number; historyReadsPerMinute?: number } = {},
  ) {
    now = T0;
    const { knex } = await createTestStores('SQLITE_3');
    const logger = mockServices.logger.mock();
    const store = DatabaseSloStore.create({ knex: knex });
    const syncState = new SyncStateStore(knex);
    const sync = new SloSync({
      provider: DatadogSloProvider.create({
        config: sandboxVendorSections(sandbox.url).datadog,
        policy: createVendorPolicy('datadog', logger, {
          baseDelayMs: 1,
          maxDelayMs: 10,
        }),
      }),
      store,
      syncState,
      logger,
      burnRateMaxAgeMs: MAX_AGE,
      historyReadsPerMinute: options.historyReadsPerMinute,
      now: () => now,
      shards: options.shards,
    });
    return { knex, store, syncState, sync, logger };
  }

  /** DataDog requests per route made by `fn`. */
  async function requestsOf(fn: () => Promise<unknown>) {
    const routes = () => sandbox.state.stats.snapshot().vendors.datadog.routes;
    const before = routes();
    await fn();
    const after = routes();
    return Object.fromEntries(
      Object.entries(after)
        .map(([route, n]) => [route, n - (before[route] ?? 0)])
        .filter(([, n]) => n !== 0),
    );
  }

  const slos = () => sandbox.org.slos;
  const metricSlos = () => slos().filter(s => s.type === 'metric').length;
  const monitorSlos = () => slos().filter(s => s.type === 'monitor').length;
  const listsAndSearch = () => ({
    [LIST]: Math.floor(slos().length / 1000) + 1,
    [MONITORS]: Math.floor(sandbox.org.monitors.length / 100) + 1,
    [SEARCH]: Math.ceil(slos().length / 100),
  });
  // one read from 3 days before today (split by day, 3 d and 6 h) plus one for 1 h, whose
  // 30-minute series intervals are too coarse; monitor SLOs need only the first
  const detailReads = () => 2 * metricSlos() + monitorSlos();
  /**
   * The first run reads 90 days at once: its 12 h intervals are too coarse for the 3 d window,
   * which metric SLOs read on their own.
   */
  const firstDetailReads = () => detailReads() + metricSlos();

  async function searchStatuses(): Promise<Map<string, number | null>> {
    const response = await fetch(
      `${sandbox.url}/datadog/api/v1/slo/search?page[size]=1000`,
      {
        headers: {
          'DD-API-KEY': SANDBOX_DEFAULT_KEYS.datadogApi,
          'DD-APPLICATION-KEY': SANDBOX_DEFAULT_KEYS.datadogApp,
        },
      },
    );
    const body = (await response.json()) as {
      data: {
        attributes: {
          slos: Array<{
            data: {
              id: string;
              attributes: {
                timeframe: string;
                overall_status: Array<{
                  timeframe: string;
                  status: number | null;
                }>;
              };
            };
          }>;
        };
      };
    };
    return new Map(
      body.data.attributes.slos.map(({ data }) => [
        data.id,
        data.attributes.overall_status.find(
          s => s.timeframe === data.attributes.timeframe,
        )!.status,
      ]),
    );
  }

  const byId = async (store: SloStore) =>
    new Map((await store.listSlos('datadog')).map(s => [s.id, s]));

  it('first run: lists, status pages and two to three history reads per SLO; SLIs from the status, 90 days of history', async () => {
    const { knex, store, syncState, sync } = await setup();
    expect(metricSlos()).toBeGreaterThan(0);
    expect(monitorSlos()).toBeGreaterThan(0);

    expect(await requestsOf(() => sync.run())).toEqual({
      ...listsAndSearch(),
      [HISTORY]: firstDetailReads(),
    });

    const stored = await byId(store);
    expect(stored.size).toBe(slos().length);
    const statuses = await searchStatuses();
    for (const slo of slos()) {
      expect({ id: slo.id, sli: stored.get(slo.id)?.sli }).toEqual({
        id: slo.id,
        sli: statuses.get(slo.id) ?? undefined,
      });
      expect(stored.get(slo.id)?.burnRatesAsOf).toEqual(T0);
    }
    expect([...stored.values()].filter(s => s.sli3d !== undefined).length).toBe(
      slos().filter(s => s.health !== 'no_data').length,
    );
    const days = await knex('oncall_slo_history').orderBy(['slo_id', 'day']);
    expect(days).toHaveLength(90 * slos().length);
    expect(days.filter(d => !d.complete)).toHaveLength(slos().length); // today
    expect((await syncState.get('datadog', SLO_SYNC_SCOPE))?.asOf).toEqual(T0);
  });

  it('split into two shards: the lead lists, each shard reads the detail of its own SLOs; together the same reads as one run', async () => {
    const { store, sync } = await setup({ shards: 2 });
    const [lead, second] = shardsOf(2);
    const isMetric = new Map(slos().map(s => [s.id, s.type === 'metric']));
    const firstReadsOf = (shard: Shard) =>
      slos()
        .filter(s => inShard(s.id, shard))
        .reduce((n, s) => n + (isMetric.get(s.id) ? 3 : 1), 0);
    expect(firstReadsOf(lead)).toBeGreaterThan(0);
    expect(firstReadsOf(second)).toBeGreaterThan(0);
    // the second shard, started with the lead (as at start-up), waits for the lead's list
    expect(
      await requestsOf(() => Promise.all([sync.run(second), sync.run(lead)])),
    ).toEqual({ ...listsAndSearch(), [HISTORY]: firstDetailReads() });
    expect([...(await byId(store)).values()].every(s => s.burnRatesAsOf)).toBe(
      true,
    );
    // the second shard alone: no list, no status page, only its own SLOs' details when due
    now = new Date(T0.getTime() + MAX_AGE);
    expect(await requestsOf(() => sync.run(second))).toEqual({
      [HISTORY]: slos()
        .filter(s => inShard(s.id, second))
        .reduce((n, s) => n + (isMetric.get(s.id) ? 2 : 1), 0),
    });
  });

  it('a run right after reads the lists and status pages only; details come due again with their max age, and days roll over', async () => {
    const { knex, store, sync } = await setup();
    await sync.run();
    const days = await knex('oncall_slo_history').orderBy(['slo_id', 'day']);

    now = new Date(T0.getTime() + MINUTE);
    expect(await requestsOf(() => sync.run())).toEqual(listsAndSearch());
    const stored = await byId(store);
    const slo = [...stored.values()].find(s => s.sli1h !== undefined)!;
    expect(slo).toMatchObject({ asOf: now, burnRatesAsOf: T0 });
    // the report says the burn rates are older than the SLI
    expect(buildSlo(slo, []).burnRatesAsOf).toBe(T0.toISOString());
    expect(await knex('oncall_slo_history').orderBy(['slo_id', 'day'])).toEqual(
      days,
    );

    now = new Date(T0.getTime() + MAX_AGE);
    expect(await requestsOf(() => sync.run())).toEqual({
      ...listsAndSearch(),
      [HISTORY]: detailReads(),
    });
    expect((await byId(store)).get(slo.id)?.burnRatesAsOf).toEqual(now);
    expect(buildSlo((await byId(store)).get(slo.id)!, []).burnRatesAsOf).toBe(
      undefined,
    );

    // a day later: yesterday completes, today starts, the oldest day leaves the window
    now = new Date(T0.getTime() + 86_400_000);
    expect(await requestsOf(() => sync.run())).toEqual({
      ...listsAndSearch(),
      [HISTORY]: detailReads(),
    });
    const later = await knex('oncall_slo_history').orderBy(['slo_id', 'day']);
    expect(later).toHaveLength(90 * slos().length);
    expect(later.filter(d => !d.complete)).toHaveLength(slos().length);
    expect(later.some(d => d.day === '2026-11-21')).toBe(true);
    expect(later.some(d => d.day === '2026-08-23')).toBe(false);
  });

  it('more SLOs than the history-read budget covers at the configured max age: details come due less often, and the log says so', async () => {
    // a budget at which the SLOs' reads fit a 30-minute max age, not 10
    const { store, sync, logger } = await setup({
      historyReadsPerMinute: (4 * slos().length) / 30,
    });
    await sync.run();
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('less often than burnRateMaxAgeMinutes'),
      expect.objectContaining({
        slos: slos().length,
        configuredMinutes: 10,
        maxAgeMinutes: 30,
      }),
    );
    const slo = [...(await byId(store)).values()].find(
      s => s.sli1h !== undefined,
    )!;

    // the configured max age has passed: the lists and status pages only
    now = new Date(T0.getTime() + MAX_AGE);
    expect(await requestsOf(() => sync.run())).toEqual(listsAndSearch());
    expect((await byId(store)).get(slo.id)?.burnRatesAsOf).toEqual(T0);

    // spread over the second half of the raised max age, every detail read once by its end
    let reads = 0;
    for (let minute = 15; minute <= 30; minute += 5) {
      now = new Date(T0.getTime() + minute * MINUTE);
      reads += (await requestsOf(() => sync.run()))[HISTORY] ?? 0;
    }
    expect(reads).toBe(detailReads());
    expect(
      [...(await byId(store)).values()].every(
        s => s.burnRatesAsOf === undefined || s.burnRatesAsOf > T0,
      ),
    ).toBe(true);
  });

  it('an SLO the status search lacks gets its SLI from a history read over its timeframe', async () => {
    const { store, sync } = await setup();
    const lacking = slos().find(
      s => s.type === 'metric' && s.health !== 'no_data',
    )!;
    const expected = (await searchStatuses()).get(lacking.id)!;
    msw.use(
      http.get('*/datadog/api/v1/slo/search', async ({ request }) => {
        const body = (await (
          await fetch(bypass(request))
        ).json()) as SearchBody;
        body.data.attributes.slos = body.data.attributes.slos.filter(
          s => s.data.id !== lacking.id,
        );
        return HttpResponse.json(body);
      }),
    );
    const requests = await requestsOf(() => sync.run());
    expect(requests[HISTORY]).toBe(firstDetailReads() + 1);
    const sli = (await byId(store)).get(lacking.id)?.sli;
    expect(sli).toEqual(expect.any(Number));
    expect(sli).toBeCloseTo(expected, 9);
  });

  it('a failing status search or history read fails the run and leaves the stored figures served', async () => {
    const { store, syncState, sync } = await setup();
    await sync.run();
    const before = await byId(store);
    const history = async (s: StoredSlo) => store.history(s.id, '2026-01-01');
    const someSlo = [...before.values()].find(s => s.sli3d !== undefined)!;
    const days = await history(someSlo);

    now = new Date(T0.getTime() + MINUTE);
    msw.use(
      http.get('*/datadog/api/v1/slo/search', () =>
        HttpResponse.json(
          { errors: ['Internal Server Error'] },
          { status: 500 },
        ),
      ),
    );
    await expect(sync.run()).rejects.toThrow();
    expect(await byId(store)).toEqual(before);
    expect(await syncState.get('datadog', SLO_SYNC_SCOPE)).toMatchObject({
      asOf: T0,
      lastError: { message: expect.stringContaining('500') },
    });

    msw.resetHandlers(
      http.get('*/datadog/api/v1/slo/:id/history', () =>
        HttpResponse.json(
          { errors: ['Internal Server Error'] },
          { status: 500 },
        ),
      ),
    );
    now = new Date(T0.getTime() + MAX_AGE);
    await expect(sync.run()).rejects.toThrow();
    const after = (await byId(store)).get(someSlo.id)!;
    // the status was read; the burn rates and days stay as last read, and say so
    expect(after).toMatchObject({
      sli: (await searchStatuses()).get(someSlo.id),
      sli1h: someSlo.sli1h,
      sli6h: someSlo.sli6h,
      sli3d: someSlo.sli3d,
      asOf: now,
      burnRatesAsOf: T0,
    });
    expect(buildSlo(after, days)).toMatchObject({
      burnRatesAsOf: T0.toISOString(),
      history: expect.arrayContaining([
        expect.objectContaining({ date: days[0].day }),
      ]),
    });
    expect(await history(someSlo)).toEqual(days);
    expect(await syncState.get('datadog', SLO_SYNC_SCOPE)).toMatchObject({
      asOf: T0,
    });
  });
});
