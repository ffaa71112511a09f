import request from 'supertest';
import { OG_AUTH, TEST_NOW, testSandbox } from '../__testUtils__/sandbox';
import { HOUR } from '../org/time';

describe('Opsgenie fake', () => {
  const { app, org } = testSandbox();
  const get = (path: string) =>
    request(app).get(`/opsgenie${path}`).set(OG_AUTH);
  const userId = (email: string) => org.users.find(u => u.email === email)!.id;

  it('rejects missing or wrong GenieKeys with 401 in Opsgenie shape', async () => {
    for (const auth of [
      undefined,
      'GenieKey wrong',
      'Bearer sandbox-opsgenie-key',
    ]) {
      const req = request(app).get('/opsgenie/v2/teams');
      const res = await (auth ? req.set('Authorization', auth) : req);
      expect(res.status).toBe(401);
      expect(res.body).toEqual({
        message: 'Could not authenticate',
        took: expect.any(Number),
        requestId: expect.any(String),
      });
    }
  });

  it('resolves schedules by id or name, and answers unknown ones with 403/40301', async () => {
    const s = org.schedules.find(x => x.name === 'payments_schedule')!;
    expect((await get(`/v2/schedules/${s.id}`)).body.data.name).toBe(
      'payments_schedule',
    );
    expect(
      (await get('/v2/schedules/payments_schedule?identifierType=name')).body
        .data.id,
    ).toBe(s.id);
    const byNameAsId = await get('/v2/schedules/payments_schedule');
    expect(byNameAsId.status).toBe(403);
    expect(byNameAsId.body.code).toBe(40301);
    expect(
      (await get('/v2/schedules/payments_schedule?identifierType=nope')).status,
    ).toBe(422);
  });

  it('lists rotations only with expand=rotation', async () => {
    const plain = await get('/v2/schedules');
    expect(
      plain.body.data.every(
        (s: { rotations: unknown[] }) => s.rotations.length === 0,
      ),
    ).toBe(true);
    const expanded = await get('/v2/schedules?expand=rotation');
    const payments = expanded.body.data.find(
      (s: { name: string }) => s.name === 'payments_schedule',
    );
    expect(payments.rotations.map((r: { name: string }) => r.name)).toEqual([
      'primary',
      'secondary',
    ]);
  });

  it('puts the guest on call now as data-platform secondary, in flat and nested form', async () => {
    const flat = await get(
      '/v2/schedules/data-platform_schedule/on-calls?scheduleIdentifierType=name&flat=true',
    );
    expect(flat.body.data.onCallRecipients).toContain('guest@example.com');
    expect(flat.body.data.onCallRecipients).toHaveLength(2);
    const nested = await get(
      '/v2/schedules/data-platform_schedule/on-calls?scheduleIdentifierType=name',
    );
    expect(nested.body.data.onCallParticipants).toContainEqual({
      id: userId('guest@example.com'),
      name: 'guest@example.com',
      type: 'user',
    });
    expect(nested.body.data._parent.name).toBe('data-platform_schedule');
  });

  it('answers who was on call at a given date, and rejects bad dates with 422', async () => {
    const at = new Date(TEST_NOW.getTime() - 14 * 24 * HOUR).toISOString();
    const res = await get(
      `/v2/schedules/sre_ic_schedule/on-calls?scheduleIdentifierType=name&flat=true&date=${encodeURIComponent(
        at,
      )}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.data.onCallRecipients).toHaveLength(1);
    const now = await get(
      '/v2/schedules/sre_ic_schedule/on-calls?scheduleIdentifierType=name&flat=true',
    );
    expect(now.body.data.onCallRecipients).not.toEqual(
      res.body.data.onCallRecipients,
    );
    const bad = await get(
      '/v2/schedules/sre_ic_schedule/on-calls?scheduleIdentifierType=name&date=yesterday',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.date).toBeDefined();
  });

  it('shows the discovery override in progress: the coverer is on call, the timeline says override', async () => {
    const schedule = org.schedules.find(
      s => s.name === 'discovery-ops_schedule',
    )!;
    const cover = org.users.find(u => u.id === schedule.overrides[0].userId)!;
    const onCall = await get(
      '/v2/schedules/discovery-ops_schedule/on-calls?scheduleIdentifierType=name&flat=true',
    );
    expect(onCall.body.data.onCallRecipients).toEqual([cover.email]);
    const overrides = await get(
      '/v2/schedules/discovery-ops_schedule/overrides?scheduleIdentifierType=name',
    );
    expect(overrides.body.data[0].user.username).toBe(cover.email);
    expect(overrides.body.data[0].rotations[0].name).toBe('primary');
    const start = new Date(TEST_NOW.getTime() - 6 * HOUR).toISOString();
    const timeline = await get(
      `/v2/schedules/discovery-ops_schedule/timeline?identifierType=name&interval=2&intervalUnit=days&expand=base,override&date=${encodeURIComponent(
        start,
      )}`,
    );
    const periods = timeline.body.data.finalTimeline.rotations[0].periods;
    expect(periods[0].type).toBe('historical');
    expect(
      periods.some(
        (p: { type: string; recipient: { name: string } }) =>
          p.type === 'override' && p.recipient.name === cover.email,
      ),
    ).toBe(true);
    const split = periods.filter(
      (p: { endDate: string; startDate: string }) =>
        p.endDate === TEST_NOW.toISOString() ||
        p.startDate === TEST_NOW.toISOString(),
    );
    expect(split).toHaveLength(2);
    expect(
      timeline.body.data.baseTimeline.rotations[0].periods.some(
        (p: { type: string }) => p.type === 'override',
      ),
    ).toBe(false);
    expect(
      timeline.body.data.overrideTimeline.rotations[0].periods.length,
    ).toBeGreaterThan(0);
  });

  it('keeps final timeline periods contiguous for an unrestricted rotation over a month', async () => {
    const res = await get(
      '/v2/schedules/payments_schedule/timeline?identifierType=name&interval=1&intervalUnit=months',
    );
    for (const rotation of res.body.data.finalTimeline.rotations) {
      const periods = rotation.periods;
      expect(periods[0].startDate).toBe(res.body.data.startDate);
      expect(periods[periods.length - 1].endDate).toBe(res.body.data.endDate);
      for (let i = 1; i < periods.length; i++) {
        expect(periods[i].startDate).toBe(periods[i - 1].endDate);
      }
    }
    expect(
      (
        await get(
          '/v2/schedules/payments_schedule/timeline?identifierType=name&intervalUnit=years',
        )
      ).status,
    ).toBe(422);
    expect(
      (
        await get(
          '/v2/schedules/payments_schedule/timeline?identifierType=name&interval=-1',
        )
      ).status,
    ).toBe(422);
  });

  it('hands over within the next days and names the next on-call', async () => {
    const res = await get(
      '/v2/schedules/commerce_schedule/next-on-calls?scheduleIdentifierType=name&flat=true',
    );
    expect(res.body.data.nextOnCallParticipants).toHaveLength(1);
    expect(res.body.data.exactNextOnCallParticipants).toEqual(
      res.body.data.nextOnCallParticipants,
    );
    const objects = await get(
      '/v2/schedules/commerce_schedule/next-on-calls?scheduleIdentifierType=name',
    );
    expect(objects.body.data.nextOnCallRecipients[0]).toEqual({
      id: expect.any(String),
      name: res.body.data.nextOnCallParticipants[0],
      type: 'user',
    });
  });

  it('always has exactly one of the checkout weekday/weekend schedules on call', async () => {
    for (let h = 0; h < 7 * 24; h += 5) {
      const date = encodeURIComponent(
        new Date(TEST_NOW.getTime() + h * HOUR).toISOString(),
      );
      const [wd, we] = await Promise.all(
        ['checkout_weekday', 'checkout_weekend'].map(n =>
          get(
            `/v2/schedules/${n}/on-calls?scheduleIdentifierType=name&flat=true&date=${date}`,
          ),
        ),
      );
      expect(
        wd.body.data.onCallRecipients.length +
          we.body.data.onCallRecipients.length,
      ).toBe(1);
    }
  });

  it('serves escalations with the org’s chains', async () => {
    const res = await get(
      '/v2/escalations/payments-team_escalation?identifierType=name',
    );
    expect(
      res.body.data.rules.map(
        (r: {
          notifyType: string;
          delay: { timeAmount: number };
          recipient: { type: string; name: string };
        }) => [
          r.notifyType,
          r.delay.timeAmount,
          r.recipient.type,
          r.recipient.name,
        ],
      ),
    ).toEqual([
      ['default', 0, 'schedule', 'payments_schedule'],
      ['next', 10, 'schedule', 'payments_schedule'],
      ['all', 20, 'team', 'payments-team'],
    ]);
    expect((await get('/v2/escalations')).body.data).toHaveLength(
      org.escalations.length,
    );
    expect((await get('/v2/escalations/nope?identifierType=name')).status).toBe(
      404,
    );
  });

  it('serves teams with members by id or name', async () => {
    const team = await get('/v2/teams/discovery-ops?identifierType=name');
    expect(
      team.body.data.members.map(
        (m: { user: { username: string } }) => m.user.username,
      ),
    ).toEqual([
      'isla.young@example.com',
      'oscar.king@example.com',
      'zoe.wright@example.com',
    ]);
    expect((await get(`/v2/teams/${team.body.data.id}`)).body.data.name).toBe(
      'discovery-ops',
    );
    expect((await get('/v2/teams/storefront?identifierType=name')).status).toBe(
      404,
    );
  });

  it('pages users with paging links, headers and totalCount', async () => {
    const first = await get('/v2/users?limit=10');
    expect(first.body.totalCount).toBe(org.users.length);
    expect(first.body.data).toHaveLength(10);
    expect(first.body.paging.prev).toBeUndefined();
    expect(first.headers['x-paging-next']).toBe(first.body.paging.next);
    const seen: string[] = [];
    let next: string | undefined = '/v2/users?limit=10';
    while (next) {
      const url = new URL(next, 'http://x');
      const page = await get(
        `${url.pathname.replace('/opsgenie', '')}${url.search}`,
      );
      seen.push(...page.body.data.map((u: { username: string }) => u.username));
      next = page.body.paging.next;
    }
    expect(seen).toHaveLength(org.users.length);
    expect(new Set(seen).size).toBe(org.users.length);
    expect([...seen].sort()).toEqual(seen);
    expect((await get('/v2/users?limit=101')).status).toBe(422);
    expect((await get('/v2/users?offset=abc')).status).toBe(422);
  });

  it('finds users by id or username, with contacts on expand', async () => {
    const byName = await get(
      '/v2/users/maria.garcia@example.com?expand=contact',
    );
    expect(byName.body.data.userContacts[0]).toMatchObject({
      contactMethod: 'email',
      to: 'maria.garcia@example.com',
    });
    expect(
      (await get(`/v2/users/${byName.body.data.id}`)).body.data.userContacts,
    ).toBeUndefined();
    expect((await get('/v2/users/nobody@example.com')).status).toBe(404);
  });

  it('answers who is on call in every schedule at once, and a user’s teams and schedules', async () => {
    const all = await get('/v2/schedules/on-calls?flat=true');
    expect(all.body.data).toHaveLength(org.schedules.length);
    const dp = all.body.data.find(
      (x: { _parent: { name: string } }) =>
        x._parent.name === 'data-platform_schedule',
    );
    expect(dp.onCallRecipients).toContain('guest@example.com');
    const teams = await get('/v2/users/guest@example.com/teams');
    expect(teams.body.data.map((t: { name: string }) => t.name)).toEqual([
      'data-platform',
    ]);
    const schedules = await get('/v2/users/guest@example.com/schedules');
    expect(schedules.body.data.map((t: { name: string }) => t.name)).toEqual([
      'data-platform_schedule',
    ]);
    expect((await get('/v2/users/nobody/teams')).status).toBe(404);
  });

  it('accepts alerts asynchronously: 202, a transient RequestNotProcessed 404, then the result', async () => {
    const created = await request(app)
      .post('/opsgenie/v2/alerts')
      .set(OG_AUTH)
      .send({
        message: 'Checkout is failing',
        priority: 'P2',
        responders: [{ type: 'team', name: 'checkout' }],
      });
    expect(created.status).toBe(202);
    expect(created.body).toEqual({
      result: 'Request will be processed',
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    const pending = await get(`/v2/alerts/requests/${created.body.requestId}`);
    expect(pending.status).toBe(404);
    expect(pending.headers['x-opsgenie-errortype']).toBe('RequestNotProcessed');
    const done = await get(`/v2/alerts/requests/${created.body.requestId}`);
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({
      isSuccess: true,
      action: 'Create',
      alertId: expect.any(String),
    });
    const checkout = org.teams.find(t => t.name === 'checkout')!.id;
    const list = await get('/v2/alerts');
    expect(list.body.data[0]).toMatchObject({
      id: done.body.data.alertId,
      message: 'Checkout is failing',
      priority: 'P2',
      status: 'open',
      acknowledged: false,
      responders: [{ type: 'team', id: checkout }],
      ownerTeamId: checkout,
    });
    const mine = await get(
      `/v2/alerts?query=${encodeURIComponent(
        `teams:checkout AND createdAt>=${TEST_NOW.getTime()}`,
      )}`,
    );
    expect(mine.body.data.map((a: { id: string }) => a.id)).toContain(
      done.body.data.alertId,
    );
    const one = await get(`/v2/alerts/${done.body.data.alertId}`);
    expect(one.body.data).toMatchObject({
      message: 'Checkout is failing',
      integration: { name: 'Default API', type: 'API' },
    });
  });

  it('de-duplicates by alias: a second create with an open alert’s alias raises no new alert', async () => {
    const create = (message: string, alias?: string) =>
      request(app)
        .post('/opsgenie/v2/alerts')
        .set(OG_AUTH)
        .send({
          message,
          alias,
          responders: [{ type: 'team', name: 'payments-team' }],
        })
        .expect(202);
    const created = `/v2/alerts?limit=100&query=${encodeURIComponent(
      `createdAt>=${TEST_NOW.getTime()}`,
    )}`;
    const before = (await get(created)).body.data.length;
    const first = await create('Card auth failing', 'dedup-1');
    const retry = await create('Card auth failing (retry)', 'dedup-1');
    await create('Another problem', 'dedup-2');
    await create('No alias');
    expect(retry.body.requestId).not.toBe(first.body.requestId);
    const alerts = (await get(created)).body.data;
    expect(alerts).toHaveLength(before + 3);
    const folded = alerts.filter(
      (a: { alias: string }) => a.alias === 'dedup-1',
    );
    expect(folded).toEqual([
      expect.objectContaining({ message: 'Card auth failing', count: 2 }),
    ]);
    const status = async (requestId: string) => {
      await get(`/v2/alerts/requests/${requestId}`); // the first poll may be pending
      const res = await get(`/v2/alerts/requests/${requestId}`);
      expect(res.status).toBe(200);
      return res.body.data;
    };
    expect((await status(retry.body.requestId)).alertId).toBe(folded[0].id);
    expect((await status(first.body.requestId)).alertId).toBe(folded[0].id);
  });

  it('validates alerts with 422 and rejects invalid JSON with 400', async () => {
    const long = await request(app)
      .post('/opsgenie/v2/alerts')
      .set(OG_AUTH)
      .send({ message: 'x'.repeat(131) });
    expect(long.status).toBe(422);
    expect(long.body.errors.message).toMatch(/130/);
    expect(
      (await request(app).post('/opsgenie/v2/alerts').set(OG_AUTH).send({}))
        .status,
    ).toBe(422);
    const bad = await request(app)
      .post('/opsgenie/v2/alerts')
      .set(OG_AUTH)
      .set('Content-Type', 'application/json')
      .send('{"message": ');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toBe('Invalid JSON');
    expect((await get('/v2/alerts/requests/unknown')).status).toBe(404);
  });

  it('answers unknown paths with a 404 in Opsgenie shape', async () => {
    const res = await get('/v2/nothing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      message: 'Not found',
      took: expect.any(Number),
      requestId: expect.any(String),
    });
  });
});

describe('Opsgenie fake with bad requests', () => {
  const { app } = testSandbox();
  it('answers undecodable paths and oversized numbers in its own shape, never 500', async () => {
    const path = await request(app)
      .get('/opsgenie/v2/schedules/%E0%A4%A')
      .set(OG_AUTH);
    expect(path.status).toBe(400);
    expect(path.body).toEqual({
      message: 'Bad request',
      took: expect.any(Number),
      requestId: expect.any(String),
    });
    expect(
      (
        await request(app)
          .get('/opsgenie/v2/users?offset=99999999999999999999')
          .set(OG_AUTH)
      ).status,
    ).toBe(422);
  });
});
