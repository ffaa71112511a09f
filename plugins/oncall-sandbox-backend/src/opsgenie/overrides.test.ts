import request from 'supertest';
import { OG_AUTH, TEST_NOW, testSandbox } from '../__testUtils__/sandbox';
import { HOUR } from '../org/time';

describe('Opsgenie fake: schedule overrides', () => {
  const { app, org } = testSandbox();
  const schedule = org.schedules.find(s => s.name === 'payments_schedule')!;
  const base = `/opsgenie/v2/schedules/${schedule.id}/overrides`;
  const post = (body: unknown, path = base) =>
    request(app)
      .post(path)
      .set(OG_AUTH)
      .send(body as object);
  const at = (hours: number) =>
    new Date(TEST_NOW.getTime() + hours * HOUR).toISOString();
  const onCallAt = async (iso: string) =>
    (
      await request(app)
        .get(
          `/opsgenie/v2/schedules/${
            schedule.id
          }/on-calls?flat=true&date=${encodeURIComponent(iso)}`,
        )
        .set(OG_AUTH)
    ).body.data.onCallRecipients as string[];
  const stranger = org.users.find(
    u => !schedule.rotations.some(r => r.participants.some(p => p.id === u.id)),
  )!;

  it('creates an override that puts its user on call in its window, then deletes it', async () => {
    expect(await onCallAt(at(3))).not.toContain(stranger.email);
    const created = await post({
      alias: 'cover-payments',
      user: { type: 'user', username: stranger.email },
      startDate: at(2),
      endDate: at(4),
      rotations: [{ name: 'primary' }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      result: 'Created',
      data: { alias: 'cover-payments' },
      requestId: expect.any(String),
    });
    expect(await onCallAt(at(3))).toContain(stranger.email);
    expect(await onCallAt(at(5))).not.toContain(stranger.email);

    const listed = await request(app).get(base).set(OG_AUTH);
    expect(listed.body.data).toContainEqual(
      expect.objectContaining({
        alias: 'cover-payments',
        user: { type: 'user', id: stranger.id, username: stranger.email },
        startDate: at(2),
        rotations: [
          { id: schedule.rotations[0].id, name: schedule.rotations[0].name },
        ],
      }),
    );

    const deleted = await request(app)
      .delete(`${base}/cover-payments`)
      .set(OG_AUTH);
    expect(deleted.status).toBe(200);
    expect(deleted.body.result).toBe('Deleted');
    expect(await onCallAt(at(3))).not.toContain(stranger.email);
    expect(
      (await request(app).delete(`${base}/cover-payments`).set(OG_AUTH)).status,
    ).toBe(404);
  });

  it('applies to every rotation when none is named, and names one when no alias is given', async () => {
    const created = await post({
      user: { type: 'user', id: stranger.id },
      startDate: at(10),
      endDate: at(11),
    });
    expect(created.status).toBe(201);
    const override = schedule.overrides.find(
      o => o.alias === created.body.data.alias,
    )!;
    expect(override.rotationIds).toEqual(schedule.rotations.map(r => r.id));
    await request(app)
      .delete(`${base}/${created.body.data.alias}`)
      .set(OG_AUTH);
  });

  it('answers bad input with 422 naming the field, and keeps the schedule as it was', async () => {
    const before = schedule.overrides.length;
    const cases: Array<[unknown, string]> = [
      [{ user: { type: 'user' }, startDate: at(1), endDate: at(2) }, 'user'],
      [
        {
          user: { type: 'user', username: 'nobody@example.com' },
          startDate: at(1),
          endDate: at(2),
        },
        'user',
      ],
      [
        {
          user: { type: 'user', id: stranger.id },
          startDate: 'tomorrow',
          endDate: at(2),
        },
        'startDate',
      ],
      [
        {
          user: { type: 'user', id: stranger.id },
          startDate: at(2),
          endDate: at(1),
        },
        'endDate',
      ],
      [
        {
          user: { type: 'user', id: stranger.id },
          startDate: at(1),
          endDate: at(2),
          rotations: [{ name: 'tertiary' }],
        },
        'rotations',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await post(body);
      expect(res.status).toBe(422);
      expect(Object.keys(res.body.errors)).toContain(field);
    }
    expect(schedule.overrides).toHaveLength(before);
    const unknown = await post(
      {
        user: { type: 'user', id: stranger.id },
        startDate: at(1),
        endDate: at(2),
      },
      '/opsgenie/v2/schedules/no-such-schedule/overrides',
    );
    expect(unknown.status).toBe(403);
  });

  it('needs the GenieKey', async () => {
    const res = await request(app).post(base).send({});
    expect(res.status).toBe(401);
  });
});
