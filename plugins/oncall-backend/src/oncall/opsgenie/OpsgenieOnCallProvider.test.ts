import { HttpResponse, delay, http } from 'msw';
import { mockServices } from '@backstage/backend-test-utils';
import { createVendorPolicy } from '../../lib/resilience';
import { VendorError } from '../../lib/VendorError';
import { OpsgenieOnCallProvider } from './OpsgenieOnCallProvider';
import {
  apiKey,
  base,
  opsgenieMswServer,
  provider,
  sample,
} from '../../__testUtils__/opsgenieProvider';
import { answersInTurn } from '../../__testUtils__/answersInTurn';

const server = opsgenieMswServer();

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
    const teams = answersInTurn(`${base}/v2/teams`, [
      () =>
        HttpResponse.json(
          { message: 'Too many requests', took: 0.001, requestId: 'r' },
          {
            status: 429,
            headers: {
              'X-RateLimit-State': 'THROTTLED',
              'X-RateLimit-Reason': 'Configuration',
              'X-RateLimit-Period-In-Sec': '1',
            },
          },
        ),
      () => HttpResponse.json(sample('get-v2-teams.json')),
    ]);
    server.use(teams.handler);
    expect(await provider().listTeams()).toHaveLength(3);
    expect(teams.times).toHaveLength(2);
    expect(teams.times[1] - teams.times[0]).toBeGreaterThanOrEqual(950);
  });

  it('retries a 5xx and answers from the next attempt', async () => {
    const boom = () => HttpResponse.json({ message: 'boom' }, { status: 503 });
    const teams = answersInTurn(`${base}/v2/teams`, [
      boom,
      boom,
      () => HttpResponse.json(sample('get-v2-teams.json')),
    ]);
    server.use(teams.handler);
    await expect(provider().listTeams()).resolves.toHaveLength(3);
    expect(teams.times).toHaveLength(3);
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
});
