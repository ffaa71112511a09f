import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { HttpResponse, http, delay } from 'msw';
import { setupServer } from 'msw/node';
import { BlamelessIncidentProvider } from './BlamelessIncidentProvider';
import { jwtExpiryMs } from './BlamelessTokenSource';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { JsonObject } from '@backstage/types';

const incidentSample = loadWireSample(
  'blameless',
  'get-api-v1-incidents-id.json',
) as { incident: JsonObject };
const postmortemSample = loadWireSample(
  'blameless',
  'get-api-v1-incidents-id-postmortem.json',
) as JsonObject;

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

function provider(now = () => Date.now(), retrospectiveDays?: number) {
  return BlamelessIncidentProvider.create({
    config: {
      ...config,
      severityMap: { ...config.severityMap },
      retrospectiveDays,
    },
    logger: mockServices.logger.mock(),
    policy: fastResiliencePolicy('blameless', {
      timeoutMs: 300,
      maxAttempts: 3,
      breakerThreshold: 5,
    }),
    now,
  });
}

function standardHandlers(
  options: {
    tokens?: string[];
    incidents?: Array<Record<string, any>>;
    ignoreSince?: boolean;
    calls?: string[];
    /** Ids whose postmortem is asked for, in order. */
    postmortems?: string[];
    beforeAnswer?: (incidents: Array<Record<string, any>>) => void;
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
    http.get(`${base}/api/v1/incidents/:id/postmortem`, ({ params }) => {
      options.postmortems?.push(String(params.id));
      return params.id === '344'
        ? HttpResponse.json(postmortemSample)
        : HttpResponse.json(
            { error: 'not_found', message: 'No postmortem' },
            { status: 404 },
          );
    }),
    listHandler(options.incidents ?? [incidentSample.incident], {
      ignoreSince: options.ignoreSince,
      calls: options.calls,
      beforeAnswer: options.beforeAnswer,
      onRequest: request =>
        authSeen.push(request.headers.get('authorization') ?? ''),
    }),
  );
  return { tokenCalls, authSeen };
}

const since = new Date(0);

