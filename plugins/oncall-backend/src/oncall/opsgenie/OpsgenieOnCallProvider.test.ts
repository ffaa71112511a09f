import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { HttpResponse, delay, http } from 'msw';
import { setupServer } from 'msw/node';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { createVendorPolicy } from '../../lib/resilience';
import { VendorError } from '../../lib/VendorError';
import { OpsgenieOnCallProvider } from './OpsgenieOnCallProvider';

const base = 'http://opsgenie.test';
const apiKey = '0b6d2a4e-5f1c-4d3b-9a7e-2c8f1e6d4b3a';
const server = setupServer();
registerMswTestHooks(server);

function sample(name: string): Record<string, unknown> {
  return loadWireSample('opsgenie', name) as Record<string, unknown>;
}

function provider(options: { timeoutMs?: number; maxAttempts?: number } = {}) {
  const logger = mockServices.logger.mock();
  return OpsgenieOnCallProvider.create({
    config: { baseUrl: base, apiKey },
    policy: createVendorPolicy('opsgenie', logger, {
      timeoutMs: options.timeoutMs ?? 1000,
      maxAttempts: options.maxAttempts ?? 3,
      baseDelayMs: 10,
      breakerThreshold: 100,
    }),
    pollDelayMs: 10,
  });
}

