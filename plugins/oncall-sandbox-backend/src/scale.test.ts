import request from 'supertest';
import { createSandbox } from './app';
import { SANDBOX_DEFAULT_KEYS } from './options';
import {
  DD_AUTH,
  OG_AUTH,
  PD_HEADERS,
  TEST_NOW,
} from './__testUtils__/sandbox';
import { createDemoOrg } from './org/demoOrg';
import { PageStream, dayOf } from './org/alerts/stream';
import { DAY } from './org/time';

describe('scale mode over HTTP', () => {
  const { app, org } = createSandbox({
    seed: 3,
    now: () => TEST_NOW,
    keys: SANDBOX_DEFAULT_KEYS,
    control: false,
    scale: { teams: 40, services: 400, incidents: 20_000, slos: 300 },
  });

  it('serves the generated teams, schedules, services and SLOs', async () => {
    const teams = await request(app).get('/opsgenie/v2/teams').set(OG_AUTH);
    const demoTeams = createDemoOrg({ seed: 3, now: TEST_NOW }).teams.length;
    expect(teams.body.data).toHaveLength(demoTeams + 40);
    const onCall = await request(app)
      .get(
        '/opsgenie/v2/schedules/scale-team-40_schedule/on-calls?scheduleIdentifierType=name&flat=true',
      )
      .set(OG_AUTH);
    expect(onCall.body.data.onCallRecipients).toHaveLength(1);
    const slos = await request(app)
      .get('/datadog/api/v1/slo?tags_query=service%3Ascale-svc-7')
      .set(DD_AUTH);
    expect(slos.body.data.length).toBeGreaterThan(0);
    expect(org.incidents.length).toBe(
      20_000 +
        org.incidents.filter(i => !i.service.startsWith('scale-svc-')).length,
    );
  });

  it('pages incremental incident syncs quickly through the updated index', async () => {
    const token = (
      await request(app)
        .post('/blameless/api/v2/identity/token')
        .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless)
    ).body.access_token;
    const since = TEST_NOW.getTime() - 30 * DAY;
    const expected = org.incidents.filter(i => i.updated >= since).length;
    const seen = new Set<number>();
    const start = Date.now();
    for (let offset = 0; offset < expected; offset += 500) {
      const res = await request(app)
        .get(
          `/blameless/api/v1/incidents?limit=500&offset=${offset}&updated_since=${since}`,
        )
        .set('Authorization', `Bearer ${token}`);
      expect(res.body.pagination.count).toBe(expected);
      for (const i of res.body.incidents) seen.add(i._id);
    }
    expect(seen.size).toBe(expected);
    expect(Date.now() - start).toBeLessThan(10_000);
    const deep = await request(app)
      .get('/blameless/api/v1/incidents?limit=100&offset=19900')
      .set('Authorization', `Bearer ${token}`);
    expect(deep.body.incidents).toHaveLength(100);
  });
});

describe('PagerDuty in scale mode', () => {
  const { app } = createSandbox({
    seed: 3,
    now: () => TEST_NOW,
    keys: SANDBOX_DEFAULT_KEYS,
    control: false,
    scale: { teams: 300 },
  });
  const get = (path: string) =>
    request(app).get(`/pagerduty${path}`).set(PD_HEADERS).expect(200);

  /** Every page of a classic-paginated list, as a client pages it (offset/limit/more). */
  async function all(path: string, key: string, limit: number) {
    const items: any[] = [];
    const sep = path.includes('?') ? '&' : '?';
    for (let offset = 0, pages = 0; ; offset += limit, pages++) {
      const res = await get(`${path}${sep}limit=${limit}&offset=${offset}`);
      expect(res.body).toMatchObject({ limit, offset });
      items.push(...res.body[key]);
      if (!res.body.more) return { items, pages: pages + 1 };
      expect(res.body[key]).toHaveLength(limit);
    }
  }

  // every fifth generated team that is not on JSM (which has every third)
  const pdScaleTeams = Array.from({ length: 300 }, (_, i) => i + 1)
    .filter(n => n % 5 === 0 && n % 3 !== 0)
    .map(n => `scale-team-${n}`);

  it('serves a share of the generated teams, each with its schedule and escalation policy, page by page', async () => {
    expect(pdScaleTeams).toHaveLength(40);
    const teams = await all('/teams', 'teams', 7);
    expect(teams.pages).toBe(Math.ceil(41 / 7));
    const names = teams.items.map(t => t.name);
    expect(names).toEqual(['growth', ...pdScaleTeams]);
    expect(names).not.toContain('scale-team-15');
    expect(names).not.toContain('scale-team-3');
    const total = await get('/teams?total=true&limit=1');
    expect(total.body).toMatchObject({ total: 41, more: true });

    const policies = await all(
      '/escalation_policies',
      'escalation_policies',
      10,
    );
    expect(policies.items).toHaveLength(41);
    const schedules = await all('/schedules', 'schedules', 25);
    expect(schedules.items.map(s => s.name)).toEqual(
      expect.arrayContaining(pdScaleTeams.map(n => `${n}_schedule`)),
    );
    expect(schedules.items).toHaveLength(2 + 40);

    const team = teams.items.find(t => t.name === 'scale-team-40');
    const members = await get(`/teams/${team.id}/members?include[]=users`);
    expect(members.body.members.map((m: any) => m.user.email)).toEqual([
      'scale.user40.1@example.com',
      'scale.user40.2@example.com',
      'scale.user40.3@example.com',
    ]);
    const users = await all(`/users?team_ids[]=${team.id}`, 'users', 2);
    expect(users.items).toHaveLength(3);
    expect(users.pages).toBe(2);
  });

  it('puts on call at level 1 whoever the Opsgenie schedule of the same team has on call', async () => {
    const oncalls = await all('/oncalls', 'oncalls', 100);
    const levelOne = oncalls.items.filter(
      o =>
        o.escalation_level === 1 &&
        /^scale-team-\d+_escalation$/.test(o.escalation_policy.summary),
    );
    expect(levelOne).toHaveLength(40);
    expect(oncalls.pages).toBeGreaterThan(1);
    for (const name of ['scale-team-5', 'scale-team-40', 'scale-team-290']) {
      const og = await request(app)
        .get(
          `/opsgenie/v2/schedules/${name}_schedule/on-calls?scheduleIdentifierType=name&flat=true`,
        )
        .set(OG_AUTH)
        .expect(200);
      const pd = levelOne.find(
        o => o.escalation_policy.summary === `${name}_escalation`,
      );
      expect(pd.schedule.summary).toBe(`${name}_schedule`);
      const user = await get(`/users/${pd.user.id}`);
      expect(og.body.data.onCallRecipients).toEqual([user.body.user.email]);
    }
  });
});