type Page = {
  items: Array<{ id: string; slackChannel?: { name: string; url: string } }>;
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
    /** Runs before each list call is answered, e.g. to add changes mid-walk. */
    beforeAnswer?: (incidents: Array<Record<string, any>>) => void;
  } = {},
) {
  const updated = (i: Record<string, any>) =>
    i.updated?.$date ?? i.created?.$date ?? 0;
  return http.get(`${base}/api/v1/incidents`, ({ request }) => {
    const url = new URL(request.url);
    options.calls?.push(url.search);
    options.onRequest?.(request);
    options.beforeAnswer?.(incidents);
    const sorted = [...incidents].sort((a, b) => updated(b) - updated(a));
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

  it('keeps only http(s) Slack channel URLs: another scheme falls back to the channel id, or no link', async () => {
    const channel = (slack_channel: Record<string, unknown>) => ({
      slack_channel,
    });
    standardHandlers({
      incidents: [
        inc(
          1,
          9,
          channel({
            id: 'C1',
            name: 'inc-1',
            // eslint-disable-next-line no-script-url -- a hostile value on purpose
            url: 'javascript:alert(document.cookie)',
          }),
        ),
        inc(
          2,
          8,
          channel({
            name: 'inc-2',
            url: 'data:text/html,<script>alert(1)</script>',
          }),
        ),
        inc(
          3,
          7,
          channel({ id: 'C3', name: 'inc-3', url: 'vbscript:msgbox(1)' }),
        ),
        inc(4, 6, channel({ name: 'inc-4', url: 'https//acme.slack.com' })),
        inc(5, 5, channel({ name: 'inc-5', url: ' JavaScript:alert(1)' })),
        inc(
          6,
          4,
          channel({ name: 'inc-6', url: 'https://acme.slack.com/archives/C6' }),
        ),
      ],
    });
    const [page] = await collect(provider());
    expect(page.rejected).toEqual([]);
    const links = Object.fromEntries(
      page.items.map(i => [i.id, i.slackChannel]),
    );
    expect(links).toEqual({
      '1': {
        name: '#inc-1',
        url: 'https://slack.com/app_redirect?channel=C1',
      },
      '2': undefined,
      '3': {
        name: '#inc-3',
        url: 'https://slack.com/app_redirect?channel=C3',
      },
      '4': undefined,
      '5': undefined,
      '6': { name: '#inc-6', url: 'https://acme.slack.com/archives/C6' },
    });
  });

  it('refuses an incident id that would change the request path, before any request for it', async () => {
    const postmortems: string[] = [];
    const stray: string[] = [];
    standardHandlers({
      postmortems,
      incidents: ['..', '.', '', 'a/b', '5'].map((id, n) => ({
        // open, so the sync looks each one's retrospective up
        ...inc(n + 1, 9 - n, { status: 'INVESTIGATING' }),
        _id: id,
      })),
    });
    server.use(
      http.get(`${base}/api/v1/postmortem`, ({ request }) => {
        stray.push(request.url);
        return HttpResponse.json({ postmortem: { state: 'COMPLETED' } });
      }),
      http.get(`${base}/api/v1/incidents/postmortem`, ({ request }) => {
        stray.push(request.url);
        return HttpResponse.json({ postmortem: { state: 'COMPLETED' } });
      }),
    );
    const [page] = await collect(provider());
    expect(page.items.map(i => i.id)).toEqual(['5']);
    expect(page.rejected.map(r => r.id)).toEqual(['..', '.', '', 'a/b']);
    for (const r of page.rejected) {
      expect(r.reason).toMatch(
        /^_id: must be an id that can stand in a request path/,
      );
    }
    expect(postmortems).toEqual(['5']);
    expect(stray).toEqual([]);
    await expect(provider().getRetrospective('..')).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringContaining('".." cannot be used in a request path'),
    });
    await expect(provider().getIncident('a/b')).rejects.toMatchObject({
      name: 'InputError',
    });
    expect(stray).toEqual([]);
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

describe('BlamelessIncidentProvider retrospective lookups', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);
  const DAY = 86_400_000;
  const at = (
    id: number,
    startedDaysAgo: number,
    extra: Record<string, unknown> = {},
  ) => {
    const created = NOW - startedDaysAgo * DAY;
    return inc(id, created + 100, extra);
  };

  it('looks up recent and open incidents during the sync, and marks old resolved ones pending', async () => {
    const postmortems: string[] = [];
    standardHandlers({
      incidents: [
        at(1, 90),
        at(2, 90, { is_postmortem_required: false }),
        at(3, 90, { status: 'INVESTIGATING' }),
        at(4, 29),
        at(5, 31),
        at(344, 2),
      ],
      postmortems,
    });
    const [page] = await collect(provider(() => NOW));
    expect(postmortems.sort()).toEqual(['3', '344', '4']);
    const retrospectives = Object.fromEntries(
      page.items.map(i => [
        i.id,
        (i as { retrospective?: object }).retrospective,
      ]),
    );
    const url = (id: number) => `${base}/retrospective/${id}`;
    expect(retrospectives).toEqual({
      '1': { status: 'not_started', url: url(1), pending: true },
      '2': { status: 'not_required', url: url(2), pending: true },
      '3': { status: 'not_started', url: url(3) },
      '4': { status: 'not_started', url: url(4) },
      '5': { status: 'not_started', url: url(5), pending: true },
      '344': { status: 'in_progress', url: url(344) },
    });
  });

  it('takes the window from retrospectiveDays', async () => {
    const postmortems: string[] = [];
    standardHandlers({
      incidents: [at(1, 3), at(2, 6), at(3, 8)],
      postmortems,
    });
    await collect(provider(() => NOW, 7));
    expect(postmortems.sort()).toEqual(['1', '2']);
  });

  it('looks one retrospective up: its state, none (404), or a state without a mapping', async () => {
    const postmortems: string[] = [];
    standardHandlers({ postmortems });
    const p = provider(() => NOW);
    await expect(p.getRetrospective('344')).resolves.toEqual({
      found: true,
      retrospective: {
        status: 'in_progress',
        url: `${base}/retrospective/344`,
      },
    });
    await expect(p.getRetrospective('7')).resolves.toEqual({ found: false });
    server.use(
      http.get(`${base}/api/v1/incidents/:id/postmortem`, () =>
        HttpResponse.json({ ok: true, postmortem: { state: 'ARCHIVED' } }),
      ),
    );
    await expect(p.getRetrospective('8')).resolves.toEqual({
      found: true,
      retrospective: undefined,
    });
    expect(postmortems).toEqual(['344', '7']);
  });

  it('fails a lookup the vendor cannot answer', async () => {
    standardHandlers();
    server.use(
      http.get(`${base}/api/v1/incidents/:id/postmortem`, () =>
        HttpResponse.json({ error: 'down' }, { status: 503 }),
      ),
    );
    await expect(provider().getRetrospective('1')).rejects.toMatchObject({
      name: 'VendorError',
      status: 503,
    });
  });
});

describe('BlamelessIncidentProvider list calls', () => {
  const many = (n: number) =>
    Array.from({ length: n }, (_, k) => inc(k + 1, 1000 + k * 10));

  it('probes only the first window: N pages take N + 1 list calls', async () => {
    const calls: string[] = [];
    standardHandlers({ incidents: many(95), calls });
    const pages = await collect(provider(), new Date(0), 10);
    // 10 records, then 9 new ones per page: each window starts at the previous newest change
    expect(pages).toHaveLength(11);
    expect(pages.flatMap(p => p.items.map(i => Number(i.id)))).toEqual(
      Array.from({ length: 95 }, (_, k) => k + 1),
    );
    expect(pages.every(p => p.watermark !== undefined)).toBe(true);
    expect(calls).toHaveLength(12);
    expect(
      calls.filter(c => new URLSearchParams(c).get('limit') === '1'),
    ).toEqual([calls[0]]);
  });

  it('re-reads a page at the corrected offset when changes arrive mid-walk, skipping none', async () => {
    const calls: string[] = [];
    let answered = 0;
    standardHandlers({
      incidents: many(30),
      calls,
      beforeAnswer: incidents => {
        answered += 1;
        if (answered === 3) {
          // two new incidents and a change to one not yet delivered
          incidents.push(inc(101, 5000), inc(102, 5001));
          const changed = incidents.find(i => i._id === 25)!;
          changed.updated = { $date: 5002 };
        }
      },
    });
    const pages = await collect(provider(), new Date(0), 10);
    const ids = pages.flatMap(p => p.items.map(i => Number(i.id)));
    const expected = [
      ...Array.from({ length: 30 }, (_, k) => k + 1).filter(id => id !== 25),
      101,
      102,
      25,
    ];
    expect(ids).toEqual(expected);
    const watermarks = pages.map(p => p.watermark?.getTime());
    expect(watermarks.every(w => w !== undefined)).toBe(true);
    expect(watermarks).toEqual([...watermarks].sort((a, b) => a! - b!));
    expect(watermarks.at(-1)).toBe(5002);
    // probe + 4 pages + one re-read of the page whose total moved
    expect(calls).toHaveLength(6);
  });

  it('falls back to newest-first paging when the total keeps moving', async () => {
    let next = 200;
    standardHandlers({
      incidents: many(30),
      beforeAnswer: incidents => {
        incidents.push(inc(next, 10_000 + next));
        next += 1;
      },
    });
    const pages = await collect(provider(), new Date(0), 10);
    const ids = pages.flatMap(p => p.items.map(i => Number(i.id)));
    expect(ids).toEqual(
      expect.arrayContaining(Array.from({ length: 30 }, (_, k) => k + 1)),
    );
    const watermarks = pages.map(p => p.watermark);
    expect(watermarks.slice(0, -1).every(w => w === undefined)).toBe(true);
    expect(watermarks.at(-1)).toBeDefined();
  });
});
