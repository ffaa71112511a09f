import request from 'supertest';
import { Express } from 'express';
import { compareShape, loadWireSample, ShapeOptions } from '../testing';
import { setFault } from '../__testUtils__/faults';
import { PD_HEADERS, testSandbox } from '../__testUtils__/sandbox';
import { demoPagerDuty, PagerDutyOrg } from '../org/pagerdutyOrg';

/**
 * Contract: for each PagerDuty wire sample (vendor OpenAPI examples, see the samples' README),
 * the sandbox's answer to the equivalent request has the same shape (keys and JSON types), as
 * for the other vendors in `src/contract.test.ts`.
 */
interface Case {
  file: string;
  status: number;
  call: (app: Express, pd: PagerDutyOrg) => Promise<request.Response>;
  options?: ShapeOptions;
}

const { app, org } = testSandbox();
const pd = demoPagerDuty(org);
const get = (path: string) => (a: Express) =>
  request(a).get(`/pagerduty${path}`).set(PD_HEADERS);
const primary = (p: PagerDutyOrg) => p.schedules[0];
const routingKey = (p: PagerDutyOrg) => p.services[0].integrationKey;

const cases: Case[] = [
  {
    file: 'GET_oncalls.json',
    status: 200,
    call: (a, p) =>
      get(`/oncalls?escalation_policy_ids[]=${p.policies[0].id}`)(a),
  },
  {
    file: 'GET_oncalls_include-users.json',
    status: 200,
    call: (a, p) =>
      get(
        `/oncalls?include[]=users&time_zone=UTC&escalation_policy_ids[]=${p.policies[0].id}`,
      )(a),
    // the derived sample's users carry calendar urls only with include[]=calendar_urls
    options: {
      optional: ['oncalls[].user.http_cal_url', 'oncalls[].user.web_cal_url'],
    },
  },
  { file: 'GET_schedules.json', status: 200, call: get('/schedules') },
  {
    file: 'GET_schedules_include-schedule_layers.json',
    status: 200,
    call: get('/schedules?include[]=schedule_layers'),
  },
  {
    file: 'GET_schedules_{id}.json',
    status: 200,
    call: (a, p) =>
      get(
        `/schedules/${
          primary(p).id
        }?include_next_oncall_for_user=${p.userIdOf.get(
          primary(p).rotations[0].participants[1].id,
        )}`,
      )(a),
  },
  {
    file: 'GET_schedules_{id}_overrides.json',
    status: 200,
    call: (a, p) =>
      get(
        `/schedules/${
          primary(p).id
        }/overrides?since=2026-03-01T00:00:00Z&until=2026-03-15T00:00:00Z`,
      )(a),
  },
  {
    file: 'GET_schedules_{id}_audit_records.json',
    status: 200,
    call: (a, p) => get(`/schedules/${primary(p).id}/audit/records`)(a),
    // one record changes references, the other fields
    options: { loose: ['records[].details'] },
  },
  {
    file: 'GET_escalation_policies.json',
    status: 200,
    call: get('/escalation_policies'),
  },
  { file: 'GET_teams.json', status: 200, call: get('/teams') },
  {
    file: 'GET_teams_{id}_members.json',
    status: 200,
    call: (a, p) => get(`/teams/${p.teams[0].id}/members`)(a),
  },
  {
    file: 'GET_users.json',
    status: 200,
    call: get('/users'),
    options: { optional: ['users[].http_cal_url', 'users[].web_cal_url'] },
  },
  {
    file: 'GET_users_{id}.json',
    status: 200,
    call: (a, p) =>
      get(`/users/${p.userIdOf.get(p.teams[0].members[0].userId)}`)(a),
    // calendar urls come only with include[]=calendar_urls (see the samples' README)
    options: { optional: ['user.http_cal_url', 'user.web_cal_url'] },
  },
  {
    file: 'GET_incidents.json',
    status: 200,
    call: async (a, p) => {
      await request(a)
        .post('/pagerduty-events/v2/enqueue')
        .send({
          routing_key: routingKey(p),
          event_action: 'trigger',
          dedup_key: 'contract-incident',
          payload: {
            summary: 'Newsletter sends fail',
            source: 'portal',
            severity: 'critical',
          },
        })
        .expect(202);
      return get('/incidents?limit=1')(a);
    },
    // `total` is left out only by the sample's request; the fake always answers it (null)
    options: { extraKeysAt: [''] },
  },
  {
    file: 'POST_v2_enqueue.json',
    status: 202,
    call: (a, p) =>
      request(a)
        .post('/pagerduty-events/v2/enqueue')
        .send({
          routing_key: routingKey(p),
          event_action: 'trigger',
          dedup_key: 'srv01/HTTP',
          payload: {
            summary: 'Referral API down',
            source: 'srv01',
            severity: 'error',
          },
        }),
  },
  {
    file: 'POST_v2_enqueue_400.json',
    status: 400,
    call: a =>
      request(a)
        .post('/pagerduty-events/v2/enqueue')
        .set('Content-Type', 'application/json')
        .send('{"routing_key": '),
  },
  {
    file: 'ERROR_404.json',
    status: 404,
    call: get('/schedules/PNOSUCH'),
  },
];

describe('wire contract: the PagerDuty fake answers in the samples’ shapes', () => {
  it.each(cases.map(c => [c.file, c] as const))('%s', async (_name, c) => {
    const res = await c.call(app, pd);
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(
      compareShape(loadWireSample('pagerduty', c.file), res.body, c.options),
    ).toEqual([]);
  });

  it('answers 429 with the documented body and ratelimit-* headers (ERROR_429.json)', async () => {
    const sandbox = testSandbox();
    await setFault(sandbox.app, 'pagerduty', { mode: 'rate-limit' });
    const res = await get('/oncalls')(sandbox.app);
    expect(res.status).toBe(429);
    expect(
      compareShape(loadWireSample('pagerduty', 'ERROR_429.json'), res.body),
    ).toEqual([]);
    const headers = loadWireSample(
      'pagerduty',
      'ERROR_429.headers.json',
    ) as Record<string, string[]>;
    for (const name of [
      'ratelimit-limit',
      'ratelimit-remaining',
      'ratelimit-reset',
    ]) {
      expect([name, res.headers[name]]).toEqual([name, headers[name][0]]);
    }
  });

  it('sends ratelimit-* headers on every REST answer', async () => {
    const res = await get('/schedules')(app);
    expect(res.headers['ratelimit-limit']).toBe('960');
    expect(Number(res.headers['ratelimit-remaining'])).toBeLessThan(960);
    expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(1);
  });
});
