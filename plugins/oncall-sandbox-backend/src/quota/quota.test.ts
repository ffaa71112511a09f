import request from 'supertest';
import {
  DD_AUTH,
  OG_AUTH,
  TEST_NOW,
  dd,
  expectOpsgenieThrottled,
  testSandbox,
} from '../__testUtils__/sandbox';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { createDemoOrg } from '../org/demoOrg';

describe('quota mode', () => {
  const org = createDemoOrg({ seed: 42, now: TEST_NOW });
  const schedule = org.schedules.find(s => s.name === 'payments_schedule')!;
  const slo = org.slos[0];
  let now = TEST_NOW.getTime();

  beforeEach(() => {
    now = TEST_NOW.getTime();
  });

  function sandbox(flags?: string[]) {
    return testSandbox({ org, now: () => new Date(now), quotaFlags: flags })
      .app;
  }

  it('answers Opsgenie requests over a domain’s per-second and per-minute limits with its 429', async () => {
    const app = sandbox(['opsgenie.configuration=3/s,5/min']);
    const teams = () => request(app).get('/opsgenie/v2/teams').set(OG_AUTH);
    for (let i = 0; i < 3; i++) {
      const ok = await teams();
      expect(ok.status).toBe(200);
      expect(ok.headers['x-ratelimit-state']).toBe('OK');
    }
    const throttled = await teams();
    expectOpsgenieThrottled(throttled, 1);
    expect(throttled.headers['content-type']).toMatch(/application\/json/);
    expect(throttled.body).toEqual({
      message: expect.any(String),
      took: expect.any(Number),
      requestId: throttled.headers['x-request-id'],
    });

    // a second later the per-second window is full again, the per-minute one is nearly empty
    now += 1000;
    expect((await teams()).status).toBe(200);
    expect((await teams()).status).toBe(200);
    const perMinute = await teams();
    expect(perMinute.status).toBe(429);
    expect(perMinute.headers['x-ratelimit-period-in-sec']).toBe('60');
    // 5 a minute is a token every 12 s, and 1/12 of one was left
    now += 10_999;
    expect((await teams()).status).toBe(429);
    now += 1;
    expect((await teams()).status).toBe(200);
  });

  it('keeps each domain to itself, following Opsgenie’s grouping of its routes', async () => {
    const app = sandbox([
      'opsgenie.configuration=1/s',
      'opsgenie.schedule-oncalls=1/s',
      'opsgenie.search=1/s',
      'opsgenie.alert=1/s',
    ]);
    const og = (path: string) =>
      request(app).get(`/opsgenie${path}`).set(OG_AUTH);
    expect((await og('/v2/teams')).status).toBe(200);
    // Configuration is spent: teams, schedules, timelines and escalations share it
    for (const path of [
      '/v2/teams',
      '/v2/schedules',
      `/v2/schedules/${schedule.id}/timeline`,
      '/v2/escalations',
      '/v2/users/guest@example.com',
    ]) {
      const res = await og(path);
      expect([path, res.status]).toEqual([path, 429]);
      expect(res.headers['x-ratelimit-reason']).toBe('Configuration');
    }
    // the other domains are untouched, once each
    for (const [path, reason] of [
      [`/v2/schedules/${schedule.id}/on-calls`, 'Schedule-oncalls'],
      ['/v2/users', 'Search'],
    ]) {
      expect((await og(path)).status).toBe(200);
      const again = await og(path);
      expect(again.status).toBe(429);
      expect(again.headers['x-ratelimit-reason']).toBe(reason);
    }
    expect(
      (await og(`/v2/schedules/${schedule.id}/next-on-calls`)).status,
    ).toBe(429);
    const alert = () =>
      request(app)
        .post('/opsgenie/v2/alerts')
        .set(OG_AUTH)
        .send({ message: 'Checkout down' });
    expect((await alert()).status).toBe(202);
    const throttledAlert = await alert();
    expect(throttledAlert.status).toBe(429);
    expect(throttledAlert.headers['x-ratelimit-reason']).toBe('Alert');
  });

  it('answers DataDog with its X-RateLimit-* headers on every request and its 429 per endpoint bucket', async () => {
    const app = sandbox(['datadog.slo_history=2/10s']);
    const history = () =>
      request(app)
        .get(
          `/datadog/api/v1/slo/${slo.id}/history?from_ts=${
            Math.floor(now / 1000) - 3600
          }&to_ts=${Math.floor(now / 1000)}`,
        )
        .set(DD_AUTH);
    const first = await history();
    expect(first.status).toBe(200);
    expect(first.headers).toMatchObject({
      'x-ratelimit-limit': '2',
      'x-ratelimit-period': '10',
      'x-ratelimit-remaining': '1',
      'x-ratelimit-reset': '5',
      'x-ratelimit-name': 'slo_history',
    });
    expect((await history()).headers['x-ratelimit-remaining']).toBe('0');
    const throttled = await history();
    expect(throttled.status).toBe(429);
    expect(throttled.body).toEqual({ errors: [expect.any(String)] });
    expect(throttled.headers).toMatchObject({
      'x-ratelimit-limit': '2',
      'x-ratelimit-period': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': '10',
      'x-ratelimit-name': 'slo_history',
    });
    expect(throttled.headers['retry-after']).toBeUndefined();

    // another endpoint has its own bucket, at the recorded default
    const list = await dd('/api/v1/slo')(app);
    expect(list.status).toBe(200);
    expect(list.headers).toMatchObject({
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '999',
      'x-ratelimit-name': 'slo_get_all',
    });

    now += 4999;
    expect((await history()).status).toBe(429);
    now += 1;
    const refilled = await history();
    expect(refilled.status).toBe(200);
    expect(refilled.headers['x-ratelimit-remaining']).toBe('0');
  });

  it('answers Blameless over its (assumed) limit with 429 and Retry-After', async () => {
    const app = sandbox(['blameless.api=2/10s']);
    const token = await request(app)
      .post('/blameless/api/v2/identity/token')
      .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
    expect(token.status).toBe(200);
    const incidents = () =>
      request(app)
        .get('/blameless/api/v1/incidents')
        .set('Authorization', `Bearer ${token.body.access_token}`);
    expect((await incidents()).status).toBe(200);
    const throttled = await incidents();
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toBe('5');
    expect(throttled.body).toEqual({
      ok: false,
      error: 'rate_limited',
      message: expect.any(String),
    });
    now += 5000;
    expect((await incidents()).status).toBe(200);
  });

  it('reports requests let through and 429s per vendor and domain in /__sandbox/stats', async () => {
    const app = sandbox(['opsgenie.configuration=2/s', 'datadog.slo_get=off']);
    for (let i = 0; i < 5; i++) {
      await request(app).get('/opsgenie/v2/teams').set(OG_AUTH);
    }
    await request(app)
      .get(`/opsgenie/v2/schedules/${schedule.id}/on-calls`)
      .set(OG_AUTH);
    for (let i = 0; i < 3; i++) {
      await request(app).get(`/datadog/api/v1/slo/${slo.id}`).set(DD_AUTH);
    }
    const stats = (await request(app).get('/__sandbox/stats')).body;
    expect(stats.vendors.opsgenie.total).toBe(6);
    expect(stats.quota.enabled).toBe(true);
    expect(stats.quota.vendors.opsgenie.throttled).toBe(3);
    expect(stats.quota.vendors.opsgenie.domains.configuration).toEqual({
      name: 'Configuration',
      limits: '2/s',
      allowed: 2,
      throttled: 3,
    });
    expect(stats.quota.vendors.opsgenie.domains['schedule-oncalls']).toEqual({
      name: 'Schedule-oncalls',
      limits: '10/s,600/min',
      allowed: 1,
      throttled: 0,
    });
    expect(stats.quota.vendors.datadog.domains.slo_get).toEqual({
      name: 'slo_get',
      limits: 'off',
      allowed: 3,
      throttled: 0,
    });
    expect(stats.quota.vendors.datadog.throttled).toBe(0);
    expect(stats.quota.vendors.blameless.domains.api.limits).toBe('50/10s');

    await request(app).delete('/__sandbox/stats').expect(204);
    const reset = (await request(app).get('/__sandbox/stats')).body;
    expect(reset.quota.vendors.opsgenie.domains.configuration).toMatchObject({
      allowed: 0,
      throttled: 0,
    });
    // the vendor's bucket is not reset with the counters
    expect(
      (await request(app).get('/opsgenie/v2/teams').set(OG_AUTH)).status,
    ).toBe(429);
  });

  it('limits nothing outside quota mode', async () => {
    const app = sandbox();
    const statuses = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (await request(app).get('/opsgenie/v2/teams').set(OG_AUTH)).status,
      );
    }
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await request(app).get('/__sandbox/stats')).body.quota).toEqual({
      enabled: false,
    });
  });
});
