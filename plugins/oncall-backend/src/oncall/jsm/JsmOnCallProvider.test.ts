import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { VendorError } from '../../lib/VendorError';
import { JsmOnCallProvider } from './JsmOnCallProvider';
import {
  createJsmOnCallProvider,
  jsmRetryAfterMs,
  readJsmProviderConfig,
} from '.';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';
import { answersInTurn } from '../../__testUtils__/answersInTurn';

const api = 'http://jsm.test';
const site = 'http://site.test';
const cloudId = 'c0ffee00-1111-4222-8333-444455556666';
const ops = `${api}/jsm/ops/api/${cloudId}`;
const server = setupServer();
registerMswTestHooks(server);

const sample = (file: string) =>
  loadWireSample('jsm-ops', file) as Record<string, unknown>;

function provider(maxAttempts = 3) {
  return JsmOnCallProvider.create({
    config: {
      baseUrl: api,
      cloudId,
      email: 'oncall@example.com',
      apiToken: 'token',
      jiraBaseUrl: site,
    },
    policy: fastResiliencePolicy('jsm', {
      timeoutMs: 1000,
      maxAttempts,
      baseDelayMs: 10,
      breakerThreshold: 100,
    }),
    pollDelayMs: 10,
  });
}

/** The published samples, served where the adapter asks for them. */
function serveSamples(seen: { auth?: string | null; bulk: string[][] }) {
  server.use(
    http.get(`${ops}/v1/teams`, ({ request }) => {
      seen.auth = request.headers.get('authorization');
      return HttpResponse.json(sample('GET_teams.json'));
    }),
    http.get(`${ops}/v1/schedules`, ({ request }) => {
      const url = new URL(request.url);
      // the sample links to offset 50; that page is the last one
      return HttpResponse.json(
        url.searchParams.get('offset') === '50'
          ? { values: [], links: { next: null } }
          : sample('GET_schedules.json'),
      );
    }),
    http.get(`${ops}/v1/schedules/:id/timeline`, () =>
      HttpResponse.json(sample('GET_schedules_{id}_timeline.json')),
    ),
    http.get(`${ops}/v1/schedules/:id/overrides`, ({ request }) =>
      HttpResponse.json(
        new URL(request.url).searchParams.get('offset') === '50'
          ? { values: [] }
          : sample('GET_schedules_{id}_overrides.json'),
      ),
    ),
    http.get(`${ops}/v1/teams/:teamId/escalations`, ({ request }) =>
      HttpResponse.json(
        new URL(request.url).searchParams.get('offset') === '10'
          ? { values: [], links: {} }
          : sample('GET_teams_{teamId}_escalations.json'),
      ),
    ),
    http.get(`${site}/rest/api/3/user/bulk`, ({ request }) => {
      const ids = new URL(request.url).searchParams.getAll('accountId');
      seen.bulk.push(ids);
      const bulk = sample('GET_jira_rest_api_3_user_bulk.json');
      const [mia] = bulk.values as Array<Record<string, unknown>>;
      return HttpResponse.json({
        ...bulk,
        total: ids.length,
        values: ids.map((accountId, i) =>
          i === 0
            ? { ...mia, accountId }
            : // a profile that hides its email
              { accountId, displayName: `Person ${i}`, active: true },
        ),
      });
    }),
  );
}

