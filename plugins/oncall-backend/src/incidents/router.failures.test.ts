import { mockCredentials } from '@backstage/backend-test-utils';
import { IncidentPage } from '@oncall-for-backstage/plugin-oncall-common';
import request from 'supertest';
import { useIncidentRoutesBackend } from '../__testUtils__/incidentRoutesBackend';
import { runScheduledTask } from '../__testUtils__/useOncallTestBackend';

describe('incident routes', () => {
  const backend = useIncidentRoutesBackend({ synced: true });
  const { get } = backend;

  it.each([
    ['from=2026-05-01&to=2026-04-01', 'from'],
    ['severity=sev9', 'severity'],
    ['status=exploded', 'status'],
    ['limit=abc', 'limit'],
    ['limit=0', 'limit'],
    ['limit=501', 'limit'],
    ['from=yesterday', 'from'],
    ['from=2024-02-30', 'from'],
    ['to=2024-02-30', 'to'],
    ['from=2023-02-29T10:00:00Z', 'from'],
    ['to=2026-11-29T24:30:00Z', 'to'],
    ['to=2026-04-31T09:00:00%2B02:00', 'to'],
    ['from=2026-11-29T09:00:00%2B25:00', 'from'],
    ['cursor=not-a-cursor', 'cursor'],
    [
      `cursor=${Buffer.from(
        '{"v":1,"s":1,"i":"1","q":"AAAAAAAAAAAAAAAA"}',
      ).toString('base64url')}`,
      'cursor',
    ],
  ])('answers %s with a 400 naming %s', async (query, field) => {
    const res = await get(
      `/entities/component/default/payments-api/incidents?${query}`,
    ).expect(400);
    expect(res.body.error.message).toMatch(new RegExp(`(^|; )${field}[:.]`));
  });

  it('rejects a cursor issued for another query', async () => {
    const first = (
      await get(
        '/entities/component/default/payments-api/incidents?limit=1',
      ).expect(200)
    ).body;
    const res = await get(
      `/entities/component/default/payments-api/incidents?limit=1&severity=sev3&cursor=${first.nextCursor}`,
    ).expect(400);
    expect(res.body.error.message).toContain('cursor');
  });

  it('401 without credentials, 404 for an unknown entity, 400 for a bad kind', async () => {
    await request(backend.server)
      .get('/api/oncall/entities/component/default/payments-api/incidents')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
    await get('/entities/component/default/no-such-service/incidents').expect(
      404,
    );
    const bad = await get('/entities/planet/default/earth/incidents').expect(
      400,
    );
    expect(bad.body.error.message).toContain('kind');
  });

  it('serves the store with stale: true while the vendor fails', async () => {
    await request(backend.sandbox.url)
      .put('/__sandbox/faults/blameless')
      .send({ mode: 'error', status: 503 })
      .expect(200);
    const sync = () =>
      runScheduledTask(backend.scheduler, 'oncall-sync-incidents');
    await expect(sync()).rejects.toThrow();
    const body: IncidentPage = (
      await get('/entities/component/default/payments-api/incidents').expect(
        200,
      )
    ).body;
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.freshness.stale).toBe(true);
    expect(body.freshness.sources[0].lastError?.message).toMatch(/503/);
    await request(backend.sandbox.url).delete('/__sandbox/faults');
    await sync();
    const again: IncidentPage = (
      await get('/entities/component/default/payments-api/incidents').expect(
        200,
      )
    ).body;
    expect(again.freshness.stale).toBe(false);
  });
});
