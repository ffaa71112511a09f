import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { useIncidentRoutesBackend } from '../__testUtils__/incidentRoutesBackend';

describe('incident routes', () => {
  const backend = useIncidentRoutesBackend({ synced: true });
  const user = mockCredentials.user.header();

  it('streams every incident to service callers only, with the entities it maps to', async () => {
    await request(backend.server)
      .get('/api/oncall/collate/incidents')
      .set('Authorization', user)
      .expect(403);
    const ids: string[] = [];
    let cursor: string | undefined;
    let checkout: { entityRefs: string[] } | undefined;
    do {
      const res = await request(backend.server)
        .get(
          `/api/oncall/collate/incidents?limit=50${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        )
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
      ids.push(...res.body.items.map((i: { id: string }) => i.id));
      checkout ??= res.body.items.find((i: { services: string[] }) =>
        i.services.includes('checkout'),
      );
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(
      backend.sandbox.org.incidents.filter(
        i => i.updated >= Date.now() - 365 * 86_400_000,
      ).length,
    );
    expect(checkout?.entityRefs).toEqual([
      'api:default/checkout',
      'component:default/checkout-api',
    ]);
    await request(backend.server)
      .get('/api/oncall/collate/incidents?cursor=%%%')
      .set('Authorization', mockCredentials.service.header())
      .expect(400);
  });
});
