import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
  startSandboxServer,
} from '@internal/plugin-oncall-sandbox-backend';
import { Knex } from 'knex';
import { migrationsDir } from '../database/migrations';
import { SyncStateStore } from '../database/SyncStateStore';
import { DatadogSloProvider } from './datadog/DatadogSloProvider';
import { SloStore } from './SloStore';
import { SLO_SYNC_SCOPE, SloSync } from './SloSync';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('SloSync against the sandbox', () => {
  let sandbox: RunningSandbox;
  let knex: Knex;
  let now = new Date('2026-11-20T12:00:00Z');

  beforeAll(async () => {
    sandbox = await startSandboxServer({ now: () => now });
    knex = await databases.init('SQLITE_3');
    await knex.migrate.latest({ directory: migrationsDir });
  });
  afterAll(async () => {
    await sandbox.close();
  });

  const historyCalls = () =>
    sandbox.state.stats.snapshot().vendors.datadog.routes[
      'GET /api/v1/slo/:id/history'
    ] ?? 0;

  it('stores every SLO and monitor with 90 days of history, then reads only what changed', async () => {
    const logger = mockServices.logger.mock();
    const store = new SloStore(knex);
    const syncState = new SyncStateStore(knex);
    const sync = new SloSync({
      provider: DatadogSloProvider.create({
        config: {
          baseUrl: `${sandbox.url}/datadog`,
          apiKey: SANDBOX_DEFAULT_KEYS.datadogApi,
          applicationKey: SANDBOX_DEFAULT_KEYS.datadogApp,
          webUrl: 'https://app.datadoghq.com',
        },
        logger,
      }),
      store,
      syncState,
      logger,
      now: () => now,
    });
    const sloCount = sandbox.org.slos.length;

    let before = historyCalls();
    await sync.run();
    expect(historyCalls() - before).toBe(5 * sloCount);
    expect(await store.listSlos('datadog')).toHaveLength(sloCount);
    expect(await knex('oncall_monitors').count({ n: '*' })).toEqual([
      { n: sandbox.org.monitors.length },
    ]);
    const days = await knex('oncall_slo_history').orderBy(['slo_id', 'day']);
    expect(days).toHaveLength(90 * sloCount);
    expect(days.filter(d => !d.complete)).toHaveLength(sloCount); // today, still running
    expect((await syncState.get('datadog', SLO_SYNC_SCOPE))?.asOf).toEqual(now);

    // the same instant again: the same rows
    before = historyCalls();
    await sync.run();
    expect(historyCalls() - before).toBe(5 * sloCount);
    expect(await knex('oncall_slo_history').orderBy(['slo_id', 'day'])).toEqual(
      days,
    );

    // a day later: yesterday completes, today starts, the oldest day leaves the window
    now = new Date(now.getTime() + 86_400_000);
    await sync.run();
    const later = await knex('oncall_slo_history').orderBy(['slo_id', 'day']);
    expect(later).toHaveLength(90 * sloCount);
    expect(later.filter(d => !d.complete)).toHaveLength(sloCount);
    expect(later.some(d => d.day === '2026-11-21')).toBe(true);
    expect(later.some(d => d.day === '2026-08-23')).toBe(false);
  });
});
