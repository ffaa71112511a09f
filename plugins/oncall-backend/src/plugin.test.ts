import { startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { oncallPlugin } from './plugin';

describe('oncall plugin', () => {
  it('answers /health without credentials', async () => {
    const { server } = await startTestBackend({
      features: [oncallPlugin, catalogServiceMock.factory({ entities: [] })],
    });
    await request(server)
      .get('/api/oncall/health')
      .set('Authorization', '')
      .expect(200, { status: 'ok' });
  });
});