describe('JsmOnCallProvider with the published samples', () => {
  it('authenticates with Basic email:api_token and maps schedules through every page', async () => {
    const seen = {
      bulk: [] as string[][],
      auth: undefined as string | null | undefined,
    };
    serveSamples(seen);
    server.use(
      http.get(`${ops}/v1/teams`, ({ request }) => {
        seen.auth = request.headers.get('authorization');
        return HttpResponse.json({
          platformTeams: [
            {
              teamId: 'cd68207b-c55d-4611-ab25-72fd0c439e9f',
              teamName: 'Support',
            },
          ],
        });
      }),
    );
    const schedules = await provider().listSchedules();
    expect(seen.auth).toBe(
      `Basic ${Buffer.from('oncall@example.com:token').toString('base64')}`,
    );
    expect(schedules).toEqual([
      {
        id: 'f8f2a4ec-54b2-4513-865b-8cb3b81c9544',
        name: 'Support Schedule',
        timezone: 'America/New_York',
        enabled: true,
        ownerTeam: {
          id: 'cd68207b-c55d-4611-ab25-72fd0c439e9f',
          name: 'Support',
        },
        rotations: [
          {
            id: '3ce33f53-69be-4b92-8d34-a1df0efe642e',
            name: 'Daily rotation',
            participants: [
              {
                type: 'user',
                id: '14a994fd-78c6-4236-8b83-d107e5d32d6a',
                name: 'mia@example.com',
              },
              { type: 'team', id: '2ad4505d-d7a9-4997-8745-c40a3b641573' },
            ],
          },
        ],
      },
    ]);
    expect(seen.bulk).toEqual([['14a994fd-78c6-4236-8b83-d107e5d32d6a']]);
  });

  it('reads the timeline sample: deleted rotations left out, overrides marked, cut to the window', async () => {
    serveSamples({ bulk: [] });
    const from = new Date('2024-02-01T08:12:19.866Z');
    const to = new Date('2024-02-11T00:00:00Z');
    const timeline = await provider().getTimeline('f8f2a4ec', from, to);
    expect(new Set(timeline.periods.map(p => p.rotationName))).toEqual(
      new Set(['Primary Rotation', 'Secondary Rotation']),
    );
    expect(timeline.periods.every(p => p.start >= from && p.end <= to)).toBe(
      true,
    );
    expect(
      timeline.periods
        .filter(p => p.override)
        .map(p => [p.rotationName, p.start.toISOString()]),
    ).toEqual([
      ['Primary Rotation', '2024-02-01T08:12:19.866Z'],
      ['Secondary Rotation', '2024-02-04T00:00:00.000Z'],
    ]);
    // a user whose profile hides the email keeps the account id as username, with no email
    const users = await provider().listUsers();
    expect(users.find(u => u.email === undefined)?.username).toMatch(
      /^[\w-]+$/,
    );
  });

  it('reads escalations with minute delays and team recipients', async () => {
    serveSamples({ bulk: [] });
    const [escalation] = await provider().listEscalations();
    expect(escalation).toMatchObject({
      name: 'FE Daily On-call Escalation',
      ownerTeam: { name: 'Red Team' },
      rules: [
        {
          condition: 'if-not-acked',
          notifyType: 'default',
          delayMinutes: 5,
          recipient: {
            type: 'team',
            id: 'f0f07a3d-bde8-4b2a-8d3e-f97020a51e32',
          },
        },
      ],
    });
  });

  it('pages through the alert API with the alias and reads the request status sample', async () => {
    serveSamples({ bulk: [] });
    let body: Record<string, unknown> | undefined;
    server.use(
      http.post(`${ops}/v1/alerts`, async ({ request }) => {
        body = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json(sample('POST_alerts.json'), { status: 202 });
      }),
      http.get(`${ops}/v1/alerts/requests/:id`, () =>
        HttpResponse.json(sample('GET_alerts_requests_{id}.json')),
      ),
    );
    const p = provider();
    const { requestId } = await p.createAlert({
      message: 'Checkout is failing',
      team: 'red team',
      dedupKey: 'page-42',
      priority: 'P1',
    });
    expect(requestId).toBe('d383c6e9-b1e7-4b59-9c35-72f1a2187777');
    expect(body).toMatchObject({
      message: 'Checkout is failing',
      alias: 'page-42',
      priority: 'P1',
      responders: [
        { id: '85f14c10-5bd7-4e98-aee5-511ce1f80086', type: 'team' },
      ],
    });
    expect(await p.getRequestStatus(requestId)).toEqual({
      state: 'processed',
      success: true,
      status: 'Alert does not exist',
      alertId: '9b251e07-73c9-4907-9996-8cb53a6a20d0-1704440650350',
    });
  });

  it('treats a 404 request status as not processed yet', async () => {
    server.use(
      http.get(`${ops}/v1/alerts/requests/:id`, () =>
        HttpResponse.json(sample('ERROR_alert-domain.json'), { status: 404 }),
      ),
    );
    expect(await provider().getRequestStatus('r-1')).toEqual({
      state: 'pending',
    });
  });

  it('reports 401 and config errors as VendorErrors, without retrying them', async () => {
    let calls = 0;
    server.use(
      http.get(`${ops}/v1/teams`, () => {
        calls += 1;
        return HttpResponse.json(sample('ERROR_401_unauthorized.json'), {
          status: 401,
        });
      }),
    );
    const error = await provider()
      .listTeams()
      .catch(e => e);
    expect(error).toBeInstanceOf(VendorError);
    expect(error.status).toBe(401);
    expect(calls).toBe(1);
  });

  it('waits until X-RateLimit-Reset when a 429 has no Retry-After', async () => {
    const teams = answersInTurn(`${ops}/v1/teams`, [
      () =>
        HttpResponse.json(
          { errors: [{ code: 'TOO_MANY_REQUESTS', title: 'Rate limited' }] },
          {
            status: 429,
            headers: {
              'X-RateLimit-Remaining': '0',
              'X-RateLimit-Reset': new Date(Date.now() + 400).toISOString(),
            },
          },
        ),
      () => HttpResponse.json(sample('GET_teams.json')),
    ]);
    server.use(teams.handler);
    expect(await provider().listTeams()).toEqual([
      { id: '85f14c10-5bd7-4e98-aee5-511ce1f80086', name: 'Red Team' },
    ]);
    expect(teams.times[1] - teams.times[0]).toBeGreaterThanOrEqual(300);
  });
});

