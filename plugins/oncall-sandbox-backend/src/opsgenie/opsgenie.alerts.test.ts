import request from 'supertest';
import { OG_AUTH, TEST_NOW, testSandbox } from '../__testUtils__/sandbox';

describe('Opsgenie fake', () => {
  const { app, org } = testSandbox();
  const get = (path: string) =>
    request(app).get(`/opsgenie${path}`).set(OG_AUTH);

  it('accepts alerts asynchronously: 202, a transient RequestNotProcessed 404, then the result', async () => {
    const created = await request(app)
      .post('/opsgenie/v2/alerts')
      .set(OG_AUTH)
      .send({
        message: 'Checkout is failing',
        priority: 'P2',
        responders: [{ type: 'team', name: 'checkout' }],
      });
    expect(created.status).toBe(202);
    expect(created.body).toEqual({
      result: 'Request will be processed',
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    const pending = await get(`/v2/alerts/requests/${created.body.requestId}`);
    expect(pending.status).toBe(404);
    expect(pending.headers['x-opsgenie-errortype']).toBe('RequestNotProcessed');
    const done = await get(`/v2/alerts/requests/${created.body.requestId}`);
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({
      isSuccess: true,
      action: 'Create',
      alertId: expect.any(String),
    });
    const checkout = org.teams.find(t => t.name === 'checkout')!.id;
    const list = await get('/v2/alerts');
    expect(list.body.data[0]).toMatchObject({
      id: done.body.data.alertId,
      message: 'Checkout is failing',
      priority: 'P2',
      status: 'open',
      acknowledged: false,
      responders: [{ type: 'team', id: checkout }],
      ownerTeamId: checkout,
    });
    const mine = await get(
      `/v2/alerts?query=${encodeURIComponent(
        `teams:checkout AND createdAt>=${TEST_NOW.getTime()}`,
      )}`,
    );
    expect(mine.body.data.map((a: { id: string }) => a.id)).toContain(
      done.body.data.alertId,
    );
    const one = await get(`/v2/alerts/${done.body.data.alertId}`);
    expect(one.body.data).toMatchObject({
      message: 'Checkout is failing',
      integration: { name: 'Default API', type: 'API' },
    });
  });

  it('de-duplicates by alias: a second create with an open alert’s alias raises no new alert', async () => {
    const create = (message: string, alias?: string) =>
      request(app)
        .post('/opsgenie/v2/alerts')
        .set(OG_AUTH)
        .send({
          message,
          alias,
          responders: [{ type: 'team', name: 'payments-team' }],
        })
        .expect(202);
    const created = `/v2/alerts?limit=100&query=${encodeURIComponent(
      `createdAt>=${TEST_NOW.getTime()}`,
    )}`;
    const before = (await get(created)).body.data.length;
    const first = await create('Card auth failing', 'dedup-1');
    const retry = await create('Card auth failing (retry)', 'dedup-1');
    await create('Another problem', 'dedup-2');
    await create('No alias');
    expect(retry.body.requestId).not.toBe(first.body.requestId);
    const alerts = (await get(created)).body.data;
    expect(alerts).toHaveLength(before + 3);
    const folded = alerts.filter(
      (a: { alias: string }) => a.alias === 'dedup-1',
    );
    expect(folded).toEqual([
      expect.objectContaining({ message: 'Card auth failing', count: 2 }),
    ]);
    const status = async (requestId: string) => {
      await get(`/v2/alerts/requests/${requestId}`); // the first poll may be pending
      const res = await get(`/v2/alerts/requests/${requestId}`);
      expect(res.status).toBe(200);
      return res.body.data;
    };
    expect((await status(retry.body.requestId)).alertId).toBe(folded[0].id);
    expect((await status(first.body.requestId)).alertId).toBe(folded[0].id);
  });

  it('validates alerts with 422 and rejects invalid JSON with 400', async () => {
    const long = await request(app)
      .post('/opsgenie/v2/alerts')
      .set(OG_AUTH)
      .send({ message: 'x'.repeat(131) });
    expect(long.status).toBe(422);
    expect(long.body.errors.message).toMatch(/130/);
    expect(
      (await request(app).post('/opsgenie/v2/alerts').set(OG_AUTH).send({}))
        .status,
    ).toBe(422);
    const bad = await request(app)
      .post('/opsgenie/v2/alerts')
      .set(OG_AUTH)
      .set('Content-Type', 'application/json')
      .send('{"message": ');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid JSON');
    expect((await get('/v2/alerts/requests/unknown')).status).toBe(404);
  });

  it('answers unknown paths with a 404 in Opsgenie shape', async () => {
    const res = await get('/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      message: 'Not found',
      took: expect.any(Number),
      requestId: expect.any(String),
    });
  });
});
