import { HttpResponse, http } from 'msw';
import { inc, useBlamelessWire } from '../../__testUtils__/blamelessProvider';

const { server, base, provider, standardHandlers, collect } =
  useBlamelessWire();

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
