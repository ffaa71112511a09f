import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { startSandboxServer } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { oncallPlugin } from '../../plugin';
import { demoEntities } from '../../__testUtils__/demoEntities';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';

jest.setTimeout(120_000);

/**
 * Latency and vendor-call figures of the on-call route against the sandbox. Opt-in:
 * `ONCALL_BENCH=1 CI=1 yarn test src/oncall/bench`.
 */
const describeBench = process.env.ONCALL_BENCH ? describe : describe.skip;

describeBench('on-call route latency', () => {
  it('measures cold (concurrent), warm and slow-vendor latency of the on-call route', async () => {
    const sandbox = await startSandboxServer({ port: 0 });
    const { server } = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({ entities: demoEntities(sandbox.org) }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              opsgenie: sandboxVendorSections(sandbox.url).opsgenie,
              incidentCommander: { schedule: 'sre_ic_schedule' },
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    /** How long each of `times` GETs of `path` one after another took (ms), shortest first. */
    const timedGets = async (path: string, times: number) => {
      const durations: number[] = [];
      for (let i = 0; i < times; i++) {
        const start = performance.now();
        await request(server).get(path).expect(200);
        durations.push(performance.now() - start);
      }
      return durations.sort((a, b) => a - b);
    };
    await request(sandbox.url).delete('/__sandbox/stats');
    const t0 = performance.now();
    const cold = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(server).get(
          '/api/oncall/entities/component/default/payments-api/on-call',
        ),
      ),
    );
    const coldMs = performance.now() - t0;
    const stats = (await request(sandbox.url).get('/__sandbox/stats')).body
      .vendors.opsgenie;
    const warm = await timedGets(
      '/api/oncall/entities/component/default/payments-api/on-call',
      200,
    );
    await request(sandbox.url).delete('/__sandbox/stats');
    await request(sandbox.url)
      .put('/__sandbox/faults/opsgenie')
      .send({ latencyMs: 3000 });
    const slow = await timedGets(
      '/api/oncall/entities/component/default/checkout-api/on-call',
      20,
    );
    const after = (await request(sandbox.url).get('/__sandbox/stats')).body
      .vendors.opsgenie;
    expect(new Set(cold.map(c => c.status))).toEqual(new Set([200]));
    // eslint-disable-next-line no-console
    console.log(
      JSON.stringify(
        {
          coldConcurrent20: {
            statuses: [...new Set(cold.map(c => c.status))],
            totalMs: Math.round(coldMs),
            opsgenieCalls: stats.total,
            routes: stats.routes,
          },
          warm200: {
            p50: warm[100].toFixed(1),
            p95: warm[190].toFixed(1),
            max: warm[199].toFixed(1),
          },
          vendorSlow3s_checkout20: {
            p50: slow[10].toFixed(1),
            p95: slow[19].toFixed(1),
            opsgenieCalls: after.total,
          },
        },
        null,
        1,
      ),
    );
    await sandbox.close();
  });
});
