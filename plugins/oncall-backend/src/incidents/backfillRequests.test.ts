import { mockServices } from '@backstage/backend-test-utils';
import request from 'supertest';
import { SyncStateStore } from '../database/SyncStateStore';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentSync } from './IncidentSync';
import { createVendorPolicy } from '../lib/resilience';
import { sandboxBlamelessConfig } from '../__testUtils__/startOncallTestBackend';
import { createTestStores } from '../__testUtils__/createTestStores';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(120_000);

const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;
const INCIDENTS = 10_000;
/**
 * What a backfill costs the vendor: one list call per page plus one probe, and a
 * retrospective lookup only for incidents of the last `retrospectiveDays` or still open.
 */
describe('incident backfill vendor requests', () => {
  const sandbox = useSandbox({
    now: () => NOW,
    scale: { teams: 0, services: 0, incidents: INCIDENTS, slos: 0 },
  });

  const blamelessRoutes = async (): Promise<Record<string, number>> =>
    (await request(sandbox.url).get('/__sandbox/stats').expect(200)).body
      .vendors.blameless.routes;

  it('lists each page once and looks up only recent or open retrospectives', async () => {
    const { knex } = await createTestStores('SQLITE_3');
    const logger = mockServices.logger.mock();
    const store = DatabaseIncidentStore.create({ knex: knex });
    const sync = new IncidentSync({
      provider: BlamelessIncidentProvider.create({
        config: {
          ...sandboxBlamelessConfig(sandbox.url),
          retrospectiveDays: 30,
        },
        logger,
        policy: createVendorPolicy('blameless', mockServices.logger.mock(), {
          breakerThreshold: 1000,
        }),
        now: () => NOW.getTime(),
      }),
      store,
      syncState: new SyncStateStore(knex),
      logger,
      backfillDays: 365,
      retentionDays: 730,
      now: () => NOW,
    });
    await request(sandbox.url).delete('/__sandbox/stats').expect(204);

    const full = await sync.run();

    const synced = sandbox.org.incidents.filter(
      i => i.updated >= NOW.getTime() - 365 * DAY,
    );
    const lookedUp = synced.filter(
      i => i.created >= NOW.getTime() - 30 * DAY || i.status !== 'RESOLVED',
    );
    expect(synced.length).toBeGreaterThan(INCIDENTS * 0.9);
    expect(full.written).toBe(synced.length);
    const routes = await blamelessRoutes();
    const lists = routes['GET /api/v1/incidents'];
    const postmortems = routes['GET /api/v1/incidents/:id/postmortem'];
    // each page after the first re-reads the change at its start: 99 new records a page
    expect(lists).toBeLessThanOrEqual(Math.ceil(synced.length / 99) + 2);
    expect(postmortems).toBe(lookedUp.length);
    expect(postmortems).toBeLessThan(synced.length * 0.15);
    const { items } = await store.listAll({ limit: INCIDENTS * 2 });
    expect(items.filter(i => i.retrospective?.pending)).toHaveLength(
      synced.length - lookedUp.length,
    );

    await request(sandbox.url).delete('/__sandbox/stats').expect(204);
    await sync.run();
    const incremental = await blamelessRoutes();
    // nothing changed: the probe, and the changes exactly at the watermark read again
    const watermark = Math.max(...synced.map(i => i.updated));
    expect(incremental['GET /api/v1/incidents']).toBe(2);
    expect(incremental['GET /api/v1/incidents/:id/postmortem'] ?? 0).toBe(
      lookedUp.filter(i => i.updated === watermark).length,
    );
  });
});
