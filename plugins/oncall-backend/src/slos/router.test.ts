import { mockCredentials } from '@backstage/backend-test-utils';
import { SloReport } from '@oncall-for-backstage/plugin-oncall-common';
import request from 'supertest';
import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import {
  runScheduledTask,
  useOncallTestBackend,
} from '../__testUtils__/useOncallTestBackend';

jest.setTimeout(60_000);

describe('SLO route', () => {
  const backend = useOncallTestBackend({
    vendors: ['datadog'],
    entities: reliabilityEntities,
    config: { vendorTimeoutMs: 2000 },
  });

  const get = (path: string) =>
    request(backend.server)
      .get(`/api/oncall${path}`)
      .set('Authorization', mockCredentials.user.header());
  /** The SLO report of the entity `ref` (`kind/namespace/name`), answered with a 200. */
  const report = async (ref: string): Promise<SloReport> =>
    (await get(`/entities/${ref}/slos`).expect(200)).body;

  it('reports each SLO of a service with status, burn rates, budget, 90 days of history and links', async () => {
    const body = await report('component/default/checkout-api');
    expect(body.query).toBe('service:checkout-api');
    const names = body.items.map(i => i.name).sort();
    expect(names).toEqual([
      'checkout-api availability',
      'checkout-api latency',
    ]);
    const availability = body.items.find(
      i => i.name === 'checkout-api availability',
    )!;
    expect(availability).toMatchObject({
      status: 'breached',
      target: 99.9,
      timeframe: '30d',
      url: `https://app.datadoghq.com/slo?slo_id=${availability.id}`,
    });
    expect(availability.errorBudgetRemaining).toBeLessThanOrEqual(0);
    expect(availability.history).toHaveLength(90);
    expect(
      availability.history.every(p => /^\d{4}-\d{2}-\d{2}$/.test(p.date)),
    ).toBe(true);
    expect(body.monitors).toMatchObject({ alert: 1, total: 2 });
    expect(body.monitors?.url).toContain(
      'https://app.datadoghq.com/monitors/manage?q=',
    );
    expect(body.freshness).toMatchObject({ stale: false });
  });

  it('shows a burning SLO as warning and one without data as no_data', async () => {
    const payments = await report('component/default/payments-api');
    const burning = payments.items.find(
      i => i.name === 'payments-api availability',
    )!;
    expect(burning.status).toBe('warning');
    expect(
      (burning.burnRates['1h'] ?? 0) >= 14.4 ||
        (burning.burnRates['6h'] ?? 0) >= 6 ||
        (burning.burnRates['3d'] ?? 0) >= 1,
    ).toBe(true);
    expect(payments.monitors).toMatchObject({ warn: 1 });
    const reporting = await report('component/default/reporting-api');
    const empty = reporting.items.find(
      i => i.name === 'reporting-api availability',
    )!;
    expect(empty).toMatchObject({
      status: 'no_data',
      burnRates: { '1h': null, '6h': null, '3d': null },
    });
    expect(empty).not.toHaveProperty('sli');
    expect(reporting.monitors).toMatchObject({ noData: 1 });
  });

  it('rolls a Group up over its services and honours datadoghq.com/slo-tags', async () => {
    const group = await report('group/default/storefront');
    expect(group.items.map(i => i.name).sort()).toEqual([
      'product-catalog availability',
      'storefront-web availability',
    ]);
  });

  it('serves stored data with stale: true while DataDog fails; 404 and 401 as usual', async () => {
    await get('/entities/component/default/checkout-api/slos').expect(200);
    await request(backend.sandbox.url)
      .put('/__sandbox/faults/datadog')
      .send({ mode: 'error', status: 500 })
      .expect(200);
    await expect(
      runScheduledTask(backend.scheduler, 'oncall-sync-slos'),
    ).rejects.toThrow();
    const body = await report('component/default/checkout-api');
    expect(body.items).toHaveLength(2);
    expect(body.freshness.stale).toBe(true);
    await request(backend.sandbox.url).delete('/__sandbox/faults');
    await get('/entities/component/default/nope/slos').expect(404);
    await request(backend.server)
      .get('/api/oncall/entities/component/default/checkout-api/slos')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
  });
});
