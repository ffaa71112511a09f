import request from 'supertest';
import { createSandbox } from './app';
import { SANDBOX_DEFAULT_KEYS } from './options';
import { DD_AUTH, OG_AUTH, TEST_NOW } from './__testUtils__/sandbox';
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
