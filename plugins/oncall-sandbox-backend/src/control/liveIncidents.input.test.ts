import request from 'supertest';
import { createSandbox } from '../app';
import { TEST_NOW } from '../__testUtils__/sandbox';
import { SANDBOX_DEFAULT_KEYS } from '../options';
import { startSandboxServer } from '../server';
import { liveSandbox } from '../__testUtils__/liveSandbox';

describe('live demo incidents through the control API', () => {
  it.each([
    [{}, 'title: Required'],
    [
      { title: ' ', severity: 'SEV1', services: ['checkout-api'] },
      'title: must not be empty',
    ],
    [
      { title: 'x'.repeat(201), severity: 'SEV1', services: ['checkout-api'] },
      'title: must be at most 200',
    ],
    [
      { title: 'T', severity: 'SEV4', services: ['checkout-api'] },
      'severity: must be one of SEV0, SEV1, SEV2, SEV3',
    ],
    [
      { title: 'T', severity: 'sev1', services: ['checkout-api'] },
      'severity: must be one of',
    ],
    [
      { title: 'T', severity: 1, services: ['checkout-api'] },
      'severity: Expected string',
    ],
    [{ title: 'T', severity: 'SEV1' }, 'services: Required'],
    [
      { title: 'T', severity: 'SEV1', services: [] },
      'services: name at least one',
    ],
    [
      { title: 'T', severity: 'SEV1', services: 'checkout-api' },
      'services: Expected array',
    ],
    [
      { title: 'T', severity: 'SEV1', services: ['checkout-api', 'nope'] },
      "services.1: no Component or API named 'nope'",
    ],
    [
      {
        title: 'T',
        severity: 'SEV1',
        services: ['checkout-api'],
        status: 'resolved',
      },
      "body: Unrecognized key(s) in object: 'status'",
    ],
    [[], 'body: Expected object'],
  ])('refuses to open %j with 400 naming the field', async (body, message) => {
    const { org, open } = liveSandbox();
    const count = org.incidents.length;
    const res = await open(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      name: 'InputError',
      message: expect.stringContaining(message),
    });
    expect(org.incidents).toHaveLength(count);
  });

  it.each([
    [{}, 'body: give at least one of status, severity, title'],
    [
      { status: 'closed' },
      'status: must be one of investigating, identified, monitoring, resolved',
    ],
    [{ status: 'RESOLVED' }, 'status: must be one of'],
    [{ severity: 'P1' }, 'severity: must be one of SEV0'],
    [{ title: '' }, 'title: must not be empty'],
    [
      { services: ['cart-service'] },
      "body: Unrecognized key(s) in object: 'services'",
    ],
  ])(
    'refuses the change %j with 400 naming the field',
    async (body, message) => {
      const { org, patch } = liveSandbox();
      const incident = org.incidents[0];
      const before = { ...incident };
      const res = await patch(incident.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toContain(message);
      expect(incident).toEqual(before);
    },
  );

  it('follows the control routes’ access rules', async () => {
    const { app, org } = liveSandbox({ controlKey: 'control-test-key' });
    const count = org.incidents.length;
    const body = { title: 'T', severity: 'SEV2', services: ['cart-service'] };
    for (const key of [undefined, 'wrong']) {
      const post = request(app).post('/__sandbox/incidents');
      const res = await (key
        ? post.set('X-Sandbox-Control-Key', key)
        : post
      ).send(body);
      expect(res.status).toBe(403);
      const change = await request(app)
        .patch(`/__sandbox/incidents/${org.incidents[0].id}`)
        .send({ status: 'resolved' });
      expect(change.status).toBe(403);
    }
    expect(org.incidents).toHaveLength(count);
    await request(app)
      .post('/__sandbox/incidents')
      .set('X-Sandbox-Control-Key', 'control-test-key')
      .send(body)
      .expect(201);
    const closed = createSandbox({
      seed: 42,
      now: () => TEST_NOW,
      keys: SANDBOX_DEFAULT_KEYS,
      control: false,
    });
    expect(
      (await request(closed.app).post('/__sandbox/incidents').send(body))
        .status,
    ).toBe(404);
  });

  it('works in the standalone sandbox', async () => {
    const server = await startSandboxServer({ now: () => TEST_NOW });
    try {
      const opened = await fetch(`${server.url}/__sandbox/incidents`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          title: 'Warehouse queries failing',
          severity: 'SEV2',
          services: ['reporting-api'],
        }),
      });
      expect(opened.status).toBe(201);
      const { id } = await opened.json();
      const changed = await fetch(`${server.url}/__sandbox/incidents/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'resolved' }),
      });
      expect((await changed.json()).status).toBe('resolved');
      const token = await (
        await fetch(`${server.url}/blameless/api/v2/identity/token`, {
          method: 'POST',
          headers: { authorization: SANDBOX_DEFAULT_KEYS.blameless },
        })
      ).json();
      const incident = await fetch(
        `${server.url}/blameless/api/v1/incidents/${id}`,
        { headers: { authorization: `Bearer ${token.access_token}` } },
      );
      expect((await incident.json()).incident).toMatchObject({
        _id: id,
        status: 'RESOLVED',
        services: ['reporting-api'],
      });
    } finally {
      await server.close();
    }
  });
});
