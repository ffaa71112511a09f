import { mockCredentials } from '@backstage/backend-test-utils';
import { Incident } from '@oncall-for-backstage/plugin-oncall-common';
import request from 'supertest';
import { OncallTestBackend } from './startOncallTestBackend';

/**
 * Every incident of `GET /api/oncall/collate/incidents` (with its services and the entities
 * it maps to), read as a service caller page by page
 * (`limit` a page), following `nextCursor` until the last page.
 */
export async function collateIncidents(
  server: OncallTestBackend['server'],
  limit: number,
): Promise<Incident[]> {
  const items: Incident[] = [];
  let cursor: string | undefined;
  do {
    const res = await request(server)
      .get(
        `/api/oncall/collate/incidents?limit=${limit}${
          cursor ? `&cursor=${cursor}` : ''
        }`,
      )
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    items.push(...(res.body.items as Incident[]));
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
