import { IncidentPage } from '@oncall-for-backstage/plugin-oncall-common';
import request from 'supertest';
import { useIncidentRoutesBackend } from '../__testUtils__/incidentRoutesBackend';

describe('incident routes', () => {
  const backend = useIncidentRoutesBackend();
  const { get } = backend;

  it('answers a component with its incidents, newest first, with every field of an item', async () => {
    const res = await get(
      '/entities/component/default/payments-api/incidents?limit=500',
    ).expect(200);
    const body: IncidentPage = res.body;
    const expected = backend.sandbox.org.incidents.filter(
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
    await request(backend.sandbox.url).delete('/__sandbox/stats').expect(204);
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
    const truth = new Map(
      backend.sandbox.org.incidents.map(i => [String(i.id), i]),
    );
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
    const stats = (await request(backend.sandbox.url).get('/__sandbox/stats'))
      .body;
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
    const owned = backend.sandbox.org.services
      .filter(s => s.owner === 'payments')
      .map(s => s.blamelessService);
    expect(group.services).toEqual([...new Set(owned)].sort());
    expect(group.stats.count).toBe(
      backend.sandbox.org.incidents.filter(i => owned.includes(i.service))
        .length,
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
      backend.sandbox.org.incidents.filter(
        i => i.service === 'commerce-platform',
      ).length,
    );

    const payments: IncidentPage = (
      await get(`/entities/group/default/payments/incidents?${query}`).expect(
        200,
      )
    ).body;
    const expected = backend.sandbox.org.incidents.filter(
      i =>
        backend.sandbox.org.services.some(
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
});
