import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { ConfigReader } from '@backstage/config';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { isVendorError } from '../../lib/VendorError';
import { readPagerDutyProviderConfig } from './config';
import { policyStructure, toEscalation } from './mapOnCall';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';
import {
  enqueueError,
  enqueueResponse,
  getScheduleResponse,
  getUserResponse,
  listEscalationPoliciesResponse,
  listOnCallsResponse,
  listSchedulesResponse,
  listTeamsResponse,
  listUsersResponse,
  restError,
  teamMembersResponse,
} from './wire';
import { escalationSteps } from '../../__testUtils__/escalationSteps';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';

const sample = (file: string) =>
  loadWireSample('pagerduty', file) as Record<string, unknown>;

describe('PagerDuty wire schemas accept every published sample', () => {
  it.each([
    ['GET_oncalls.json', listOnCallsResponse],
    ['GET_oncalls_include-users.json', listOnCallsResponse],
    ['GET_schedules.json', listSchedulesResponse],
    ['GET_schedules_include-schedule_layers.json', listSchedulesResponse],
    ['GET_schedules_{id}.json', getScheduleResponse],
    ['GET_escalation_policies.json', listEscalationPoliciesResponse],
    ['GET_teams.json', listTeamsResponse],
    ['GET_teams_{id}_members.json', teamMembersResponse],
    ['GET_users.json', listUsersResponse],
    ['GET_users_{id}.json', getUserResponse],
    ['POST_v2_enqueue.json', enqueueResponse],
    ['POST_v2_enqueue_400.json', enqueueError],
    ['ERROR_404.json', restError],
    ['ERROR_429.json', restError],
  ] as const)('%s', (file, schema) => {
    expect(schema.safeParse(sample(file)).error).toBeUndefined();
  });

  it('maps the published escalation policy: delays add up level by level', () => {
    const body = listEscalationPoliciesResponse.parse(
      sample('GET_escalation_policies.json'),
    );
    const policies = [
      {
        ...body.escalation_policies[0],
        escalation_rules: [
          ...body.escalation_policies[0].escalation_rules,
          { escalation_delay_in_minutes: 5, targets: [] },
        ],
      },
    ];
    const escalation = toEscalation(
      policies[0],
      policyStructure(policies),
      () => undefined,
    );
    expect(escalation.ownerTeam).toEqual({
      id: 'PQ9K7I8',
      name: 'Engineering',
    });
    expect(escalationSteps(escalation)).toEqual([
      ['users', 0, 'user'],
      ['default', 0, 'schedule'],
    ]);
  });
});

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'http://pagerduty.test';
const provider = () =>
  new PagerDutyOnCallProvider({
    config: {
      baseUrl: BASE,
      eventsBaseUrl: `${BASE}/events`,
      apiToken: 'token-1',
      integrationKeys: {},
    },
    policy: fastResiliencePolicy('pagerduty', {
      timeoutMs: 500,
      maxAttempts: 2,
      baseDelayMs: 1,
      maxDelayMs: 20,
      breakerThreshold: 100,
    }),
  });

describe('PagerDutyOnCallProvider over recorded samples', () => {
  it('sends the token and versioned Accept, and pages until more is false', async () => {
    const users = listUsersResponse.parse(sample('GET_users.json')).users;
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/users`, ({ request }) => {
        expect(request.headers.get('authorization')).toBe(
          'Token token=token-1',
        );
        expect(request.headers.get('accept')).toBe(
          'application/vnd.pagerduty+json;version=2',
        );
        const url = new URL(request.url);
        const offset = Number(url.searchParams.get('offset'));
        seen.push(`${offset}/${url.searchParams.get('limit')}`);
        return HttpResponse.json({
          users: offset === 0 ? users.slice(0, 1) : users.slice(1),
          limit: 100,
          offset,
          more: offset === 0,
          total: null,
        });
      }),
    );
    const result = await provider().listUsers();
    expect(seen).toEqual(['0/100', '100/100']);
    expect(result.map(u => u.email)).toEqual(users.map(u => u.email));
  });

  it('stops at the 10,000-record cap instead of asking past it', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/teams`, ({ request }) => {
        calls += 1;
        const offset = Number(new URL(request.url).searchParams.get('offset'));
        expect(offset + 100).toBeLessThanOrEqual(10_000);
        return HttpResponse.json({
          ...(sample('GET_teams.json') as object),
          offset,
          more: true,
        });
      }),
      http.get(`${BASE}/escalation_policies`, () =>
        HttpResponse.json(sample('GET_escalation_policies.json')),
      ),
    );
    await provider().listTeams();
    expect(calls).toBe(100);
  });

  it('retries an nginx 429 without headers and surfaces PagerDuty’s 429 wait', async () => {
    let calls = 0;
    server.use(
      http.get(`${BASE}/users`, () => {
        calls += 1;
        return calls === 1
          ? new HttpResponse('<html>429 Too Many Requests</html>', {
              status: 429,
              headers: { 'Content-Type': 'text/html' },
            })
          : HttpResponse.json(sample('GET_users.json'));
      }),
    );
    expect(await provider().listUsers()).toHaveLength(2);
    server.use(
      http.get(`${BASE}/users`, () =>
        HttpResponse.json(sample('ERROR_429.json'), {
          status: 429,
          headers: {
            'ratelimit-limit': '960',
            'ratelimit-remaining': '0',
            'ratelimit-reset': '30',
          },
        }),
      ),
    );
    const error = await provider()
      .listUsers()
      .catch((e: unknown) => e);
    expect(isVendorError(error) && [error.status, error.retryAfterMs]).toEqual([
      429, 30_000,
    ]);
  });
});

describe('readPagerDutyProviderConfig', () => {
  it('applies the defaults and names the wrong key', () => {
    expect(
      readPagerDutyProviderConfig(new ConfigReader({ apiToken: 't' })),
    ).toEqual({
      baseUrl: 'https://api.pagerduty.com',
      eventsBaseUrl: 'https://events.pagerduty.com',
      apiToken: 't',
      webUrl: undefined,
      integrationKeys: {},
    });
    expect(() => readPagerDutyProviderConfig(new ConfigReader({}))).toThrow(
      'oncall.pagerduty.apiToken is required',
    );
    expect(() =>
      readPagerDutyProviderConfig(
        new ConfigReader({ apiToken: 't', baseUrl: 'ftp://x' }),
        'oncall.providers[2]',
      ),
    ).toThrow(
      /oncall\.providers\[2\]\.baseUrl must be an absolute http\(s\) URL/,
    );
    expect(() =>
      readPagerDutyProviderConfig(
        new ConfigReader({
          apiToken: 't',
          integrationKeys: { growth: 'short' },
        }),
      ),
    ).toThrow(
      /oncall\.pagerduty\.integrationKeys\.growth must be a 32-character/,
    );
  });
});
