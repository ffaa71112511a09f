import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
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
  const part = (o: object) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none' })}.${part({ exp: expSeconds, tag })}.sig`;
}

const config = {
  baseUrl: base,
  apiKey: 'raw-key-123',
  severityMap: {
    SEV0: 'sev0',
    SEV1: 'sev1',
    SEV2: 'sev2',
    SEV3: 'sev3',
    P1: 'sev1',
  } as const,
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

function standardHandlers(
  options: {
    tokens?: string[];
    incidents?: Array<Record<string, any>>;
    ignoreSince?: boolean;
    calls?: string[];
  } = {},
) {
  const tokenCalls: string[] = [];
  const authSeen: string[] = [];
  let i = 0;
  const tokens = options.tokens ?? [jwt(Math.floor(Date.now() / 1000) + 3600)];
  server.use(
    http.post(`${base}/api/v2/identity/token`, ({ request }) => {
      tokenCalls.push(request.headers.get('authorization') ?? '');
      const token = tokens[Math.min(i, tokens.length - 1)];
      i += 1;
      return HttpResponse.json({
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
      });
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
    http.get(`${base}/api/v1/incidents/:id/postmortem`, ({ params }) =>
      params.id === '344'
        ? HttpResponse.json(postmortemSample)
        : HttpResponse.json(
            { error: 'not_found', message: 'No postmortem' },
            { status: 404 },
          ),
    ),
    listHandler(options.incidents ?? [incidentSample.incident], {
      ignoreSince: options.ignoreSince,
      calls: options.calls,
      onRequest: request =>
        authSeen.push(request.headers.get('authorization') ?? ''),
    }),
  );
  return { tokenCalls, authSeen };
}

const since = new Date(0);

type Page = {
  items: Array<{ id: string }>;
  rejected: Array<{ id?: string; reason: string }>;
  watermark?: Date;
};

async function collect(
  p: BlamelessIncidentProvider,
  from = since,
  pageSize = 100,
) {
  const pages: Page[] = [];
  for await (const page of p.changesSince(from, { pageSize })) {
    pages.push(page);
  }
  return pages;
}

/** Serves `incidents` newest change first, honouring updated_since/offset/limit like Blameless. */
function listHandler(
  incidents: Array<Record<string, any>>,
  options: {
    ignoreSince?: boolean;
    calls?: string[];
    onRequest?: (request: Request) => void;
  } = {},
) {
  const updated = (i: Record<string, any>) =>
    i.updated?.$date ?? i.created?.$date ?? 0;
  const sorted = [...incidents].sort((a, b) => updated(b) - updated(a));
  return http.get(`${base}/api/v1/incidents`, ({ request }) => {
    const url = new URL(request.url);
    options.calls?.push(url.search);
    options.onRequest?.(request);
    const limit = Number(url.searchParams.get('limit'));
    const offset = Number(url.searchParams.get('offset'));
    const updatedSince = Number(url.searchParams.get('updated_since') ?? 0);
    const matching = options.ignoreSince
      ? sorted
      : sorted.filter(i => updated(i) >= updatedSince);
    return HttpResponse.json({
      ok: true,
      incidents: matching.slice(offset, offset + limit),
      pagination: { limit, offset, count: matching.length },
    });
  });
}

const inc = (
  id: number,
  updated: number,
  extra: Record<string, unknown> = {},
) => ({
  _id: id,
  description: `Incident ${id}`,
  created: { $date: updated - 100 },
  updated: { $date: updated },
  status: 'RESOLVED',
  severity: 2,
  ...extra,
});

describe('BlamelessIncidentProvider', () => {
  it('reads the recorded incident and postmortem samples into incidents', async () => {
    const { tokenCalls, authSeen } = standardHandlers();
    const pages = await collect(provider());
    expect(tokenCalls).toEqual(['raw-key-123']);
    expect(authSeen.every(a => a.startsWith('Bearer '))).toBe(true);
    expect(pages).toHaveLength(1);
    expect(pages[0].rejected).toEqual([]);
    expect(pages[0].watermark).toEqual(new Date(1530898630275));
    expect(pages[0].items).toEqual([
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
        retrospective: {
          status: 'in_progress',
          url: `${base}/retrospective/344`,
        },
        services: [],
        url: `${base}/incident/344/events`,
      },
    ]);
  });

  it('maps commander, services, timestamps and a missing retrospective', async () => {
    standardHandlers({
      incidents: [
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
            { role: 'Communication Lead', user: { name: 'Tom Hughes' } },
            {
              role: 'Commander',
              user: { name: 'Maria Garcia', email: 'maria.garcia@example.com' },
            },
          ],
          services: [{ name: 'checkout' }, 'cart-service'],
          is_postmortem_required: true,
        },
      ],
    });
    const [item] = (await collect(provider()))[0].items;
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
      incidents: [
        {
          _id: 1,
          updated: { $date: 5 },
          created: { $date: 'soon' },
          status: 'RESOLVED',
          severity: 1,
        },
        inc(2, 4, { severity: 9 }),
        inc(3, 3, { is_postmortem_required: false }),
      ],
    });
    const [page] = await collect(provider());
    expect(page.items.map(i => i.id)).toEqual(['3']);
    expect(page.rejected.map(r => r.id).sort()).toEqual(['1', '2']);
    expect(page.rejected.find(r => r.id === '2')?.reason).toMatch(
      /severity level 9/,
    );
  });

  it('walks changes oldest first with a watermark per page, though the vendor lists newest first', async () => {
    const calls: string[] = [];
    standardHandlers({
      incidents: [
        inc(1, 1000),
        inc(2, 2000),
        inc(3, 3000),
        inc(4, 4000),
        inc(5, 5000),
      ],
      calls,
    });
    const pages = await collect(provider(), new Date(1500), 2);
    expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual([
      '2',
      '3',
      '4',
      '5',
    ]);
    const watermarks = pages.map(p => p.watermark?.getTime());
    expect(watermarks).toEqual([...watermarks].sort());
    expect(watermarks.at(-1)).toBe(5000);
    expect(watermarks.every(w => w !== undefined)).toBe(true);
  });

  it('falls back to newest-first paging when updated_since is ignored', async () => {
    standardHandlers({
      incidents: [
        inc(1, 1000),
        inc(2, 2000),
        inc(3, 3000),
        inc(4, 4000),
        inc(5, 5000),
      ],
      ignoreSince: true,
    });
    const pages = await collect(provider(), new Date(2500), 2);
    expect(pages.flatMap(p => p.items.map(i => i.id))).toEqual(['5', '4', '3']);
    expect(pages.map(p => p.watermark?.getTime())).toEqual([undefined, 5000]);
  });

  it('caches the token until shortly before exp and renews it on 401 once', async () => {
    let now = Date.now();
    const expSeconds = Math.floor(now / 1000) + 600;
    const { tokenCalls } = standardHandlers({
      tokens: [jwt(expSeconds, 'a'), jwt(expSeconds + 600, 'b')],
    });
    const p = provider(() => now);
    await collect(p);
    await collect(p);
    expect(tokenCalls).toHaveLength(1);
    now = expSeconds * 1000 - 30_000; // inside the renewal margin
    await collect(p);
    expect(tokenCalls).toHaveLength(2);

    let rejectedOnce = false;
    server.use(
      http.get(`${base}/api/v1/incidents`, () => {
        if (!rejectedOnce) {
          rejectedOnce = true;
          return HttpResponse.json(
            { error: 'unauthorized', message: 'expired' },
            { status: 401 },
          );
        }
        return HttpResponse.json({
          ok: true,
          incidents: [],
          pagination: { count: 0 },
        });
      }),
    );
    await expect(collect(p)).resolves.toEqual([]);
    expect(tokenCalls).toHaveLength(3);
  });

  it('fails with a 401 that persists after one renewal', async () => {
    const { tokenCalls } = standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents`, () =>
        HttpResponse.json({ error: 'unauthorized' }, { status: 401 }),
      ),
    );
    await expect(collect(provider())).rejects.toMatchObject({
      name: 'VendorError',
      status: 401,
    });
    expect(tokenCalls).toHaveLength(2);
  });

  it('retries a 503 with the Retry-After hint', async () => {
    standardHandlers();
    let calls = 0;
    server.use(
      http.get(`${base}/api/v1/incidents`, () => {
        calls += 1;
        return calls < 3
          ? HttpResponse.json(
              { error: 'busy' },
              { status: 503, headers: { 'Retry-After': '0' } },
            )
          : HttpResponse.json({
              ok: true,
              incidents: [],
              pagination: { count: 0 },
            });
      }),
    );
    await expect(collect(provider())).resolves.toEqual([]);
    expect(calls).toBe(3);
  });

  it('times out a hanging call', async () => {
    standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents`, async () => {
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    await expect(collect(provider())).rejects.toMatchObject({
      name: 'VendorError',
      kind: 'timeout',
    });
  });

  it('rejects a malformed envelope', async () => {
    standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents`, () =>
        HttpResponse.json({ ok: true, incidents: 'nope' }),
      ),
    );
    await expect(collect(provider())).rejects.toMatchObject({
      name: 'VendorError',
      kind: 'malformed',
    });
  });

  it('returns undefined for an unknown incident', async () => {
    standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents/:id`, () =>
        HttpResponse.json({ error: 'not_found' }, { status: 404 }),
      ),
    );
    await expect(provider().getIncident('404')).resolves.toBeUndefined();
  });

  it('reads the exp claim of a JWT', () => {
    expect(jwtExpiryMs(jwt(1234))).toBe(1_234_000);
    expect(jwtExpiryMs('opaque')).toBeUndefined();
  });
});
