import request from 'supertest';
import { setFault, textBody } from '../__testUtils__/faults';
import {
  DD_AUTH,
  OG_AUTH,
  expectOpsgenieThrottled,
  testSandbox,
} from '../__testUtils__/sandbox';
import { startSandboxServer } from '../server';
import { MALFORMED_BODY } from '../shared/faultMiddleware';

describe('sandbox control routes', () => {
  it('injects server errors in each vendor’s shape, at the given rate and status', async () => {
    const { app } = testSandbox();
    await setFault(app, 'opsgenie', { mode: 'error', status: 503 });
    const og = await request(app).get('/opsgenie/v2/teams').set(OG_AUTH);
    expect(og.status).toBe(503);
    expect(og.body).toEqual({
      message: expect.any(String),
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    await setFault(app, 'datadog', { errorRate: 1 });
    const dd = await request(app).get('/datadog/api/v1/slo').set(DD_AUTH);
    expect(dd.status).toBe(500);
    expect(dd.body).toEqual({ errors: [expect.any(String)] });
    await setFault(app, 'blameless', { mode: 'error', status: 502 });
    const bl = await request(app).get('/blameless/api/v1/incidents');
    expect(bl.status).toBe(502);
    expect(bl.body).toMatchObject({
      ok: false,
      error: expect.any(String),
      message: expect.any(String),
    });
    await setFault(app, 'datadog', { mode: 'error', errorRate: 0 });
    expect(
      (await request(app).get('/datadog/api/v1/slo').set(DD_AUTH)).status,
    ).toBe(200);
    await request(app).delete('/__sandbox/faults').expect(204);
    expect(
      (await request(app).get('/opsgenie/v2/teams').set(OG_AUTH)).status,
    ).toBe(200);
  });

  it('fails about the given share of requests with errorRate', async () => {
    const { app } = testSandbox();
    await setFault(app, 'opsgenie', { errorRate: 0.5 });
    const statuses = await Promise.all(
      Array.from({ length: 80 }, () =>
        request(app)
          .get('/opsgenie/v2/teams')
          .set(OG_AUTH)
          .then(r => r.status),
      ),
    );
    const failed = statuses.filter(s => s === 500).length;
    expect(failed).toBeGreaterThan(15);
    expect(failed).toBeLessThan(65);
  });

  it('answers 429 with each vendor’s rate-limit headers', async () => {
    const { app } = testSandbox();
    for (const vendor of ['opsgenie', 'blameless', 'datadog'] as const) {
      await setFault(app, vendor, { mode: 'rate-limit' });
    }
    const og = await request(app).get('/opsgenie/v2/teams').set(OG_AUTH);
    expectOpsgenieThrottled(og, 60);
    const dd = await request(app).get('/datadog/api/v1/slo').set(DD_AUTH);
    expect(dd.status).toBe(429);
    expect(dd.headers).toMatchObject({
      'x-ratelimit-remaining': '0',
      'x-ratelimit-limit': '1000',
      'x-ratelimit-name': 'slo_get_all',
    });
    expect(Number(dd.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    const bl = await request(app).get('/blameless/api/v1/incidents');
    expect(bl.status).toBe(429);
    expect(bl.headers['retry-after']).toBe('30');
  });

  it('adds latency', async () => {
    const { app } = testSandbox();
    await setFault(app, 'datadog', { latencyMs: 150 });
    const start = Date.now();
    const res = await request(app).get('/datadog/api/v1/validate').set(DD_AUTH);
    expect(res.status).toBe(200);
    expect(Date.now() - start).toBeGreaterThanOrEqual(140);
  });

  it('returns a truncated body with 200 in malformed mode', async () => {
    const { app } = testSandbox();
    await setFault(app, 'opsgenie', { mode: 'malformed' });
    const res = await request(app)
      .get('/opsgenie/v2/teams')
      .set(OG_AUTH)
      .buffer(true)
      .parse(textBody);
    expect(res.status).toBe(200);
    expect(res.body).toBe(MALFORMED_BODY);
    expect(() => JSON.parse(res.body)).toThrow();
  });

  it('hangs until the fault is cleared, and lets go of clients that give up', async () => {
    const sandbox = await startSandboxServer({ seed: 42 });
    try {
      await fetch(`${sandbox.url}/__sandbox/faults/opsgenie`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode: 'hang' }),
      });
      const aborted = fetch(`${sandbox.url}/opsgenie/v2/teams`, {
        headers: OG_AUTH,
        signal: AbortSignal.timeout(200),
      });
      await expect(aborted).rejects.toThrow();
      for (let i = 0; i < 20 && sandbox.state.faults.listenerCount > 0; i++) {
        await new Promise(r => setTimeout(r, 10));
      }
      expect(sandbox.state.faults.listenerCount).toBe(0);
      let settled = false;
      const waiting = fetch(`${sandbox.url}/opsgenie/v2/teams`, {
        headers: OG_AUTH,
      }).then(r => {
        settled = true;
        return r;
      });
      await new Promise(r => setTimeout(r, 200));
      expect(settled).toBe(false);
      expect(sandbox.state.faults.listenerCount).toBe(1);
      await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
      const res = await waiting;
      expect(res.status).toBe(200);
      expect((await res.json()).data.length).toBeGreaterThan(0);
    } finally {
      await sandbox.close();
    }
  });

  it('counts requests per vendor and route pattern, and resets', async () => {
    const { app, org } = testSandbox();
    const schedule = org.schedules[0];
    await request(app)
      .get(`/opsgenie/v2/schedules/${schedule.id}/on-calls`)
      .set(OG_AUTH);
    await request(app)
      .get(`/opsgenie/v2/schedules/${org.schedules[1].id}/on-calls`)
      .set(OG_AUTH);
    await request(app).get('/opsgenie/v2/teams');
    await request(app)
      .get(`/datadog/api/v1/slo/${org.slos[0].id}`)
      .set(DD_AUTH);
    await request(app).get('/datadog/api/v2/unknown').set(DD_AUTH);
    const stats = await request(app).get('/__sandbox/stats');
    expect(stats.body.vendors.opsgenie).toEqual({
      total: 3,
      routes: {
        'GET /v2/schedules/:identifier/on-calls': 2,
        'GET /v2/teams': 1,
      },
    });
    expect(stats.body.vendors.datadog).toEqual({
      total: 2,
      routes: { 'GET /api/v1/slo/:id': 1, 'GET *': 1 },
    });
    expect(stats.body.vendors.blameless).toEqual({ total: 0, routes: {} });
    await request(app).delete('/__sandbox/stats').expect(204);
    expect(
      (await request(app).get('/__sandbox/stats')).body.vendors.opsgenie.total,
    ).toBe(0);
  });

  it('validates fault bodies and vendors', async () => {
    const { app } = testSandbox();
    const bad = await request(app)
      .put('/__sandbox/faults/opsgenie')
      .send({ mode: 'explode' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/mode/);
    expect(
      (
        await request(app)
          .put('/__sandbox/faults/opsgenie')
          .send({ errorRate: 2 })
      ).status,
    ).toBe(400);
    expect(
      (
        await request(app)
          .put('/__sandbox/faults/opsgenie')
          .set('Content-Type', 'application/json')
          .send('{')
      ).status,
    ).toBe(400);
    expect(
      (await request(app).put('/__sandbox/faults/victorops').send({})).status,
    ).toBe(404);
    expect((await request(app).get('/__sandbox/faults')).body.faults).toEqual(
      {},
    );
  });

  it('with a control key, answers 403 to a loopback caller without it or with a wrong one', async () => {
    const { app, state } = testSandbox({ controlKey: 'control-test-key' });
    for (const key of [undefined, '', 'wrong', 'control-test-key-and-more']) {
      const put = request(app)
        .put('/__sandbox/faults/opsgenie')
        .set('X-Forwarded-For', '127.0.0.1')
        .send({ mode: 'hang' });
      const res = await (key === undefined
        ? put
        : put.set('X-Sandbox-Control-Key', key));
      expect(res.status).toBe(403);
      expect(res.body.error).toEqual({
        name: 'NotAllowedError',
        message: expect.stringContaining('X-Sandbox-Control-Key'),
      });
      const stats = await (key === undefined
        ? request(app).get('/__sandbox/stats')
        : request(app)
            .get('/__sandbox/stats')
            .set('X-Sandbox-Control-Key', key));
      expect(stats.status).toBe(403);
      expect(stats.body.vendors).toBeUndefined();
    }
    expect(state.faults.snapshot()).toEqual({});
    expect(
      (await request(app).get('/opsgenie/v2/teams').set(OG_AUTH)).status,
    ).toBe(200);
    await request(app)
      .put('/__sandbox/faults/opsgenie')
      .set('X-Sandbox-Control-Key', 'control-test-key')
      .send({ mode: 'error', status: 503 })
      .expect(200);
    expect(state.faults.get('opsgenie')).toEqual({
      mode: 'error',
      status: 503,
    });
    await request(app)
      .delete('/__sandbox/faults')
      .set('X-Sandbox-Control-Key', 'control-test-key')
      .expect(204);
  });

  it('without a control key, a loopback caller controls the sandbox with no credentials', async () => {
    const sandbox = await startSandboxServer({ seed: 42 });
    try {
      const res = await fetch(`${sandbox.url}/__sandbox/faults/datadog`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: 5 }),
      });
      expect(res.status).toBe(200);
      expect(sandbox.state.faults.get('datadog')).toEqual({ latencyMs: 5 });
    } finally {
      await sandbox.close();
    }
  });

  it('answers a malformed control body with 400 without repeating it', async () => {
    const { app } = testSandbox();
    const res = await request(app)
      .put('/__sandbox/faults/opsgenie')
      .set('Content-Type', 'application/json')
      .send('{"mode": reflected-marker}');
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message: 'body: not valid JSON',
    });
    expect(res.text).not.toContain('reflected');
  });

  it('closes control routes when control is false', async () => {
    const { app } = testSandbox({ control: false });
    expect(
      (
        await request(app)
          .put('/__sandbox/faults/opsgenie')
          .send({ mode: 'error' })
      ).status,
    ).toBe(404);
    expect((await request(app).get('/__sandbox/stats')).status).toBe(404);
    expect(
      (await request(app).get('/opsgenie/v2/teams').set(OG_AUTH)).status,
    ).toBe(200);
  });
});
