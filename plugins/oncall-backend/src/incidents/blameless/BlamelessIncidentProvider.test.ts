import { mockServices, registerMswTestHooks } from '@backstage/backend-test-utils';
import { HttpResponse, http, delay } from 'msw';
import { setupServer } from 'msw/node';
import incidentSample from '../../__fixtures__/wire-samples/blameless/get-api-v1-incidents-id.json';
import postmortemSample from '../../__fixtures__/wire-samples/blameless/get-api-v1-incidents-id-postmortem.json';
import { BlamelessIncidentProvider } from './BlamelessIncidentProvider';
import { jwtExpiryMs } from './BlamelessTokenSource';

const base = 'http://blameless.test';
const server = setupServer();
registerMswTestHooks(server);

function jwt(expSeconds: number, tag = 'a'): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: expSeconds, tag })}.sig`;
}

const config = {
  baseUrl: base,
  apiKey: 'raw-key-123',
  severityMap: { SEV0: 'sev0', SEV1: 'sev1', SEV2: 'sev2', SEV3: 'sev3', P1: 'sev1' } as const,
  backfillDays: 365,
  retentionDays: 730,
};

function provider(now = () => Date.now()) {
  return BlamelessIncidentProvider.create({
    config: { ...config, severityMap: { ...config.severityMap } },
    logger: mockServices.logger.mock(),
    resilience: { timeoutMs: 300, baseDelayMs: 1, maxAttempts: 3 },
    now,
  });
}

const listOf = (incidents: unknown[], count = incidents.length) => ({
  ok: true,
  incidents,
  pagination: { limit: 100, offset: 0, count },
});

function standardHandlers(options: { tokens?: string[]; list?: unknown } = {}) {
  const tokenCalls: string[] = [];
  const authSeen: string[] = [];
  let i = 0;
  const tokens = options.tokens ?? [jwt(Math.floor(Date.now() / 1000) + 3600)];
  server.use(
    http.post(`${base}/api/v2/identity/token`, ({ request }) => {
      tokenCalls.push(request.headers.get('authorization') ?? '');
      const token = tokens[Math.min(i, tokens.length - 1)];
      i += 1;
      return HttpResponse.json({ access_token: token, token_type: 'Bearer', expires_in: 3600 });
    }),
    http.get(`${base}/api/v2/settings/incidents/severities`, () =>
      HttpResponse.json({
        severities: [
          { level: 0, label: 'SEV0' },
          { level: 1, label: 'P1' },
          { level: 2, label: 'SEV2' },
          { level: 3, label: 'SEV3' },
        ],
      }),
    ),
    http.get(`${base}/api/v1/incidents`, ({ request }) => {
      authSeen.push(request.headers.get('authorization') ?? '');
      return HttpResponse.json(options.list ?? listOf([incidentSample.incident]));
    }),
    http.get(`${base}/api/v1/incidents/:id/postmortem`, ({ params }) =>
      params.id === '344'
        ? HttpResponse.json(postmortemSample)
        : HttpResponse.json({ error: 'not_found', message: 'No postmortem' }, { status: 404 }),
    ),
  );
  return { tokenCalls, authSeen };
}

const since = new Date(0);

describe('BlamelessIncidentProvider', () => {
  it('reads the recorded incident and postmortem samples into incidents', async () => {
    const { tokenCalls, authSeen } = standardHandlers();
    const page = await provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 });
    expect(tokenCalls).toEqual(['raw-key-123']);
    expect(authSeen[0]).toMatch(/^Bearer /);
    expect(page.rejected).toEqual([]);
    expect(page.hasMore).toBe(false);
    expect(page.items).toEqual([
      {
        id: '344',
        title: 'New incident test 3',
        severity: 'sev1',
        status: 'investigating',
        startedAt: new Date(1530898627590).toISOString(),
        acknowledgedAt: undefined,
        resolvedAt: undefined,
        updatedAt: new Date(1530898630275).toISOString(),
        commander: undefined,
        slackChannel: {
          name: '#_incident-344',
          url: 'https://slack.com/app_redirect?channel=CBKHWTLUQ',
        },
        retrospective: { status: 'in_progress', url: `${base}/retrospective/344` },
        services: [],
        url: `${base}/incident/344/events`,
      },
    ]);
  });

  it('maps commander, services, timestamps and a missing retrospective', async () => {
    standardHandlers({
      list: listOf([
        {
          _id: 7,
          description: 'Checkout down',
          created: { $date: 1_000_000 },
          updated: { $date: 5_000_000 },
          status: 'RESOLVED',
          severity: 0,
          acknowledged_at: { $date: 1_120_000 },
          resolved_at: { $date: 4_600_000 },
          roles: [
            { role: 'Communication Lead', user: { full_name: 'Tom Hughes' } },
            { role: 'Commander', user: { full_name: 'Maria Garcia', email: 'maria.garcia@example.com' } },
          ],
          services: [{ name: 'checkout' }, 'cart-service'],
          is_postmortem_required: true,
        },
      ]),
    });
    const [item] = (await provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 })).items;
    expect(item).toMatchObject({
      id: '7',
      severity: 'sev0',
      status: 'resolved',
      acknowledgedAt: new Date(1_120_000).toISOString(),
      resolvedAt: new Date(4_600_000).toISOString(),
      commander: { name: 'Maria Garcia', email: 'maria.garcia@example.com' },
      services: ['checkout', 'cart-service'],
      retrospective: { status: 'not_started', url: `${base}/retrospective/7` },
    });
  });

  it('skips a bad record with its id and keeps the rest', async () => {
    standardHandlers({
      list: listOf([
        { _id: 1, created: { $date: 'soon' }, status: 'RESOLVED', severity: 1 },
        { _id: 2, description: 'x', created: { $date: 1 }, status: 'RESOLVED', severity: 9 },
        { _id: 3, description: 'ok', created: { $date: 1 }, status: 'RESOLVED', severity: 2, is_postmortem_required: false },
      ]),
    });
    const page = await provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 });
    expect(page.items.map(i => i.id)).toEqual(['3']);
    expect(page.items[0].retrospective?.status).toBe('not_required');
    expect(page.rejected.map(r => r.id)).toEqual(['1', '2']);
    expect(page.rejected[1].reason).toMatch(/severity level 9/);
  });

  it('caches the token until shortly before exp and renews it on 401 once', async () => {
    let now = Date.now();
    const expSeconds = Math.floor(now / 1000) + 600;
    const { tokenCalls } = standardHandlers({ tokens: [jwt(expSeconds, 'a'), jwt(expSeconds + 600, 'b')] });
    const p = provider(() => now);
    await p.listIncidents({ updatedSince: since, offset: 0, limit: 100 });
    await p.listIncidents({ updatedSince: since, offset: 0, limit: 100 });
    expect(tokenCalls).toHaveLength(1);
    now = expSeconds * 1000 - 30_000; // inside the renewal margin
    await p.listIncidents({ updatedSince: since, offset: 0, limit: 100 });
    expect(tokenCalls).toHaveLength(2);

    let rejectedOnce = false;
    server.use(
      http.get(`${base}/api/v1/incidents`, () => {
        if (!rejectedOnce) {
          rejectedOnce = true;
          return HttpResponse.json({ error: 'unauthorized', message: 'expired' }, { status: 401 });
        }
        return HttpResponse.json(listOf([]));
      }),
    );
    await expect(p.listIncidents({ updatedSince: since, offset: 0, limit: 100 })).resolves.toMatchObject({ items: [] });
    expect(tokenCalls).toHaveLength(3);
  });

  it('fails with a 401 that persists after one renewal', async () => {
    const { tokenCalls } = standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents`, () =>
        HttpResponse.json({ error: 'unauthorized' }, { status: 401 }),
      ),
    );
    await expect(
      provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 }),
    ).rejects.toMatchObject({ name: 'VendorError', status: 401 });
    expect(tokenCalls).toHaveLength(2);
  });

  it('retries a 503 with the Retry-After hint and gives up after the attempts', async () => {
    standardHandlers();
    let calls = 0;
    server.use(
      http.get(`${base}/api/v1/incidents`, () => {
        calls += 1;
        return calls < 3
          ? HttpResponse.json({ error: 'busy' }, { status: 503, headers: { 'Retry-After': '0' } })
          : HttpResponse.json(listOf([]));
      }),
    );
    await expect(provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 })).resolves.toMatchObject({ items: [] });
    expect(calls).toBe(3);
  });

  it('times out a hanging call', async () => {
    standardHandlers();
    server.use(http.get(`${base}/api/v1/incidents`, async () => { await delay('infinite'); return HttpResponse.json({}); }));
    await expect(
      provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 }),
    ).rejects.toMatchObject({ name: 'VendorError', kind: 'timeout' });
  });

  it('rejects a malformed envelope', async () => {
    standardHandlers({ list: { ok: true, incidents: 'nope' } });
    await expect(
      provider().listIncidents({ updatedSince: since, offset: 0, limit: 100 }),
    ).rejects.toMatchObject({ name: 'VendorError', kind: 'malformed' });
  });

  it('drops records older than the watermark when the filter is ignored and stops newest-first paging', async () => {
    standardHandlers({
      list: listOf(
        [
          { _id: 9, description: 'new', created: { $date: 900 }, updated: { $date: 5000 }, status: 'RESOLVED', severity: 1 },
          { _id: 8, description: 'old', created: { $date: 800 }, updated: { $date: 1000 }, status: 'RESOLVED', severity: 1 },
        ],
        50,
      ),
    });
    const page = await provider().listIncidents({ updatedSince: new Date(2000), offset: 0, limit: 2 });
    expect(page.items.map(i => i.id)).toEqual(['9']);
    expect(page.ascending).toBe(false);
    expect(page.hasMore).toBe(false);
  });

  it('returns undefined for an unknown incident', async () => {
    standardHandlers();
    server.use(http.get(`${base}/api/v1/incidents/:id`, () => HttpResponse.json({ error: 'not_found' }, { status: 404 })));
    await expect(provider().getIncident('404')).resolves.toBeUndefined();
  });

  it('reads the exp claim of a JWT', () => {
    expect(jwtExpiryMs(jwt(1234))).toBe(1_234_000);
    expect(jwtExpiryMs('opaque')).toBeUndefined();
  });
});
