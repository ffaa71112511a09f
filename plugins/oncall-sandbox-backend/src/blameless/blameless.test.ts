import request from 'supertest';
import { TEST_NOW, testSandbox } from '../__testUtils__/sandbox';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { DAY } from '../org/time';
import { createSandbox } from '../app';

describe('Blameless fake', () => {
  const { app, org } = testSandbox();
  let token = '';
  const get = (path: string) =>
    request(app)
      .get(`/blameless${path}`)
      .set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    const res = await request(app)
      .post('/blameless/api/v2/identity/token')
      .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
    token = res.body.access_token;
  });

  it('exchanges the raw API key for a JWT with an exp claim', async () => {
    const res = await request(app)
      .post('/blameless/api/v2/identity/token')
      .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86400,
      scope: expect.any(String),
    });
    const payload = JSON.parse(
      Buffer.from(res.body.access_token.split('.')[1], 'base64url').toString(),
    );
    expect(payload.exp).toBe(Math.floor(TEST_NOW.getTime() / 1000) + 86400);
  });

  it('rejects a wrong key at the exchange and missing or forged tokens on resources with 401', async () => {
    const bad = await request(app)
      .post('/blameless/api/v2/identity/token')
      .set('Authorization', 'wrong');
    expect(bad.status).toBe(401);
    expect(bad.body).toEqual({
      ok: false,
      error: 'unauthorized',
      message: expect.any(String),
    });
    const prefixed = await request(app)
      .post('/blameless/api/v2/identity/token')
      .set('Authorization', `Bearer ${SANDBOX_DEFAULT_KEYS.blameless}`);
    expect(prefixed.status).toBe(401);
    expect((await request(app).get('/blameless/api/v1/incidents')).status).toBe(
      401,
    );
    expect(
      (
        await request(app)
          .get('/blameless/api/v1/incidents')
          .set('Authorization', `Bearer ${token}x`)
      ).status,
    ).toBe(401);
    expect(
      (
        await request(app)
          .get('/blameless/api/v1/incidents')
          .set('Authorization', SANDBOX_DEFAULT_KEYS.blameless)
      ).status,
    ).toBe(401);
  });

  it('accepts the bare token as the Terraform provider sends it', async () => {
    const res = await request(app)
      .get('/blameless/api/v2/settings/incidents/severities')
      .set('Authorization', token);
    expect(res.status).toBe(200);
    expect(res.body.severities).toEqual(
      [0, 1, 2, 3].map(level => ({ level, label: `SEV${level}` })),
    );
    expect(
      (await get('/api/v1/incident-severities')).body.severities,
    ).toHaveLength(4);
  });

  it('rejects expired tokens', async () => {
    const future = new Date(TEST_NOW.getTime() + 2 * DAY);
    const sb = createSandbox(
      {
        seed: 42,
        now: () => future,
        keys: SANDBOX_DEFAULT_KEYS,
        control: false,
      },
      org,
    );
    expect(
      (
        await request(sb.app)
          .get('/blameless/api/v1/incidents')
          .set('Authorization', `Bearer ${token}`)
      ).status,
    ).toBe(401);
  });

  it('pages through every incident with limit/offset and a total count', async () => {
    const ids: number[] = [];
    for (let offset = 0; ; offset += 50) {
      const res = await get(`/api/v1/incidents?limit=50&offset=${offset}`);
      expect(res.body.ok).toBe(true);
      expect(res.body.pagination).toEqual({
        limit: 50,
        offset,
        count: org.incidents.length,
      });
      ids.push(...res.body.incidents.map((i: { _id: number }) => i._id));
      if (res.body.incidents.length < 50) break;
    }
    expect(ids).toHaveLength(org.incidents.length);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('filters by services, status, search and updated_since (ms or ISO)', async () => {
    const checkout = await get('/api/v1/incidents?services=checkout&limit=100');
    expect(checkout.body.incidents.length).toBeGreaterThanOrEqual(4);
    expect(
      checkout.body.incidents.every(
        (i: { services: string[] }) => i.services[0] === 'checkout',
      ),
    ).toBe(true);
    const open = await get(
      '/api/v1/incidents?status=INVESTIGATING,IDENTIFIED,MONITORING',
    );
    expect(
      open.body.incidents.map((i: { status: string }) => i.status).sort(),
    ).toEqual(['IDENTIFIED', 'INVESTIGATING', 'MONITORING']);
    const since = TEST_NOW.getTime() - 7 * DAY;
    const recent = await get(
      `/api/v1/incidents?updated_since=${since}&limit=1000`,
    );
    const expected = org.incidents.filter(i => i.updated >= since).length;
    expect(recent.body.pagination.count).toBe(expected);
    expect(
      recent.body.incidents.every(
        (i: { updated: { $date: number } }) => i.updated.$date >= since,
      ),
    ).toBe(true);
    const iso = await get(
      `/api/v1/incidents?updated_since=${encodeURIComponent(
        new Date(since).toISOString(),
      )}`,
    );
    expect(iso.body.pagination.count).toBe(expected);
    const search = await get('/api/v1/incidents?search=certificate');
    expect(
      search.body.incidents.every((i: { description: string }) =>
        /certificate/i.test(i.description),
      ),
    ).toBe(true);
  });

  it('answers bad numbers with 400 in Blameless shape', async () => {
    for (const q of [
      'limit=0',
      'limit=abc',
      'limit=5000',
      'offset=-1',
      'updated_since=yesterday',
    ]) {
      const res = await get(`/api/v1/incidents?${q}`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        ok: false,
        error: 'bad_request',
        message: expect.any(String),
      });
    }
  });

  it('serves one incident with the extension fields, and 404 for unknown ids', async () => {
    const open = org.incidents.find(i => i.status === 'INVESTIGATING')!;
    const res = await get(`/api/v1/incidents/${open.id}`);
    expect(res.body.incident).toMatchObject({
      _id: open.id,
      name: String(open.id),
      description: open.title,
      status: 'INVESTIGATING',
      severity: 1,
      slack_channel: {
        name: expect.stringMatching(new RegExp(`^inc-${open.id}-`)),
      },
      roles: [
        {
          role: 'Commander',
          user: { email: expect.stringMatching(/@example\.com$/) },
        },
      ],
      services: ['checkout'],
    });
    expect(res.body.incident.resolved_at).toBeUndefined();
    const missing = await get('/api/v1/incidents/999999');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      ok: false,
      error: 'not_found',
      message: expect.any(String),
    });
    expect((await get('/api/v1/incidents/abc')).status).toBe(404);
  });

  it('serves retrospectives in every state, and 404 for incidents without one', async () => {
    const states = new Set<string>();
    for (const incident of org.incidents.filter(i => i.retrospective)) {
      const res = await get(`/api/v1/incidents/${incident.id}/postmortem`);
      expect(res.status).toBe(200);
      states.add(res.body.postmortem.state);
    }
    expect([...states].sort()).toEqual([
      'COMPLETED',
      'INCOMPLETE',
      'IN_REVIEW',
      'NOT_STARTED',
    ]);
    const none = org.incidents.find(i => !i.retrospective)!;
    expect((await get(`/api/v1/incidents/${none.id}/postmortem`)).status).toBe(
      404,
    );
  });
});
