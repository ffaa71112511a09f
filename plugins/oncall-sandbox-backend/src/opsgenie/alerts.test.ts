import request from 'supertest';
import { createSandbox } from '../app';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { createDemoOrg } from '../org/demoOrg';
import { PageStream } from '../org/alerts/stream';
import { pageStateAt } from '../org/alerts/types';
import { DAY, HOUR, MINUTE } from '../org/time';
import {
  OG_AUTH,
  TEST_NOW,
  pageFromPortal,
  testSandbox,
} from '../__testUtils__/sandbox';

const NOW = TEST_NOW.getTime();

interface Listed {
  id: string;
  tinyId: string;
  alias: string;
  createdAt: string;
  updatedAt: string;
  status: string;
  acknowledged: boolean;
  count: number;
  responders: Array<{ type: string; id: string }>;
  report?: Record<string, unknown>;
}

describe('Opsgenie fake: List Alerts and Get Alert', () => {
  const { app, org } = testSandbox();
  const stream = new PageStream(org);
  const get = (path: string) =>
    request(app).get(`/opsgenie${path}`).set(OG_AUTH);
  const list = (query: string, extra = '') =>
    get(`/v2/alerts?query=${encodeURIComponent(query)}${extra}`);
  const payments = org.teams.find(t => t.name === 'payments-team')!;
  const paymentsPages = stream.teams.find(t => t.team.id === payments.id)!;

  /** Every alert of a query, page by page as a client reads it. */
  async function readAll(query: string, order = 'asc') {
    const seen: Listed[] = [];
    for (let offset = 0; ; offset += 100) {
      const res = await list(
        query,
        `&limit=100&offset=${offset}&order=${order}`,
      ).expect(200);
      seen.push(...res.body.data);
      if (!res.body.paging.next) return seen;
    }
  }

  it('lists the newest alerts first, 20 at a time, with Opsgenie’s paging links and headers', async () => {
    const res = await get('/v2/alerts').expect(200);
    const data: Listed[] = res.body.data;
    expect(data).toHaveLength(20);
    const created = data.map(a => Date.parse(a.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(created[0]).toBeLessThanOrEqual(NOW);
    expect(res.body.paging).toEqual({
      next: expect.stringContaining(
        'offset=20&limit=20&sort=createdAt&order=desc',
      ),
      first: expect.stringContaining('offset=0&limit=20'),
      last: expect.stringMatching(/offset=\d+&limit=20/),
    });
    expect(res.headers['x-paging-next']).toBe(res.body.paging.next);
    expect(res.headers['x-paging-last']).toBe(res.body.paging.last);
    expect(res.body).toMatchObject({
      took: expect.any(Number),
      requestId: expect.any(String),
    });
  });

  it('narrows by team and createdAt, and paging through a window reads each alert once', async () => {
    const from = NOW - 30 * DAY;
    const to = NOW - 2 * DAY;
    const alerts = await readAll(
      `teams:"payments-team" AND createdAt>=${from} AND createdAt<${to}`,
    );
    const expected = stream.between(paymentsPages, from, to - 1);
    expect(alerts.length).toBeGreaterThan(100);
    expect(alerts.map(a => a.id)).toEqual(expected.map(p => p.id));
    for (const a of alerts) {
      expect(a.responders).toEqual([{ type: 'team', id: payments.id }]);
    }
    // by id too, and newest first the same alerts come the other way round
    const byId = await readAll(
      `teams:${payments.id} createdAt>=${from} createdAt<${to}`,
      'desc',
    );
    expect(byId.map(a => a.id)).toEqual(expected.map(p => p.id).reverse());
    expect((await list('teams:"no-such-team"').expect(200)).body.data).toEqual(
      [],
    );
  });

  it('filters by state at the clock: open, closed, acknowledged', async () => {
    const window = `teams:"payments-team" AND createdAt>=${NOW - 2 * DAY}`;
    const pages = stream.between(paymentsPages, NOW - 2 * DAY, NOW);
    const states = pages.map(p => pageStateAt(p, NOW));
    const open = await readAll(`${window} AND status:open`);
    expect(open.length).toBe(states.filter(s => s.status === 'open').length);
    expect(open.length).toBeGreaterThan(0);
    expect(open.every(a => a.status === 'open')).toBe(true);
    const closed = await readAll(`${window} AND status:closed`);
    expect(closed.length + open.length).toBe(pages.length);
    const waiting = await readAll(`${window} AND acknowledged:false`);
    expect(waiting.every(a => !a.acknowledged && a.report === undefined)).toBe(
      true,
    );
    expect(waiting.length).toBe(states.filter(s => !s.acknowledged).length);
  });

  it('counts every closed alert of the last 180 days, days no alert can still be open in included', async () => {
    const closed = await list('status:closed', '&limit=1').expect(200);
    const window = stream.windowAt(NOW);
    const expected = stream.teams
      .flatMap(t => stream.between(t, window.start, window.end))
      .filter(p => pageStateAt(p, NOW).status === 'closed').length;
    const last = new URL(closed.body.paging.last).searchParams.get('offset');
    expect(Number(last)).toBe(expected - 1);
  });

  it('sorts by other fields, ascending or descending', async () => {
    const q = `teams:"payments-team" AND createdAt>=${NOW - 7 * DAY}`;
    const byUpdate: Listed[] = (
      await list(q, '&sort=updatedAt&order=asc&limit=100').expect(200)
    ).body.data;
    const updated = byUpdate.map(a => Date.parse(a.updatedAt));
    expect(updated).toEqual([...updated].sort((a, b) => a - b));
    const byCount: Listed[] = (
      await list(q, '&sort=count&limit=100').expect(200)
    ).body.data;
    const counts = byCount.map(a => a.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBeGreaterThan(1);
  });

  it('gets one alert by id, tiny id or alias, with entity, description and details', async () => {
    const page = stream.between(paymentsPages, NOW - DAY, NOW)[0];
    const byId = await get(`/v2/alerts/${page.id}`).expect(200);
    expect(byId.body.data).toMatchObject({
      id: page.id,
      tinyId: page.tinyId,
      alias: page.alias,
      entity: page.entity,
      description: page.description,
      details: page.details,
      actions: [],
    });
    const byTiny = await get(
      `/v2/alerts/${page.tinyId}?identifierType=tiny`,
    ).expect(200);
    expect(byTiny.body.data.id).toBe(page.id);
    const byAlias = await get(
      `/v2/alerts/${page.alias}?identifierType=alias`,
    ).expect(200);
    expect(byAlias.body.data).toMatchObject({
      alias: page.alias,
      id: stream.findByAlias(page.alias, NOW)!.id,
    });
    const unknown = await get(
      '/v2/alerts/70413a06-38d6-4c85-92b8-5ebc900d42e2',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({
      message: 'Alert does not exist',
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    const badType = await get(`/v2/alerts/${page.id}?identifierType=name`);
    expect(badType.status).toBe(422);
    expect(badType.body.errors.identifierType).toMatch(/id, alias or tiny/);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=ten', 'limit'],
    ['offset=-1', 'offset'],
    ['offset=19950&limit=100', 'offset'],
    ['sort=severity', 'sort'],
    ['order=up', 'order'],
  ])('answers %s with 422 naming %s', async (params, field) => {
    const res = await get(`/v2/alerts?${params}`);
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.errors)).toEqual([field]);
    expect(res.body).toMatchObject({
      message: expect.any(String),
      took: expect.any(Number),
      requestId: expect.any(String),
    });
  });

  it('reads up to the 20,000th result, and answers a bad query with 422 saying why', async () => {
    await get('/v2/alerts?offset=19900&limit=100').expect(200);
    const res = await list('teams:"payments-team" AND createdAt>yesterday');
    expect(res.status).toBe(422);
    expect(res.body.message).toMatch(/^Invalid query \[teams:"payments-team"/);
    expect(res.body.errors.query).toMatch(/createdAt needs a time in epoch/);
  });
});

describe('Opsgenie fake: alerts follow the clock', () => {
  let now = NOW;
  const org = createDemoOrg({ seed: 42, now: new Date(NOW) });
  const { app } = createSandbox(
    {
      seed: 42,
      now: () => new Date(now),
      keys: SANDBOX_DEFAULT_KEYS,
      control: false,
    },
    org,
  );
  const stream = new PageStream(org);
  const get = (path: string) =>
    request(app).get(`/opsgenie${path}`).set(OG_AUTH);

  it('acknowledges and closes an alert when the clock gets there, and new alerts appear', async () => {
    const page = stream.teams
      .flatMap(t => stream.between(t, NOW, NOW + 2 * DAY))
      .find(p => p.acknowledged && p.acknowledged.at - p.createdAt > MINUTE)!;
    now = page.createdAt - MINUTE;
    await get(`/v2/alerts/${page.id}`).expect(404);
    const since = `/v2/alerts?query=${encodeURIComponent(
      `createdAt>${now}`,
    )}&order=asc&limit=100`;
    const before = (await get(since).expect(200)).body.data;

    now = page.createdAt + 10_000;
    const fresh = (await get(`/v2/alerts/${page.id}`).expect(200)).body.data;
    expect(fresh).toMatchObject({
      status: 'open',
      acknowledged: false,
      owner: '',
      createdAt: new Date(page.createdAt).toISOString(),
    });
    expect(fresh.report).toBeUndefined();
    const after = (await get(since).expect(200)).body.data;
    expect(after.map((a: Listed) => a.id)).toEqual([
      ...before.map((a: Listed) => a.id),
      page.id,
    ]);

    now = page.acknowledged!.at;
    const acked = (await get(`/v2/alerts/${page.id}`).expect(200)).body.data;
    expect(acked).toMatchObject({
      status: 'open',
      acknowledged: true,
      owner: page.acknowledged!.by,
      report: {
        ackTime: page.acknowledged!.at - page.createdAt,
        acknowledgedBy: page.acknowledged!.by,
      },
    });

    now = page.closed!.at + HOUR;
    const closed = (await get(`/v2/alerts/${page.id}`).expect(200)).body.data;
    expect(closed).toMatchObject({
      status: 'closed',
      updatedAt: new Date(page.closed!.at).toISOString(),
      report: {
        ackTime: page.acknowledged!.at - page.createdAt,
        closeTime: page.closed!.at - page.createdAt,
        closedBy: page.closed!.by,
      },
    });
  });

  it('keeps alerts created through the API open: status:open finds them a day later', async () => {
    now = NOW;
    await pageFromPortal(app, { type: 'team', name: 'checkout' });
    now = NOW + DAY;
    const open: Listed[] = (
      await get(
        `/v2/alerts?limit=100&query=${encodeURIComponent(
          'teams:checkout AND status:open',
        )}`,
      ).expect(200)
    ).body.data;
    expect(open.map(a => a.alias)).toHaveLength(
      new Set(open.map(a => a.alias)).size,
    );
    expect(
      open.filter(a => a.status === 'open').map(a => a.createdAt),
    ).toContain(new Date(NOW).toISOString());
  });
});