describe('alerts in scale mode', () => {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = Date.now();
  const { app, org } = createSandbox({
    seed: 3,
    now: () => TEST_NOW,
    keys: SANDBOX_DEFAULT_KEYS,
    control: false,
    scale: { teams: 500 },
  });
  const startMs = Date.now() - started;
  const stream = new PageStream(org);
  const window = stream.windowAt(TEST_NOW.getTime());
  const scaleTeams = stream.teams.filter(t =>
    t.team.name.startsWith('scale-team-'),
  );

  /** Pages of a team in the window: whole days counted, the two partial ones built. */
  function countInWindow(team: (typeof scaleTeams)[number]) {
    let n = 0;
    for (let d = dayOf(window.start); d <= dayOf(window.end); d++) {
      const whole = d * DAY >= window.start && (d + 1) * DAY - 1 <= window.end;
      n += whole
        ? stream.countDay(team, d)
        : stream
            .day(team, d)
            .filter(
              p => p.createdAt >= window.start && p.createdAt <= window.end,
            ).length;
    }
    return n;
  }

  it('pages 500 generated teams more than a million times over 180 days, without holding the alerts', () => {
    expect(startMs).toBeLessThan(10_000);
    expect(scaleTeams).toHaveLength(500);
    const countStart = Date.now();
    const total = scaleTeams.reduce((n, team) => n + countInWindow(team), 0);
    expect(total).toBeGreaterThanOrEqual(1_000_000);
    expect(Date.now() - countStart).toBeLessThan(20_000);
    // a million alert objects would take gigabytes; the stream keeps a bounded cache of days
    const heapGrowth = process.memoryUsage().heapUsed - heapBefore;
    expect(heapGrowth).toBeLessThan(300 * 1024 * 1024);
  });

  it('answers a query over everything with at most 20,000 reachable results, so a client narrows by createdAt', async () => {
    const everything = await request(app)
      .get('/opsgenie/v2/alerts?limit=100')
      .set(OG_AUTH)
      .expect(200);
    expect(everything.body.data).toHaveLength(100);
    expect(
      new URL(everything.body.paging.last).searchParams.get('offset'),
    ).toBe('19900');
    const beyond = await request(app)
      .get('/opsgenie/v2/alerts?limit=100&offset=19901')
      .set(OG_AUTH);
    expect(beyond.status).toBe(422);
    expect(beyond.body.errors.offset).toMatch(/20000/);

    const team = scaleTeams[123];
    const ids = new Set<string>();
    const step = 30 * DAY;
    for (let from = window.start; from <= window.end; from += step) {
      const query = encodeURIComponent(
        `teams:"${
          team.team.name
        }" AND createdAt>=${from} AND createdAt<${Math.min(
          from + step,
          window.end + 1,
        )}`,
      );
      for (let offset = 0; ; offset += 100) {
        const res = await request(app)
          .get(`/opsgenie/v2/alerts?query=${query}&limit=100&offset=${offset}`)
          .set(OG_AUTH)
          .expect(200);
        for (const a of res.body.data) ids.add(a.id);
        if (!res.body.paging.next) break;
      }
    }
    expect(ids.size).toBe(countInWindow(team));
    expect(ids.size).toBeGreaterThan(2000);
  });
});