describe('jsmRetryAfterMs', () => {
  const at = Date.parse('2026-11-29T10:00:30Z');
  it('prefers Retry-After, then a throttled X-RateLimit-Reset, else leaves it to backoff', () => {
    expect(jsmRetryAfterMs(new Headers({ 'Retry-After': '7' }), () => at)).toBe(
      7000,
    );
    expect(
      jsmRetryAfterMs(
        new Headers({
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': '2026-11-29T10:01Z',
        }),
        () => at,
      ),
    ).toBe(30_000);
    expect(
      jsmRetryAfterMs(
        new Headers({
          'X-RateLimit-Remaining': '12',
          'X-RateLimit-Reset': '2026-11-29T10:01Z',
        }),
        () => at,
      ),
    ).toBeUndefined();
    expect(jsmRetryAfterMs(new Headers(), () => at)).toBeUndefined();
  });
});

describe('readJsmProviderConfig', () => {
  const valid = {
    cloudId,
    email: 'oncall@example.com',
    apiToken: 'token',
    jiraBaseUrl: 'https://acme.atlassian.net/',
  };
  it('applies the defaults', () => {
    expect(readJsmProviderConfig(new ConfigReader(valid))).toEqual({
      ...valid,
      baseUrl: 'https://api.atlassian.com',
      jiraBaseUrl: 'https://acme.atlassian.net',
      orgId: undefined,
      webUrl: undefined,
    });
  });
  it.each([
    [{ ...valid, cloudId: 'a/b' }, /oncall\.jsm\.cloudId/],
    [{ ...valid, email: 'nobody' }, /oncall\.jsm\.email/],
    [{ ...valid, apiToken: ' ' }, /oncall\.jsm\.apiToken/],
    [{ ...valid, jiraBaseUrl: 'ftp://x' }, /oncall\.jsm\.jiraBaseUrl/],
    [{ ...valid, baseUrl: 'nope' }, /oncall\.jsm\.baseUrl/],
    [{ ...valid, apiToken: undefined }, /apiToken/],
  ])('names the key of a bad value (%#)', (section, message) => {
    expect(() =>
      createJsmOnCallProvider({
        config: new ConfigReader(section),
        logger: mockServices.logger.mock(),
      }),
    ).toThrow(message);
  });
});
