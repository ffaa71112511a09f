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
