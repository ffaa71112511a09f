import request from 'supertest';
import { Express } from 'express';
import {
  compareShape,
  loadWireSample,
  ShapeOptions,
  WireSampleVendor,
} from './testing';
import {
  DD_AUTH,
  OG_AUTH,
  TEST_NOW,
  testSandbox,
} from './__testUtils__/sandbox';
import { DemoOrg } from './org/types';
import { SANDBOX_DEFAULT_KEYS } from './options';
import { createSandbox } from './app';
import { defaultQuotaLimits } from './quota/limits';

/**
 * Contract: for each recorded vendor response, the sandbox's answer to the equivalent request
 * has the same shape (keys and JSON types). Extra keys are allowed only where noted: where the
 * sample is known to be minimal (vendor docs print "the minimum returned", an older recording
 * predates fields, or an error/no-data case leaves fields out).
 */
interface Case {
  vendor: WireSampleVendor;
  file: string;
  status: number;
  call: (app: Express, org: DemoOrg) => Promise<request.Response>;
  options?: ShapeOptions;
  /** What the case answers, when several cases share a sample. */
  what?: string;
}

const sandbox = testSandbox();
const { app, org } = sandbox;
const slo = (name: string) => org.slos.find(s => s.name === name)!;
const schedule = (name: string) => org.schedules.find(s => s.name === name)!;
const nowS = Math.floor(TEST_NOW.getTime() / 1000);

async function blamelessToken(a: Express): Promise<string> {
  const res = await request(a)
    .post('/blameless/api/v2/identity/token')
    .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
  return res.body.access_token;
}

const og = (path: string) => (a: Express) =>
  request(a).get(`/opsgenie${path}`).set(OG_AUTH);
const dd = (path: string) => (a: Express) =>
  request(a).get(`/datadog${path}`).set(DD_AUTH);
const bl = (path: string) => async (a: Express) =>
  request(a)
    .get(`/blameless${path}`)
    .set('Authorization', `Bearer ${await blamelessToken(a)}`);
/** A sandbox of its own with one incident opened (and, with `resolve`, resolved) through control. */
async function withLiveIncident(resolve: boolean) {
  const live = testSandbox();
  const opened = await request(live.app)
    .post('/__sandbox/incidents')
    .send({
      title: 'Card payments failing at checkout',
      severity: 'SEV1',
      services: ['checkout-api', 'payments-api'],
    })
    .expect(201);
  if (resolve) {
    await request(live.app)
      .patch(`/__sandbox/incidents/${opened.body.id}`)
      .send({ status: 'resolved' })
      .expect(200);
  }
  return { app: live.app, id: opened.body.id };
}

const MONITOR_OPTIONS: ShapeOptions = {
  loose: ['options', '[].options'],
  maps: ['options.thresholds', '[].options.thresholds'],
};
const HISTORY_MAPS = [
  'data.thresholds',
  'data.overall.precision',
  'data.overall.error_budget_remaining',
];

