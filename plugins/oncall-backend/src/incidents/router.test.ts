import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  Incident,
  IncidentPage,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { oncallPlugin } from '../plugin';
import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import { startOncallTestBackend } from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(60_000);

describe('incident routes', () => {
  let sandbox: RunningSandbox;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let scheduler: ReturnType<typeof mockServices.scheduler.mock>;
  const user = mockCredentials.user.header();

  beforeAll(async () => {
    const started = await startOncallTestBackend({
      vendors: ['blameless'],
      entities: reliabilityEntities,
      config: { vendorTimeoutMs: 1000 },
    });
    sandbox = started.sandbox;
    server = started.server;
    scheduler = started.scheduler;
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
  });

  const get = (path: string) =>
    request(server).get(`/api/oncall${path}`).set('Authorization', user);

  it('answers a component with its incidents, newest first, with every field of an item', async () => {
    const res = await get(
      '/entities/component/default/payments-api/incidents?limit=500',
    ).expect(200);
    const body: IncidentPage = res.body;
    const expected = sandbox.org.incidents.filter(
      i => i.service === 'payments-api',
    );
    expect(body.entityRef).toBe('component:default/payments-api');
    expect(body.services).toEqual(['payments-api']);
    expect(body.items).toHaveLength(expected.length);
    expect(body.stats.count).toBe(expected.length);
    const started = body.items.map(i => Date.parse(i.startedAt));
    expect(started).toEqual([...started].sort((a, b) => b - a));
    const open = body.items.find(
      i => i.title === 'Refunds stuck in pending for payments-api',
    );
    expect(open).toMatchObject({ status: 'identified', severity: 'sev2' });
    expect(open).not.toHaveProperty('resolvedAt');
    const resolved = body.items.find(
      i => i.status === 'resolved' && i.retrospective?.status === 'completed',
    );
    expect(resolved).toMatchObject({
      commander: {
        name: expect.any(String),
        email: expect.stringMatching(/@example\.com$/),
      },
      slackChannel: {
        name: expect.stringMatching(/^#inc-\d+-/),
        url: expect.stringMatching(/^https:\/\/slack\.com\//),
      },
      retrospective: { url: expect.stringContaining('/retrospective/') },
      url: expect.stringMatching(/\/incident\/\d+\/events$/),
    });
    expect(body.freshness.stale).toBe(false);
    expect(body.freshness.sources[0]).toMatchObject({
      source: 'blameless',
      stale: false,
    });
  });

  it('looks up in the background the retrospectives a view shows as pending; the next view shows them', async () => {
    const DAY = 86_400_000;
    const path = '/entities/group/default/discovery/incidents?limit=500';
    // the first sync has run (an empty window of the same Group waits for it)
    await get(
      '/entities/group/default/discovery/incidents?from=2000-01-01&to=2000-01-02',
    ).expect(200);
    await request(sandbox.url).delete('/__sandbox/stats').expect(204);
    const first: IncidentPage = (await get(path).expect(200)).body;
    const pending = first.items.filter(i => i.retrospective?.pending);
    // older than oncall.blameless.retrospectiveDays (default 30) and resolved
    expect(pending.length).toBeGreaterThan(0);
    expect(
      pending.every(
        i =>
          i.status === 'resolved' &&
          Date.parse(i.startedAt) < Date.now() - 30 * DAY,
      ),
    ).toBe(true);
    expect(
      first.items
        .filter(i => Date.parse(i.startedAt) >= Date.now() - 29 * DAY)
        .every(i => !i.retrospective?.pending),
    ).toBe(true);

    let next = first;
    for (
      let deadline = Date.now() + 10_000;
      next.items.some(i => i.retrospective?.pending) && Date.now() < deadline;

    ) {
      await new Promise(resolve => setTimeout(resolve, 50));
      next = (await get(path).expect(200)).body;
    }
    expect(next.items.filter(i => i.retrospective?.pending)).toEqual([]);
    const states: Record<string, string> = {
      COMPLETED: 'completed',
      IN_REVIEW: 'in_review',
      INCOMPLETE: 'in_progress',
      NOT_STARTED: 'not_started',
    };
    const truth = new Map(sandbox.org.incidents.map(i => [String(i.id), i]));
    const implied = (postmortemRequired: boolean) =>
      postmortemRequired ? 'not_started' : 'not_required';
    const looked = pending.map(i => {
      const demo = truth.get(i.id)!;
      return {
        id: i.id,
        status: demo.retrospective
          ? states[demo.retrospective.state]
          : implied(demo.postmortemRequired),
      };
    });
    expect(
      pending.map(i => ({
        id: i.id,
        status: next.items.find(n => n.id === i.id)?.retrospective?.status,
      })),
    ).toEqual(looked);
    expect(looked.some(l => l.status === 'completed')).toBe(true);
    // one lookup per pending incident, however many views asked
    const stats = (await request(sandbox.url).get('/__sandbox/stats')).body;
    expect(
      stats.vendors.blameless.routes['GET /api/v1/incidents/:id/postmortem'],
    ).toBe(pending.length);
  });

  it('matches by blameless.com/service and rolls a Group up over what it owns', async () => {
    const checkoutApi = (
      await get('/entities/component/default/checkout-api/incidents').expect(
        200,
      )
    ).body;
    expect(checkoutApi.services).toEqual(['checkout']);
    const group = (
      await get('/entities/group/default/payments/incidents?limit=500').expect(
        200,
      )
    ).body;
    const owned = sandbox.org.services
      .filter(s => s.owner === 'payments')
      .map(s => s.blamelessService);
    expect(group.services).toEqual([...new Set(owned)].sort());
    expect(group.stats.count).toBe(
      sandbox.org.incidents.filter(i => owned.includes(i.service)).length,
    );
  });

  it('filters by window, severity and status; stats cover the filtered window, not the page', async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 90 * 86_400_000);
    const query = `from=${from.toISOString()}&to=${to.toISOString()}&severity=sev1&severity=sev2&status=resolved&limit=2`;
    const body: IncidentPage = (
      await get(`/entities/group/default/commerce/incidents?${query}`).expect(
        200,
      )
    ).body;
    // commerce owns the System only; its parts are owned by the sub-teams
    expect(body.services).toEqual(['commerce-platform']);
    expect(body.stats.count).toBe(
      sandbox.org.incidents.filter(i => i.service === 'commerce-platform')
        .length,
    );

    const payments: IncidentPage = (
      await get(`/entities/group/default/payments/incidents?${query}`).expect(
        200,
      )
    ).body;
    const expected = sandbox.org.incidents.filter(
      i =>
        sandbox.org.services.some(
          s => s.owner === 'payments' && s.blamelessService === i.service,
        ) &&
        (i.severity === 1 || i.severity === 2) &&
        i.status === 'RESOLVED' &&
        i.created >= from.getTime() &&
        i.created <= to.getTime(),
    );
    expect(payments.stats.count).toBe(expected.length);
    expect(payments.items.length).toBeLessThanOrEqual(2);
    expect(
      payments.items.every(
        i => ['sev1', 'sev2'].includes(i.severity) && i.status === 'resolved',
      ),
    ).toBe(true);
  });

  it('pages with an opaque cursor through exactly the full result', async () => {
    const all: IncidentPage = (
      await get('/entities/group/default/checkout/incidents?limit=500').expect(
        200,
      )
    ).body;
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: IncidentPage = (
        await get(
          `/entities/group/default/checkout/incidents?limit=7${
            cursor ? `&cursor=${cursor}` : ''
          }`,
        ).expect(200)
      ).body;
      expect(page.stats).toEqual(all.stats);
      seen.push(...page.items.map(i => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map(i => i.id));
  });

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
    await request(server)
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
    await request(sandbox.url)
      .put('/__sandbox/faults/blameless')
      .send({ mode: 'error', status: 503 })
      .expect(200);
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'oncall-sync-incidents',
    );
    expect(task).toBeDefined();
    await expect(task![0].fn(new AbortController().signal)).rejects.toThrow();
    const body: IncidentPage = (
      await get('/entities/component/default/payments-api/incidents').expect(
        200,
      )
    ).body;
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.freshness.stale).toBe(true);
    expect(body.freshness.sources[0].lastError?.message).toMatch(/503/);
    await request(sandbox.url).delete('/__sandbox/faults');
    await task![0].fn(new AbortController().signal);
    const again: IncidentPage = (
      await get('/entities/component/default/payments-api/incidents').expect(
        200,
      )
    ).body;
    expect(again.freshness.stale).toBe(false);
  });

  it('streams every incident to service callers only, with the entities it maps to', async () => {
    await request(server)
      .get('/api/oncall/collate/incidents')
      .set('Authorization', user)
      .expect(403);
    const ids: string[] = [];
    let cursor: string | undefined;
    let checkout: { entityRefs: string[] } | undefined;
    do {
      const res = await request(server)
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
      sandbox.org.incidents.filter(
        i => i.updated >= Date.now() - 365 * 86_400_000,
      ).length,
    );
    expect(checkout?.entityRefs).toEqual([
      'api:default/checkout',
      'component:default/checkout-api',
    ]);
    await request(server)
      .get('/api/oncall/collate/incidents?cursor=%%%')
      .set('Authorization', mockCredentials.service.header())
      .expect(400);
  });
  it('after each sync run, looks up a few of the retrospectives still pending, newest first, without any view', async () => {
    const ownScheduler = mockServices.scheduler.mock();
    const own = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: reliabilityEntities(sandbox.org),
        }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              blameless: {
                baseUrl: `${sandbox.url}/blameless`,
                apiKey: SANDBOX_DEFAULT_KEYS.blameless,
                retrospectiveLookupsPerRun: 5,
              },
              vendorTimeoutMs: 1000,
            },
          },
        }),
        ownScheduler.factory,
      ],
    });
    const pending = async () => {
      const items: Incident[] = [];
      let cursor: string | undefined;
      do {
        const res = await request(own.server)
          .get(
            `/api/oncall/collate/incidents?limit=100${
              cursor ? `&cursor=${cursor}` : ''
            }`,
          )
          .set('Authorization', mockCredentials.service.header())
          .expect(200);
        items.push(...(res.body.items as Incident[]));
        cursor = res.body.nextCursor;
      } while (cursor);
      return items
        .filter(i => i.retrospective?.pending)
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
        .map(i => i.id);
    };
    const task = ownScheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'oncall-sync-incidents',
    );
    /** The pending ids once no lookup changes them any more. */
    const settled = async () => {
      let ids = await pending();
      for (;;) {
        await new Promise(resolve => setTimeout(resolve, 300));
        const again = await pending();
        if (again.join() === ids.join()) return ids;
        ids = again;
      }
    };

    // the first run fills the empty store, then looks up the five newest pending
    await task![0].fn(new AbortController().signal);
    const afterFirst = await settled();
    expect(afterFirst.length).toBeGreaterThan(10);
    await task![0].fn(new AbortController().signal);
    const afterSecond = await settled();
    expect(afterSecond).toEqual(afterFirst.slice(5));
    await own.stop();
  });
});