describe('OpsgenieOnCallProvider', () => {
  it('authenticates with a GenieKey and maps the recorded schedule list', async () => {
    let auth: string | null = null;
    let expand: string | null = null;
    server.use(
      http.get(`${base}/v2/schedules`, ({ request }) => {
        auth = request.headers.get('authorization');
        expand = new URL(request.url).searchParams.get('expand');
        return HttpResponse.json(sample('get-v2-schedules.json'));
      }),
    );
    const schedules = await provider().listSchedules();
    expect(auth).toBe(`GenieKey ${apiKey}`);
    expect(expand).toBe('rotation');
    expect(schedules.map(s => s.name)).toEqual([
      'ooh_second_line',
      'first_line',
    ]);
  });

  it('waits the X-RateLimit-Period-In-Sec a 429 asks for, then succeeds', async () => {
    const seen: number[] = [];
    server.use(
      http.get(`${base}/v2/teams`, () => {
        seen.push(Date.now());
        if (seen.length === 1) {
          return HttpResponse.json(
            { message: 'Too many requests', took: 0.001, requestId: 'r' },
            {
              status: 429,
              headers: {
                'X-RateLimit-State': 'THROTTLED',
                'X-RateLimit-Reason': 'Configuration',
                'X-RateLimit-Period-In-Sec': '1',
              },
            },
          );
        }
        return HttpResponse.json(sample('get-v2-teams.json'));
      }),
    );
    const teams = await provider().listTeams();
    expect(teams).toHaveLength(3);
    expect(seen).toHaveLength(2);
    expect(seen[1] - seen[0]).toBeGreaterThanOrEqual(950);
  });

  it('retries a 5xx and answers from the next attempt', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/v2/teams`, () => {
        calls++;
        return calls < 3
          ? HttpResponse.json({ message: 'boom' }, { status: 503 })
          : HttpResponse.json(sample('get-v2-teams.json'));
      }),
    );
    await expect(provider().listTeams()).resolves.toHaveLength(3);
    expect(calls).toBe(3);
  });

  it('gives up on a hanging Opsgenie with a timeout error after retrying', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/v2/teams`, async () => {
        calls++;
        await delay('infinite');
        return HttpResponse.json({});
      }),
    );
    const started = Date.now();
    const error = await provider({ timeoutMs: 100, maxAttempts: 2 })
      .listTeams()
      .catch(e => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('timeout');
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('rejects a malformed body without retrying', async () => {
    let calls = 0;
    server.use(
      http.get(`${base}/v2/escalations`, () => {
        calls++;
        return HttpResponse.json({ data: [{ id: 1, rules: 'nope' }] });
      }),
    );
    const error = await provider()
      .listEscalations()
      .catch(e => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe('malformed');
    expect(calls).toBe(1);
  });

  it('refuses a schedule, team or request id that would change the request path, before any request', async () => {
    const seen: string[] = [];
    server.use(
      http.all(`${base}/*`, ({ request }) => {
        seen.push(request.url);
        return HttpResponse.json({ data: {} });
      }),
    );
    const p = provider();
    const refused = {
      name: 'InputError',
      message: expect.stringContaining('cannot be used in a request path'),
    };
    for (const id of ['..', '.', '', 'a/b']) {
      await expect(
        p.getTimeline(id, new Date(), new Date(Date.now() + 86_400_000)),
      ).rejects.toMatchObject(refused);
      await expect(p.getOnCallNow(id, new Date())).rejects.toMatchObject(
        refused,
      );
      await expect(p.getTeam(id)).rejects.toMatchObject(refused);
      await expect(p.getRequestStatus(id)).rejects.toMatchObject(refused);
    }
    expect(seen).toEqual([]);
  });

  it('builds schedule links only on an http(s) web base, with the id encoded', () => {
    const policy = createVendorPolicy('opsgenie', mockServices.logger.mock());
    const withWebUrl = (webUrl: string) =>
      OpsgenieOnCallProvider.create({
        config: { baseUrl: base, apiKey, webUrl },
        policy,
      });
    for (const webUrl of [
      // eslint-disable-next-line no-script-url -- a hostile value on purpose
      'javascript:alert(document.cookie)//',
      'vbscript:msgbox(1)',
      'data:text/html,x',
      'acme.app.opsgenie.com',
    ]) {
      expect(
        withWebUrl(webUrl).scheduleUrl({ id: 's1', name: 'x' }),
      ).toBeUndefined();
    }
    expect(
      withWebUrl('https://acme.app.opsgenie.com/').scheduleUrl({
        // eslint-disable-next-line no-script-url -- a hostile value on purpose
        id: 'javascript:alert(1)',
        name: 'x',
      }),
    ).toBe(
      'https://acme.app.opsgenie.com/schedule/whoIsOnCall?scheduleId=javascript%3Aalert(1)',
    );
    expect(provider().scheduleUrl({ id: 's1', name: 'x' })).toBeUndefined();
  });

  it('reports the recorded 403 (40301) for a schedule outside the key scope', async () => {
    server.use(
      http.get(`${base}/v2/schedules/:id/timeline`, () =>
        HttpResponse.json(sample('get-v2-schedules-id-403.json'), {
          status: 403,
        }),
      ),
    );
    const error = await provider()
      .getTimeline('b1d1b076', new Date(), new Date(Date.now() + 86_400_000))
      .catch(e => e);
    expect(error.status).toBe(403);
    expect(error.retryable).toBe(false);
    expect(String(error.message)).not.toContain(apiKey);
  });

  it('reads every page of users', async () => {
    const offsets: string[] = [];
    server.use(
      http.get(`${base}/v2/users`, ({ request }) => {
        const offset = Number(new URL(request.url).searchParams.get('offset'));
        offsets.push(String(offset));
        const count = offset === 0 ? 100 : 20;
        return HttpResponse.json({
          data: Array.from({ length: count }, (_, i) => ({
            id: `u${offset + i}`,
            username: `user${offset + i}@example.com`,
            fullName: `User ${offset + i}`,
          })),
          totalCount: 120,
          paging: offset === 0 ? { next: `${base}/v2/users?offset=100` } : {},
          took: 0.01,
          requestId: 'r',
        });
      }),
    );
    const users = await provider().listUsers();
    expect(offsets).toEqual(['0', '100']);
    expect(users).toHaveLength(120);
    expect(users[119]).toEqual({
      id: 'u119',
      username: 'user119@example.com',
      fullName: 'User 119',
      email: 'user119@example.com',
    });
  });

  it('maps the final timeline and marks override periods', async () => {
    let query: URLSearchParams | undefined;
    server.use(
      http.get(`${base}/v2/schedules/:id/timeline`, ({ request }) => {
        query = new URL(request.url).searchParams;
        const recipient = (name: string) => ({ id: name, name, type: 'user' });
        return HttpResponse.json({
          data: {
            _parent: { id: 's1', name: 'team_schedule', enabled: true },
            startDate: '2026-11-27T00:00:00Z',
            endDate: '2026-12-11T00:00:00Z',
            finalTimeline: {
              rotations: [
                {
                  id: 'r1',
                  name: 'primary',
                  order: 1,
                  periods: [
                    {
                      startDate: '2026-11-27T00:00:00Z',
                      endDate: '2026-11-27T12:00:00Z',
                      type: 'historical',
                      recipient: recipient('a@example.com'),
                    },
                    {
                      startDate: '2026-11-27T12:00:00Z',
                      endDate: '2026-11-28T00:00:00Z',
                      type: 'default',
                      recipient: recipient('b@example.com'),
                    },
                  ],
                },
              ],
            },
            overrideTimeline: {
              rotations: [
                {
                  id: 'r1',
                  name: 'primary',
                  periods: [
                    {
                      startDate: '2026-11-27T12:00:00Z',
                      endDate: '2026-11-28T00:00:00Z',
                      type: 'override',
                      recipient: recipient('b@example.com'),
                    },
                  ],
                },
              ],
            },
          },
          expandable: ['base', 'forwarding', 'override'],
          took: 0.1,
          requestId: 'r',
        });
      }),
    );
    const timeline = await provider().getTimeline(
      's1',
      new Date('2026-11-27T00:00:00Z'),
      new Date('2026-12-11T00:00:00Z'),
    );
    expect(query?.get('expand')).toBe('override');
    expect(query?.get('interval')).toBe('14');
    expect(query?.get('intervalUnit')).toBe('days');
    expect(timeline.periods.map(p => [p.recipient.name, p.override])).toEqual([
      ['a@example.com', false],
      ['b@example.com', true],
    ]);
  });

  it('creates an alert for the team and follows the request through RequestNotProcessed', async () => {
    let body: Record<string, unknown> | undefined;
    let polls = 0;
    server.use(
      http.post(`${base}/v2/alerts`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(
          {
            result: 'Request will be processed',
            took: 0.3,
            requestId: 'req-1',
          },
          { status: 202 },
        );
      }),
      http.get(`${base}/v2/alerts/requests/:id`, ({ params }) => {
        polls++;
        if (polls < 3) {
          return HttpResponse.json(
            {
              message: 'Request not processed yet',
              took: 0.001,
              requestId: 'x',
            },
            {
              status: 404,
              headers: { 'X-Opsgenie-Errortype': 'RequestNotProcessed' },
            },
          );
        }
        expect(params.id).toBe('req-1');
        return HttpResponse.json(sample('get-v2-alerts-requests-id.json'));
      }),
    );
    const p = provider();
    const { requestId } = await p.createAlert({
      message: 'Checkout is down',
      priority: 'P1',
      team: 'payments-team',
      dedupKey: 'backstage-page-1',
    });
    expect(body).toMatchObject({
      message: 'Checkout is down',
      alias: 'backstage-page-1',
      priority: 'P1',
      responders: [{ type: 'team', name: 'payments-team' }],
    });
    const status = await p.waitForRequest(requestId, 5000);
    expect(polls).toBe(3);
    expect(status).toEqual({
      state: 'processed',
      success: true,
      status: 'Created alert',
      alertId: '8743a1b2-11da-480e-8493-744660987bef',
    });
  });

  it('treats a 404 without RequestNotProcessed as an unknown request', async () => {
    server.use(
      http.get(`${base}/v2/alerts/requests/:id`, () =>
        HttpResponse.json({ message: 'not found' }, { status: 404 }),
      ),
    );
    await expect(provider().getRequestStatus('nope')).rejects.toMatchObject({
      status: 404,
    });
  });

  describe('paging budget', () => {
    /** Alerts wait at Opsgenie until `release()`; teams answer at once. */
    function slowAlerts() {
      let release = () => {};
      const released = new Promise<void>(resolve => {
        release = resolve;
      });
      const received = { alerts: 0, teams: 0 };
      server.use(
        http.post(`${base}/v2/alerts`, async () => {
          received.alerts++;
          await released;
          return HttpResponse.json(
            { result: 'Request will be processed', took: 0.1, requestId: 'r' },
            { status: 202 },
          );
        }),
        http.get(`${base}/v2/teams`, () => {
          received.teams++;
          return HttpResponse.json(sample('get-v2-teams.json'));
        }),
      );
      return { release, received };
    }

    function pagingProvider() {
      const logger = mockServices.logger.mock();
      const options = { timeoutMs: 10_000, baseDelayMs: 10 };
      return OpsgenieOnCallProvider.create({
        config: { baseUrl: base, apiKey },
        policy: createVendorPolicy('opsgenie', logger, {
          ...options,
          concurrency: 8,
          queue: 1000,
        }),
        pagingPolicy: createVendorPolicy('opsgenie', logger, {
          ...options,
          concurrency: 4,
          queue: 10,
        }),
        pollDelayMs: 10,
      });
    }

    const alert = (i: number) => ({
      message: `page ${i}`,
      team: 'payments-team',
      dedupKey: `backstage-page-${i}`,
    });

    it('pages held at Opsgenie do not delay the sync’s reads', async () => {
      const { release, received } = slowAlerts();
      const p = pagingProvider();
      const pages = Array.from({ length: 14 }, (_, i) =>
        p.createAlert(alert(i)).then(
          () => 'sent',
          (e: VendorError) => e.kind,
        ),
      );
      for (let waited = 0; received.alerts < 4 && waited < 2000; waited += 10) {
        await new Promise(resolve => setTimeout(resolve, 10));
      }
      await new Promise(resolve => setTimeout(resolve, 50));
      expect(received.alerts).toBe(4);
      const teams = await Promise.race([
        p.listTeams(),
        new Promise<'stalled'>(resolve =>
          setTimeout(() => resolve('stalled'), 2000),
        ),
      ]);
      expect(teams).not.toBe('stalled');
      expect(received.teams).toBe(1);
      release();
      expect((await Promise.all(pages)).sort()).toEqual(Array(14).fill('sent'));
    });

    it('refuses a page at once when its queue is full, and follows no request while pages wait', async () => {
      const { release } = slowAlerts();
      const p = pagingProvider();
      const held = Array.from({ length: 14 }, (_, i) =>
        p.createAlert(alert(i)),
      );
      const started = Date.now();
      const refused = await p.createAlert(alert(99)).catch(e => e);
      expect(Date.now() - started).toBeLessThan(500);
      expect(refused).toBeInstanceOf(VendorError);
      expect(refused.kind).toBe('busy');
      // every slot is taken: a status poll answers pending without calling Opsgenie
      expect(await p.waitForRequest('r', 5000)).toEqual({ state: 'pending' });
      release();
      await Promise.all(held);
    });
  });
});