const cases: Case[] = [
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules.json',
    status: 200,
    call: og('/v2/schedules'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id.json',
    status: 200,
    call: (a, o) =>
      og(
        `/v2/schedules/${
          o.schedules.find(s => s.name === 'checkout_weekend')!.id
        }?identifierType=id`,
      )(a),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id-by-name.json',
    status: 200,
    call: og('/v2/schedules/checkout_weekday?identifierType=name'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id-on-calls.json',
    status: 200,
    call: (a, o) =>
      og(
        `/v2/schedules/${
          o.schedules.find(s => s.name === 'payments_schedule')!.id
        }/on-calls?date=2026-03-05T10%3A00%3A00%2B00%3A00`,
      )(a),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-schedules-id-403.json',
    status: 403,
    call: og(
      '/v2/schedules/b1d1b076-70b3-43a6-ac3b-ac386fdca79c?identifierType=id',
    ),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-teams.json',
    status: 200,
    call: og('/v2/teams'),
    options: { extraKeysAt: [''] },
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-teams-id.json',
    status: 200,
    call: og('/v2/teams/payments-team?identifierType=name'),
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-users.json',
    status: 200,
    call: og('/v2/users?limit=2&offset=2'),
    options: { maps: ['data[].details'] },
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-users-id.json',
    status: 200,
    call: og('/v2/users/guest@example.com?expand=contact'),
    options: { optional: ['data.skypeUsername'], maps: ['data.details'] },
  },
  {
    vendor: 'opsgenie',
    file: 'get-v2-alerts-requests-id.json',
    status: 200,
    call: async a => {
      const created = await request(a)
        .post('/opsgenie/v2/alerts')
        .set(OG_AUTH)
        .send({ message: 'Checkout is down' });
      await og(`/v2/alerts/requests/${created.body.requestId}`)(a);
      return og(`/v2/alerts/requests/${created.body.requestId}`)(a);
    },
  },
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id.json',
    status: 200,
    call: (a, o) => bl(`/api/v1/incidents/${o.incidents[0].id}`)(a),
    options: { extraKeysAt: ['incident'] },
  },
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id.json',
    status: 200,
    what: 'an incident opened through control',
    call: async () => {
      const live = await withLiveIncident(false);
      return bl(`/api/v1/incidents/${live.id}`)(live.app);
    },
    options: { extraKeysAt: ['incident'] },
  },
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id.json',
    status: 200,
    what: 'an incident resolved through control',
    call: async () => {
      const live = await withLiveIncident(true);
      return bl(`/api/v1/incidents/${live.id}`)(live.app);
    },
    options: { extraKeysAt: ['incident'] },
  },
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id-postmortem.json',
    status: 200,
    what: 'the retrospective of an incident resolved through control',
    call: async () => {
      const live = await withLiveIncident(true);
      return bl(`/api/v1/incidents/${live.id}/postmortem`)(live.app);
    },
  },
  {
    vendor: 'blameless',
    file: 'get-api-v1-incidents-id-postmortem.json',
    status: 200,
    call: (a, o) =>
      bl(
        `/api/v1/incidents/${
          o.incidents.find(i => i.retrospective)!.id
        }/postmortem`,
      )(a),
  },
  {
    vendor: 'blameless',
    file: 'post-oauth-token-auth0.json',
    status: 200,
    call: a =>
      request(a)
        .post('/blameless/api/v2/identity/token')
        .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless),
    options: { extraKeysAt: [''] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-limit2.json',
    status: 200,
    call: dd('/api/v1/slo?limit=2'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-limit2-offset2.json',
    status: 200,
    call: () => dd(`/api/v1/slo?ids=${slo('checkout-api latency').id}`)(app),
    options: { extraKeysAt: ['data[]', 'data[].thresholds[]'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-ids.json',
    status: 200,
    call: () =>
      dd(
        `/api/v1/slo?ids=${slo('payments-api availability').id},${
          slo('payment-gateway uptime').id
        }`,
      )(app),
    options: { extraKeysAt: ['', 'data[]'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-metric.json',
    status: 200,
    call: () => dd(`/api/v1/slo/${slo('checkout-api availability').id}`)(app),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-monitor.json',
    status: 200,
    call: () => dd(`/api/v1/slo/${slo('checkout-api latency').id}`)(app),
    options: { extraKeysAt: ['data'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-metric.json',
    status: 200,
    call: () =>
      dd(
        `/api/v1/slo/${slo('payments-api availability').id}/history?from_ts=${
          nowS - 86400
        }&to_ts=${nowS}`,
      )(app),
    options: { maps: HISTORY_MAPS, extraKeysAt: ['data.overall'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-monitor.json',
    status: 200,
    call: () =>
      dd(
        `/api/v1/slo/${slo('checkout-api latency').id}/history?from_ts=${
          nowS - 86400
        }&to_ts=${nowS}`,
      )(app),
    options: {
      maps: HISTORY_MAPS,
      extraKeysAt: ['data', 'data.overall', 'data.slo'],
    },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-monitor-groups.json',
    status: 200,
    call: () =>
      dd(
        `/api/v1/slo/${slo('payment-gateway uptime').id}/history?from_ts=${
          nowS - 86400 * 30
        }&to_ts=${nowS}`,
      )(app),
    options: {
      maps: HISTORY_MAPS,
      extraKeysAt: ['', 'data', 'data.overall', 'data.thresholds.90d'],
      optional: ['error', 'data.errors', 'data.groups'],
    },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-search.json',
    status: 200,
    call: dd(
      '/api/v1/slo/search?query=service%3Acheckout-api&page%5Bsize%5D=20&page%5Bnumber%5D=0',
    ),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-page0.json',
    status: 200,
    call: dd('/api/v1/monitor?page_size=2&page=0'),
    options: MONITOR_OPTIONS,
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-id-offset.json',
    status: 200,
    call: (a, o) =>
      dd(`/api/v1/monitor?id_offset=${o.monitors[0].id}&page_size=1`)(a),
    options: MONITOR_OPTIONS,
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-id.json',
    status: 200,
    call: (a, o) =>
      dd(`/api/v1/monitor/${o.monitors[0].id}?with_downtimes=true`)(a),
    options: { loose: ['options'], maps: ['options.thresholds'] },
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-403.json',
    status: 403,
    call: a =>
      request(a)
        .get('/datadog/api/v1/slo/id')
        .set('DD-API-KEY', 'wrong')
        .set('DD-APPLICATION-KEY', 'wrong'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-403.json',
    status: 403,
    call: a => request(a).get('/datadog/api/v1/monitor'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-404.json',
    status: 404,
    call: dd('/api/v1/slo/id'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-400.json',
    status: 400,
    call: dd('/api/v1/slo?ids=id1%2Cid1'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-404.json',
    status: 404,
    call: dd('/api/v1/slo?ids=id1%2Cid2'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-400.json',
    status: 400,
    call: () =>
      dd(
        `/api/v1/slo/${
          slo('checkout-api availability').id
        }/history?from_ts=123&to_ts=12`,
      )(app),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-slo-id-history-404.json',
    status: 404,
    call: dd('/api/v1/slo/id/history?from_ts=123&to_ts=12'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-400.json',
    status: 400,
    call: dd('/api/v1/monitor?group_states=notagroupstate'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-monitor-id-404.json',
    status: 404,
    call: dd('/api/v1/monitor/1234?group_states=notagroupstate'),
  },
  {
    vendor: 'datadog',
    file: 'get-api-v1-validate-403.json',
    status: 403,
    call: a => request(a).get('/datadog/api/v1/validate'),
  },
];

describe('wire contract: sandbox responses have the recorded shapes', () => {
  it.each(
    cases.map(
      c => [`${c.vendor}/${c.file}${c.what ? ` (${c.what})` : ''}`, c] as const,
    ),
  )('%s', async (_name, c) => {
    const res = await c.call(app, org);
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(
      compareShape(loadWireSample(c.vendor, c.file), res.body, c.options),
    ).toEqual([]);
  });

  it('nests teams and escalations in a non-flat on-call answer (opsgenie/get-v2-schedules-id-on-calls-nested.json)', async () => {
    const payments = schedule('payments_schedule');
    const team = org.teams.find(t => t.name === 'payments-team')!;
    const escalation = org.escalations.find(
      e => e.name === 'payments-team_escalation',
    )!;
    const base = payments.rotations[0];
    // As in the documented sample: a schedule whose rotations include the team and its escalation.
    const withTeam: DemoOrg = {
      ...org,
      schedules: org.schedules.map(s =>
        s === payments
          ? {
              ...s,
              rotations: [
                {
                  ...base,
                  id: 'team-rotation',
                  name: 'team',
                  participants: [{ type: 'team', id: team.id }],
                },
                {
                  ...base,
                  id: 'escalation-rotation',
                  name: 'escalation',
                  participants: [{ type: 'escalation', id: escalation.id }],
                },
              ],
            }
          : s,
      ),
    };
    const nestedApp = testSandbox({ org: withTeam }).app;
    const res = await og(`/v2/schedules/${payments.id}/on-calls`)(nestedApp);
    expect(res.status).toBe(200);
    expect(
      compareShape(
        loadWireSample('opsgenie', 'get-v2-schedules-id-on-calls-nested.json'),
        res.body,
        {
          // The docs say a team's nested list holds its resolved users; only the escalation's
          // entries (checked below) carry escalationTime and notifyType.
          optional: [
            'data.onCallParticipants[].onCallParticipants[].escalationTime',
            'data.onCallParticipants[].onCallParticipants[].notifyType',
          ],
        },
      ),
    ).toEqual([]);
    const [teamEntry, escalationEntry] = res.body.data.onCallParticipants;
    expect(teamEntry.onCallParticipants).toHaveLength(team.members.length);
    expect(
      escalationEntry.onCallParticipants.map(
        (p: { type: string; escalationTime: number; notifyType: string }) => [
          p.type,
          p.escalationTime,
          p.notifyType,
        ],
      ),
    ).toEqual([
      ['schedule', 0, 'default'],
      ['schedule', 10, 'next'],
      ['team', 20, 'all'],
    ]);
    const flat = await og(`/v2/schedules/${payments.id}/on-calls?flat=true`)(
      nestedApp,
    );
    expect([...flat.body.data.onCallRecipients].sort()).toEqual(
      team.members
        .map(m => org.users.find(u => u.id === m.userId)!.email)
        .sort(),
    );
  });

  it('sends the recorded Opsgenie and DataDog headers', async () => {
    const og1 = await og('/v2/schedules')(app);
    expect(og1.headers['x-request-id']).toBe(og1.body.requestId);
    expect(og1.headers['x-ratelimit-state']).toBe('OK');
    expect(Number(og1.headers['x-response-time'])).toBe(og1.body.took);
    const dd1 = await dd('/api/v1/slo')(app);
    for (const h of [
      'x-ratelimit-limit',
      'x-ratelimit-period',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-ratelimit-name',
    ]) {
      expect(dd1.headers[h]).toBeDefined();
    }
    expect(dd1.headers['x-ratelimit-name']).toBe('slo_get_all');
  });

  it('sends the recorded DataDog rate-limit headers in quota mode: same buckets, limits and periods', async () => {
    const quota = createSandbox(
      {
        seed: 42,
        now: () => TEST_NOW,
        keys: SANDBOX_DEFAULT_KEYS,
        control: false,
        quota: defaultQuotaLimits(),
      },
      org,
    ).app;
    const history = `/api/v1/slo/${slo('checkout-api latency').id}/history`;
    // [sample, request, bucket of the endpoint for samples recorded before DataDog named them]
    const recorded: Array<[string, string, string?]> = [
      [
        'get-api-v1-slo-ids.headers.json',
        `/api/v1/slo?ids=${slo('payments-api availability').id}`,
      ],
      [
        'get-api-v1-slo-400.headers.json',
        '/api/v1/slo?ids=id1%2Cid1',
        'slo_get_all',
      ],
      [
        'get-api-v1-slo-404.headers.json',
        '/api/v1/slo?ids=id1%2Cid2',
        'slo_get_all',
      ],
      [
        'get-api-v1-slo-id-monitor.headers.json',
        `/api/v1/slo/${slo('checkout-api latency').id}`,
      ],
      ['get-api-v1-slo-id-404.headers.json', '/api/v1/slo/id', 'slo_get'],
      [
        'get-api-v1-slo-id-history-monitor.headers.json',
        `${history}?from_ts=${nowS - 86400}&to_ts=${nowS}`,
      ],
      [
        'get-api-v1-slo-id-history-400.headers.json',
        `${history}?from_ts=123&to_ts=12`,
        'slo_history',
      ],
      [
        'get-api-v1-slo-id-history-404.headers.json',
        '/api/v1/slo/id/history?from_ts=123&to_ts=12',
        'slo_history',
      ],
      [
        'get-api-v1-monitor-id-offset.headers.json',
        `/api/v1/monitor?id_offset=${org.monitors[0].id}&page_size=1`,
      ],
      [
        'get-api-v1-monitor-400.headers.json',
        '/api/v1/monitor?group_states=notagroupstate',
        'get_all_monitors',
      ],
      ['get-api-v1-monitor-id-404.headers.json', '/api/v1/monitor/1234'],
    ];
    for (const [file, path, bucket] of recorded) {
      const sample = loadWireSample('datadog', file) as Record<
        string,
        string[]
      >;
      const res = await dd(path)(quota);
      const header = (name: string) => sample[name]?.[0];
      const limit = Number(header('X-Ratelimit-Limit'));
      const period = Number(header('X-Ratelimit-Period'));
      expect([
        file,
        res.headers['x-ratelimit-limit'],
        res.headers['x-ratelimit-period'],
        res.headers['x-ratelimit-name'],
      ]).toEqual([
        file,
        String(limit),
        String(period),
        header('X-Ratelimit-Name') ?? bucket,
      ]);
      expect(Number(res.headers['x-ratelimit-remaining'])).toBeLessThan(limit);
      const reset = Number(res.headers['x-ratelimit-reset']);
      expect(reset).toBeGreaterThanOrEqual(1);
      expect(reset).toBeLessThanOrEqual(period);
    }
    const og1 = await og('/v2/schedules')(quota);
    expect(og1.headers['x-ratelimit-state']).toBe('OK');
  });
});
