import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  apiKey,
  useOncallRouterBackend,
} from '../__testUtils__/oncallRouterBackend';

describe('on-call routes against the sandbox', () => {
  const backend = useOncallRouterBackend();
  const { logLines, scheduler, onCall, summary } = backend;

  it('rejects bad input with 400 naming the field', async () => {
    const bad = async (path: string, field: RegExp) => {
      const res = await request(backend.server)
        .get(`/api/oncall/entities/${path}/on-call`)
        .expect(400);
      expect(res.body.error.message).toMatch(field);
    };
    await bad('location/default/x', /kind/);
    await bad('component/default/bad%20name', /name/);
    await bad('component/b%24d/x', /namespace/);
    const post = (body: unknown) =>
      request(backend.server)
        .post('/api/oncall/entities/component/default/payments-api/pages')
        .send(body as object);
    expect((await post({}).expect(400)).body.error.message).toMatch(/message/);
    expect(
      (await post({ message: 'x'.repeat(131) }).expect(400)).body.error.message,
    ).toMatch(/message/);
    expect(
      (await post({ message: 'ok', priority: 'P9' }).expect(400)).body.error
        .message,
    ).toMatch(/priority/);
    expect(
      (await post({ message: 'ok', description: 42 }).expect(400)).body.error
        .message,
    ).toMatch(/description/);
    expect(
      (await post({ message: 'ok', extra: true }).expect(400)).body.error
        .message,
    ).toMatch(/extra/);
    await request(backend.server)
      .post('/api/oncall/entities/component/default/payments-api/pages')
      .set('Content-Type', 'application/json')
      .send('{"message":')
      .expect(400);
    const huge = await post({ message: 'ok', description: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
  });

  it('404 for an entity that does not exist', async () => {
    await request(backend.server)
      .get('/api/oncall/entities/component/default/no-such-thing/on-call')
      .expect(404);
    await request(backend.server)
      .post('/api/oncall/entities/component/default/no-such-thing/pages')
      .send({ message: 'hello' })
      .expect(404);
  });

  // 401 without credentials on every route but /health
  it.each([
    ['/api/oncall/entities/component/default/payments-api/on-call', 401],
    ['/api/oncall/me/on-call', 401],
    ['/api/oncall/coverage', 401],
    ['/api/oncall/collate/rotations', 401],
    ['/api/oncall/health', 200],
  ])('GET %s without credentials answers %i', async (path, status) => {
    await request(backend.server)
      .get(path)
      .set('Authorization', mockCredentials.none.header())
      .expect(status);
  });

  it('keeps answering 200 from the store, stale with the last error, while Opsgenie fails', async () => {
    const before = await summary('component/default/payments-api');
    await request(backend.sandbox.url)
      .put('/__sandbox/faults/opsgenie')
      .send({ mode: 'error' })
      .expect(200);
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'oncall-sync-on-call',
    )?.[0];
    expect(task).toBeDefined();
    await task!.fn(new AbortController().signal);
    const after = await summary('component/default/payments-api');
    expect(after.rotations).toEqual(before.rotations);
    expect(after.freshness.stale).toBe(true);
    expect(after.freshness.sources[0]).toMatchObject({
      source: 'opsgenie',
      stale: true,
      lastError: {
        message: expect.stringContaining('opsgenie'),
        at: expect.any(String),
      },
    });
    expect(JSON.stringify(after)).not.toContain(apiKey);
  });

  it('never puts the Opsgenie key in a response or a log line', async () => {
    const bodies = await Promise.all([
      onCall('component/default/payments-api'),
      request(backend.server).get('/api/oncall/coverage'),
      request(backend.server)
        .get('/api/oncall/collate/rotations')
        .set('Authorization', mockCredentials.service.header()),
    ]);
    for (const res of bodies) {
      expect(JSON.stringify(res.body)).not.toContain(apiKey);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(apiKey);
  });
});
