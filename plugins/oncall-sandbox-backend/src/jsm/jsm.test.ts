import request from 'supertest';
import { setFault, textBody } from '../__testUtils__/faults';
import {
  JSM_AUTH,
  JSM_BASE,
  OG_AUTH,
  TEST_NOW,
  testSandbox,
} from '../__testUtils__/sandbox';
import { createDemoOrg } from '../org/demoOrg';
import { OrgIndex } from '../org/orgIndex';
import { JsmDirectory } from './directory';

const org = createDemoOrg({ seed: 42, now: TEST_NOW });
const dir = new JsmDirectory(new OrgIndex(org));
let now = TEST_NOW.getTime();

function sandbox(flags?: string[]) {
  return testSandbox({ org, now: () => new Date(now), quotaFlags: flags }).app;
}

const scheduleNamed = (name: string) =>
  org.schedules.find(s => s.name === name)!;

beforeEach(() => {
  now = TEST_NOW.getTime();
});

describe('JSM Operations fake', () => {
  const app = sandbox();
  const get = (path: string) =>
    request(app).get(`${JSM_BASE}${path}`).set(JSM_AUTH);

  it('serves the JSM demo teams: discovery moved over, storefront mid-migration', async () => {
    const res = await get('/v1/teams').expect(200);
    expect(
      res.body.platformTeams.map((t: { teamName: string }) => t.teamName),
    ).toEqual(['discovery-ops', 'storefront-us', 'discovery-eu']);
  });

  it('authenticates with Basic email:api_token and scopes paths to the site’s cloud id', async () => {
    await request(app).get(`${JSM_BASE}/v1/teams`).expect(401);
    await request(app)
      .get(`${JSM_BASE}/v1/teams`)
      .set(OG_AUTH)
      .expect(401, { code: 401, message: 'Unauthorized' });
    const other = await request(app)
      .get('/atlassian/jsm/ops/api/another-cloud/v1/teams')
      .set(JSM_AUTH)
      .expect(404);
    expect(other.body.errors[0].code).toBe('NOT_FOUND');
    await request(app)
      .get(`/jira/rest/api/3/user/bulk?accountId=x`)
      .expect(401);
  });

  it('pages lists through links.next, relative to the API base, until it is absent', async () => {
    const names: string[] = [];
    let next: string | undefined = '/v1/schedules?size=1';
    while (next) {
      const res: request.Response = await get(next).expect(200);
      names.push(...res.body.values.map((s: { name: string }) => s.name));
      next = res.body.links.next;
    }
    expect(names).toEqual(dir.schedules.map(s => s.name));
    expect(names).toHaveLength(3);
    const byName = await get('/v1/schedules?query=discovery*').expect(200);
    expect(byName.body.values).toHaveLength(2);
    await get('/v1/schedules?size=51').expect(400);
  });

  it('answers who is on call with the same people as the Opsgenie fake, by account id', async () => {
    for (const name of ['discovery-ops_schedule', 'storefront-us_schedule']) {
      const schedule = scheduleNamed(name);
      const og = await request(app)
        .get(`/opsgenie/v2/schedules/${schedule.id}/on-calls?flat=true`)
        .set(OG_AUTH)
        .expect(200);
      const jsm = await get(
        `/v1/schedules/${dir.scheduleId(schedule)}/on-calls?flat=true`,
      ).expect(200);
      const emails = jsm.body.onCallUsers.map(
        (id: string) => dir.userByAccount(id)!.email,
      );
      expect(emails).toEqual(og.body.data.onCallRecipients);
      expect(emails.length).toBeGreaterThan(0);
    }
  });

  it('resolves account ids to names and emails through Jira’s bulk user API', async () => {
    const users = org.users.slice(0, 3);
    const ids = users.map(u => dir.accountId(u.id));
    const res = await request(app)
      .get(
        `/jira/rest/api/3/user/bulk?${ids
          .map(id => `accountId=${id}`)
          .join('&')}&accountId=unknown&maxResults=2`,
      )
      .set(JSM_AUTH)
      .expect(200);
    expect(res.body).toMatchObject({
      maxResults: 2,
      startAt: 0,
      total: 3,
      isLast: false,
    });
    expect(
      res.body.values.map(
        (u: { displayName: string; emailAddress: string }) => [
          u.displayName,
          u.emailAddress,
        ],
      ),
    ).toEqual(users.slice(0, 2).map(u => [u.fullName, u.email]));
  });

  it('builds the 14-day timeline from the start of the day holding `date`', async () => {
    const schedule = scheduleNamed('discovery-eu_schedule');
    const res = await get(
      `/v1/schedules/${dir.scheduleId(
        schedule,
      )}/timeline?intervalUnit=days&interval=15`,
    ).expect(200);
    expect(res.body.startDate).toBe('2026-03-04T00:00:00.000Z');
    expect(res.body.endDate).toBe('2026-03-19T00:00:00.000Z');
    const periods = res.body.finalTimeline.rotations[0].periods;
    const current = periods.find(
      (p: { startDate: string; endDate: string; type: string }) =>
        p.type !== 'historical' && Date.parse(p.startDate) <= now,
    );
    expect(current.endDate > TEST_NOW.toISOString()).toBe(true);
    await get(
      `/v1/schedules/${dir.scheduleId(schedule)}/timeline?intervalUnit=years`,
    ).expect(400);
    await get(
      `/v1/schedules/${dir.scheduleId(
        schedule,
      )}/timeline?date=2020-01-01T00:00:00Z`,
    ).expect(400);
  });

  it('answers escalations with integer minute delays and an unknown schedule with 404', async () => {
    const team = dir.teams.find(t => t.name === 'discovery-ops')!;
    const res = await get(`/v1/teams/${dir.teamId(team)}/escalations`).expect(
      200,
    );
    expect(
      res.body.values[0].rules.map(
        (r: {
          delay: number;
          notifyType: string;
          recipient: { type: string };
        }) => [r.delay, r.notifyType, r.recipient.type],
      ),
    ).toEqual([
      [0, 'default', 'schedule'],
      [15, 'all', 'team'],
    ]);
    const missing = await get('/v1/schedules/nope/on-calls').expect(404);
    expect(missing.body.errors[0]).toEqual({
      code: 'NOT_FOUND',
      title: 'Schedule not found',
    });
  });

  it('de-duplicates alerts by alias: a retried create adds to the count, never a second alert', async () => {
    const create = () =>
      request(app)
        .post(`${JSM_BASE}/v1/alerts`)
        .set(JSM_AUTH)
        .send({ message: 'Search is down', alias: 'page-retry-1' })
        .expect(200);
    await create();
    await create();
    const list = await get('/v1/alerts?query=alias%3Apage-retry-1').expect(200);
    expect(list.body.values).toHaveLength(1);
    expect(list.body.values[0].count).toBe(2);
    const bad = await request(app)
      .post(`${JSM_BASE}/v1/alerts`)
      .set(JSM_AUTH)
      .send({ alias: 'no-message' })
      .expect(422);
    expect(bad.body.message).toMatch(/^message/);
  });
});

