import request from 'supertest';
import { createSandbox } from './app';
import { SANDBOX_DEFAULT_KEYS } from './options';
import { DD_AUTH, OG_AUTH, TEST_NOW } from './__testUtils__/sandbox';
import { createDemoOrg } from './org/demoOrg';
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
