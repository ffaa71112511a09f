import request from 'supertest';
import { createSandbox } from '../app';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { PD_HEADERS, TEST_NOW, testSandbox } from '../__testUtils__/sandbox';
import { demoPagerDuty } from '../org/pagerdutyOrg';
import { createDemoOrg } from '../org/demoOrg';
import { defaultQuotaLimits } from '../quota/limits';

function quotaSandbox(iso: string) {
  const now = new Date(iso);
  const org = createDemoOrg({ seed: 42, now });
  return createSandbox(
    {
      seed: 42,
      now: () => now,
      keys: SANDBOX_DEFAULT_KEYS,
      control: true,
      quota: {
        ...defaultQuotaLimits(),
        pagerduty: { rest: [{ limit: 3, seconds: 60 }] },
      },
    },
    org,
  );
}

const { app, org } = testSandbox();
const pd = demoPagerDuty(org);
const policy = pd.policies[0];
const get = (path: string, a = app) =>
  request(a).get(`/pagerduty${path}`).set(PD_HEADERS);
const nameOf = (pdUserId: string) => pd.userByPdId.get(pdUserId)?.fullName;

describe('PagerDuty REST fake', () => {
  it('authenticates as PagerDuty does', async () => {
    const none = await request(app).get('/pagerduty/oncalls');
    expect(none.status).toBe(401);
    expect(none.body.error.message).toBe('Unauthorized');
    const wrong = await request(app)
      .get('/pagerduty/oncalls')
      .set('Authorization', 'Token token=nope');
    expect(wrong.status).toBe(401);
    const bearer = await request(app)
      .get('/pagerduty/oncalls')
      .set('Authorization', `Bearer ${SANDBOX_DEFAULT_KEYS.pagerduty}`);
    expect(bearer.status).toBe(401);
    const v1 = await request(app)
      .get('/pagerduty/oncalls')
      .set({
        ...PD_HEADERS,
        Accept: 'application/vnd.pagerduty+json;version=1',
      });
    expect(v1.status).toBe(406);
  });

  it('serves the escalation chain level by level with each rule’s delay', async () => {
    const res = await get(`/escalation_policies/${policy.id}`);
    expect(res.status).toBe(200);
    const rules = res.body.escalation_policy.escalation_rules;
    expect(
      rules.map(
        (r: {
          escalation_delay_in_minutes: number;
          targets: Array<{ type: string }>;
        }) => [r.escalation_delay_in_minutes, r.targets.map(t => t.type)],
      ),
    ).toEqual([
      [10, ['schedule_reference']],
      [15, ['schedule_reference']],
      [30, ['user_reference', 'user_reference', 'user_reference']],
    ]);
    const oncalls = await get(
      `/oncalls?escalation_policy_ids[]=${policy.id}&include[]=users`,
    );
    const levels = oncalls.body.oncalls.map(
      (o: {
        escalation_level: number;
        user: { name: string; email: string };
        end: string | null;
      }) => [o.escalation_level, o.user.name, o.end === null],
    );
    expect(levels).toEqual([
      [1, 'Ruby Scott', false],
      [2, 'Leo Green', false],
      [3, 'Ruby Scott', true],
      [3, 'Leo Green', true],
      [3, 'Hana Sato', true],
    ]);
    // the override tomorrow cuts the current level-1 shift short
    expect(oncalls.body.oncalls[0].end).toBe('2026-03-05T10:00:00Z');
  });

  it('pages classically and refuses to page past 10,000 records', async () => {
    const first = await get('/users?limit=2&total=true');
    expect(first.body).toMatchObject({
      limit: 2,
      offset: 0,
      more: true,
      total: org.users.length,
    });
    const last = await get(`/users?limit=2&offset=${org.users.length - 1}`);
    expect(last.body.more).toBe(false);
    expect(last.body.users).toHaveLength(1);
    const capped = await get('/users?limit=100&offset=9901');
    expect(capped.status).toBe(400);
    expect(capped.body.error).toMatchObject({
      code: 2001,
      message: 'Invalid Input Provided',
    });
    const bad = await get('/oncalls?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error.errors[0]).toMatch(/since/);
    const zone = await get('/oncalls?time_zone=Mars/Olympus');
    expect(zone.body.error.errors[0]).toMatch(/time_zone/);
  });

  it('renders 14 days of final schedule entries with the override, in the schedule’s zone', async () => {
    const res = await get(
      `/schedules/${pd.schedules[0].id}?since=2026-03-04T10:15:00Z&until=2026-03-18T10:15:00Z`,
    );
    const entries = res.body.schedule.final_schedule.rendered_schedule_entries;
    expect(
      entries.map((e: { start: string; user: { id: string } }) => [
        e.start,
        nameOf(e.user.id),
      ]),
    ).toEqual([
      ['2026-03-04T11:15:00+01:00', 'Ruby Scott'],
      ['2026-03-05T11:00:00+01:00', 'Hana Sato'],
      ['2026-03-06T11:00:00+01:00', 'Ruby Scott'],
      ['2026-03-09T09:00:00+01:00', 'Leo Green'],
      ['2026-03-16T09:00:00+01:00', 'Hana Sato'],
    ]);
    const overrides = await get(
      `/schedules/${pd.schedules[0].id}/overrides?since=2026-03-04T00:00:00Z&until=2026-03-18T00:00:00Z`,
    );
    expect(overrides.body.overrides).toHaveLength(1);
    const missing = await get(`/schedules/${pd.schedules[0].id}/overrides`);
    expect(missing.status).toBe(400);
  });

  it('hands off on the minute and follows Berlin’s clock across the spring change', async () => {
    // Monday 2026-03-30 09:00 CEST is 07:00 UTC, the day after clocks went forward
    const level1 = async (at: string) => {
      const res = await get(
        `/oncalls?escalation_policy_ids[]=${policy.id}&include[]=users&since=${at}`,
      );
      return res.body.oncalls
        .filter((o: { escalation_level: number }) => o.escalation_level === 1)
        .map((o: { user: { name: string }; start: string; end: string }) => [
          o.user.name,
          o.start,
          o.end,
        ]);
    };
    const [b] = await level1('2026-03-30T06:59:00Z');
    const [a] = await level1('2026-03-30T07:00:00Z');
    expect(b.slice(1)).toEqual([
      '2026-03-23T08:00:00Z',
      '2026-03-30T07:00:00Z',
    ]);
    expect(a.slice(1)).toEqual([
      '2026-03-30T07:00:00Z',
      '2026-04-06T07:00:00Z',
    ]);
    expect(a[0]).not.toBe(b[0]);
  });

  it('answers an on-call window with the earliest shift per user', async () => {
    const all = await get(
      `/oncalls?escalation_policy_ids[]=${policy.id}&since=2026-03-04T10:15:00Z&until=2026-03-18T10:15:00Z`,
    );
    const earliest = await get(
      `/oncalls?escalation_policy_ids[]=${policy.id}&since=2026-03-04T10:15:00Z&until=2026-03-18T10:15:00Z&earliest=true`,
    );
    expect(all.body.oncalls.length).toBeGreaterThan(
      earliest.body.oncalls.length,
    );
    const tooLong = await get(
      `/oncalls?since=2026-03-04T10:15:00Z&until=2026-07-04T10:15:00Z`,
    );
    expect(tooLong.status).toBe(400);
  });

  it('finds services with their escalation policy and Events integration', async () => {
    const res = await get('/services?include[]=escalation_policies');
    expect(res.body.services.map((s: { name: string }) => s.name)).toEqual([
      'newsletter-service',
      'referral-service',
    ]);
    expect(
      res.body.services[0].escalation_policy.escalation_rules,
    ).toHaveLength(3);
    expect((await get('/services/PNOSUCH')).status).toBe(404);
  });

  it('enforces 960 a minute in quota mode with ratelimit-* headers', async () => {
    const s = quotaSandbox(TEST_NOW.toISOString());
    for (let i = 0; i < 3; i++) {
      const ok = await get('/teams', s.app);
      expect(ok.status).toBe(200);
      expect(ok.headers['ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await get('/teams', s.app);
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: { message: 'Rate Limit Exceeded', code: 2020 },
    });
    expect(Number(limited.headers['ratelimit-reset'])).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('answers an nginx HTML 429 without rate-limit headers for an injected 429 error', async () => {
    const s = testSandbox();
    await request(s.app)
      .put('/__sandbox/faults/pagerduty')
      .send({ mode: 'error', status: 429 });
    const res = await get('/teams', s.app);
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('nginx');
  });
});

describe('PagerDuty Events API v2 fake', () => {
  const key = pd.services[0].integrationKey;
  const trigger = (dedup: string | undefined, a = app) =>
    request(a)
      .post('/pagerduty-events/v2/enqueue')
      .send({
        routing_key: key,
        event_action: 'trigger',
        ...(dedup ? { dedup_key: dedup } : {}),
        payload: {
          summary: 'Newsletter sends fail',
          source: 'portal',
          severity: 'critical',
        },
      });

  it('opens one incident per dedup_key however often a trigger is retried', async () => {
    const s = testSandbox();
    const first = await trigger('page-1', s.app);
    const retry = await trigger('page-1', s.app);
    expect([first.status, retry.status]).toEqual([202, 202]);
    expect(retry.body).toEqual({
      status: 'success',
      message: 'Event processed',
      dedup_key: 'page-1',
    });
    const incidents = await get('/incidents', s.app);
    expect(incidents.body.incidents).toHaveLength(1);
    expect(incidents.body.incidents[0]).toMatchObject({
      incident_key: 'page-1',
      status: 'triggered',
      alert_counts: { all: 2 },
    });
    const generated = await trigger(undefined, s.app);
    expect(generated.body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    await request(s.app)
      .post('/pagerduty-events/v2/enqueue')
      .send({ routing_key: key, event_action: 'resolve', dedup_key: 'page-1' })
      .expect(202);
    await trigger('page-1', s.app);
    const after = await get('/incidents?statuses[]=triggered', s.app);
    expect(after.body.incidents).toHaveLength(2);
  });

  it('refuses an unknown routing key and an invalid event with 400', async () => {
    const unknown = await request(app)
      .post('/pagerduty-events/v2/enqueue')
      .send({
        routing_key: 'f'.repeat(32),
        event_action: 'trigger',
        payload: { summary: 'x', source: 'y', severity: 'info' },
      });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual(['Invalid routing key']);
    const invalid = await request(app)
      .post('/pagerduty-events/v2/enqueue')
      .send({
        routing_key: key,
        event_action: 'trigger',
        payload: { summary: 'x', source: 'y', severity: 'loud' },
      });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0]).toMatch(/payload\.severity/);
  });
});