describe('JSM Operations fake: faults, stats and quota', () => {
  it('is faulted, counted and rate limited as the `jsm` vendor, with Retry-After and X-RateLimit-*', async () => {
    const app = sandbox(['jsm.ops=2/s,100/min']);
    const teams = () => request(app).get(`${JSM_BASE}/v1/teams`).set(JSM_AUTH);
    const ok = await teams().expect(200);
    expect(ok.headers['x-ratelimit-limit']).toBe('2');
    await teams().expect(200);
    const throttled = await teams().expect(429);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.headers['x-ratelimit-remaining']).toBe('0');
    expect(throttled.headers['x-ratelimit-reset']).toMatch(
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/,
    );
    expect(throttled.headers['ratelimit-reason']).toMatch(/jsm-ops/);
    expect(throttled.body.errors[0].code).toBe('TOO_MANY_REQUESTS');
    now += 1000;
    await teams().expect(200);
    now += 10_000;

    await setFault(app, 'jsm', { mode: 'malformed' });
    const malformed = await teams().parse(textBody);
    expect(() => JSON.parse(malformed.body)).toThrow();
    await setFault(app, 'jsm', { mode: 'error', status: 429 });
    const bare = await teams().expect(429);
    expect(bare.headers['retry-after']).toBeUndefined();
    await request(app).delete('/__sandbox/faults').expect(204);

    const stats = await request(app).get('/__sandbox/stats').expect(200);
    expect(stats.body.vendors.jsm.routes['GET /v1/teams']).toBe(6);
    expect(stats.body.quota.vendors.jsm.domains.ops).toMatchObject({
      name: 'jsm-ops',
      throttled: 1,
    });
  });
});
