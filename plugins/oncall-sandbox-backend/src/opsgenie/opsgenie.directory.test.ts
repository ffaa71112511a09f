import request from 'supertest';
import { OG_AUTH, testSandbox } from '../__testUtils__/sandbox';

describe('Opsgenie fake', () => {
  const { app, org } = testSandbox();
  const get = (path: string) =>
    request(app).get(`/opsgenie${path}`).set(OG_AUTH);

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
});
