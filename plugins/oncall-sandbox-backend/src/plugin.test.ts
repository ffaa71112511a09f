import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import request from 'supertest';
import { expectOpsgenieThrottled } from './__testUtils__/sandbox';
import { oncallSandboxPlugin } from './plugin';

const sandboxConfig = {
  enabled: true,
  control: true,
  seed: 7,
  opsgenie: { apiKey: 'og-test' },
  blameless: { apiKey: 'bl-test' },
  datadog: { apiKey: 'dd-api-test', applicationKey: 'dd-app-test' },
};

/** A test backend with the sandbox plugin and `data` as its whole config. */
async function startWithConfig(data: object) {
  const { server } = await startTestBackend({
    features: [oncallSandboxPlugin, mockServices.rootConfig.factory({ data })],
  });
  return server;
}

/** A test backend with the sandbox plugin, `oncall-sandbox` being `sandboxConfig` and `overrides`. */
function startSandbox(overrides: object = {}) {
  return startWithConfig({
    'oncall-sandbox': { ...sandboxConfig, ...overrides },
  });
}

/** `GET /v2/teams` of the mounted Opsgenie fake with the configured key. */
function opsgenieTeams(server: Parameters<typeof request>[0]) {
  return request(server)
    .get('/api/oncall-sandbox/opsgenie/v2/teams')
    .set('Authorization', 'GenieKey og-test');
}

describe('oncallSandboxPlugin', () => {
  it('mounts the vendor fakes under /api/oncall-sandbox with the configured keys, without Backstage auth', async () => {
    const server = await startSandbox();
    const teams = await opsgenieTeams(server);
    expect(teams.status).toBe(200);
    expect(teams.body.data.map((t: { name: string }) => t.name)).toContain(
      'payments-team',
    );
    expect(
      (
        await request(server)
          .get('/api/oncall-sandbox/opsgenie/v2/teams')
          .set('Authorization', 'GenieKey sandbox-opsgenie-key')
      ).status,
    ).toBe(401);
    const token = await request(server)
      .post('/api/oncall-sandbox/blameless/api/v2/identity/token')
      .set('Authorization', 'bl-test');
    expect(token.status).toBe(200);
    const slos = await request(server)
      .get(
        '/api/oncall-sandbox/datadog/api/v1/slo/search?query=service%3Acheckout-api',
      )
      .set({
        'DD-API-KEY': 'dd-api-test',
        'DD-APPLICATION-KEY': 'dd-app-test',
      });
    expect(slos.status).toBe(200);
    const users = await request(server)
      .get('/api/oncall-sandbox/opsgenie/v2/users?limit=1')
      .set('Authorization', 'GenieKey og-test');
    expect(users.body.paging.next).toMatch(
      /\/api\/oncall-sandbox\/opsgenie\/v2\/users\?/,
    );
    expect(
      (await request(server).get('/api/oncall-sandbox/__sandbox/stats')).body
        .vendors.opsgenie.total,
    ).toBe(3);
  });

  it('with oncall-sandbox.controlKey, control calls need X-Sandbox-Control-Key; vendor routes do not', async () => {
    const server = await startSandbox({ controlKey: 'ctl-test-0123456789' });
    const faults = '/api/oncall-sandbox/__sandbox/faults/opsgenie';
    expect(
      (await request(server).put(faults).send({ mode: 'hang' })).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .put(faults)
          .set('X-Sandbox-Control-Key', 'sandbox')
          .send({ mode: 'hang' })
      ).status,
    ).toBe(403);
    expect(
      (
        await request(server)
          .put(faults)
          .set('X-Sandbox-Control-Key', 'ctl-test-0123456789')
          .send({ latencyMs: 1 })
      ).status,
    ).toBe(200);
    expect((await opsgenieTeams(server)).status).toBe(200);
  });

  it('opens and resolves live incidents in the backend', async () => {
    const server = await startSandbox();
    const opened = await request(server)
      .post('/api/oncall-sandbox/__sandbox/incidents')
      .send({
        title: 'Checkout down',
        severity: 'SEV1',
        services: ['checkout-api'],
      });
    expect(opened.status).toBe(201);
    const resolved = await request(server)
      .patch(`/api/oncall-sandbox/__sandbox/incidents/${opened.body.id}`)
      .send({ status: 'resolved' });
    expect(resolved.body).toMatchObject({
      id: opened.body.id,
      status: 'resolved',
    });
  });

  it('runs in quota mode in the backend, from oncall-sandbox.quota', async () => {
    const server = await startSandbox({
      quota: { limits: { opsgenie: { configuration: '2/min' } } },
    });
    const teams = () => opsgenieTeams(server);
    expect((await teams()).status).toBe(200);
    expect((await teams()).status).toBe(200);
    const throttled = await teams();
    expectOpsgenieThrottled(throttled, 60);
    const stats = await request(server).get(
      '/api/oncall-sandbox/__sandbox/stats',
    );
    expect(
      stats.body.quota.vendors.opsgenie.domains.configuration,
    ).toMatchObject({ limits: '2/min', allowed: 2, throttled: 1 });
  });

  it('keeps control routes closed when control is off', async () => {
    const server = await startSandbox({ control: false });
    expect(
      (await request(server).get('/api/oncall-sandbox/__sandbox/stats')).status,
    ).toBe(404);
    expect((await opsgenieTeams(server)).status).toBe(200);
  });

  it('mounts nothing when disabled or unconfigured', async () => {
    for (const data of [
      { 'oncall-sandbox': { ...sandboxConfig, enabled: false } },
      {},
    ]) {
      const server = await startWithConfig(data);
      expect((await opsgenieTeams(server)).status).toBe(404);
    }
  });
});
