import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { oncallPlugin } from './plugin';

describe('oncall plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [oncallPlugin, catalogServiceMock.factory({ entities: [] })],
    });
    const res = await request(server)
      .get('/api/oncall/health')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('explains that Opsgenie is not configured instead of failing', async () => {
    const { server } = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name: 'payments-api', namespace: 'default' },
              spec: { owner: 'payments' },
            },
          ],
        }),
      ],
    });
    const res = await request(server).get(
      '/api/oncall/entities/component/default/payments-api/on-call',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      rotations: [],
      notConfigured: { reason: expect.stringContaining('oncall.opsgenie') },
    });
    await request(server)
      .get('/api/oncall/entities/component/default/missing/on-call')
      .expect(404);
    const page = await request(server)
      .post('/api/oncall/entities/component/default/payments-api/pages')
      .send({ message: 'hi' });
    expect(page.status).toBe(503);
  });
});
