import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { collateIncidents } from '../__testUtils__/collateIncidents';
import { useIncidentRoutesBackend } from '../__testUtils__/incidentRoutesBackend';

describe('incident routes', () => {
  const backend = useIncidentRoutesBackend({ synced: true });
  const user = mockCredentials.user.header();

  it('streams every incident to service callers only, with the entities it maps to', async () => {
    await request(backend.server)
      .get('/api/oncall/collate/incidents')
      .set('Authorization', user)
      .expect(403);
    const items = await collateIncidents(backend.server, 50);
    const ids = items.map(i => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(
      backend.sandbox.org.incidents.filter(
        i => i.updated >= Date.now() - 365 * 86_400_000,
      ).length,
    );
    const checkout = items.find(i => i.services?.includes('checkout'));
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
