import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  emails,
  useOncallRouterBackend,
} from '../__testUtils__/oncallRouterBackend';

describe('on-call routes against the sandbox', () => {
  const backend = useOncallRouterBackend();
  const { summary, vendorOnCall, vendorRotation } = backend;

  it('payments-api: annotation on the owner, primary → secondary → whole team, as Opsgenie says', async () => {
    const body = await summary('component/default/payments-api');
    expect(body.rotations).toHaveLength(1);
    const [rotation] = body.rotations;
    expect(rotation.schedule.name).toBe('payments_schedule');
    expect(rotation.levels.map(l => [l.role, l.afterMinutes])).toEqual([
      ['primary', 0],
      ['secondary', 10],
      ['team', 20],
    ]);
    const at = new Date().toISOString();
    expect(emails(rotation, 'primary')).toEqual(
      await vendorRotation(rotation.schedule.id, 'primary', at),
    );
    expect(emails(rotation, 'secondary')).toEqual(
      await vendorRotation(rotation.schedule.id, 'secondary', at),
    );
    expect(
      [
        ...new Set([
          ...emails(rotation, 'primary'),
          ...emails(rotation, 'secondary'),
        ]),
      ].sort(),
    ).toEqual(await vendorOnCall(rotation.schedule.id, at));
    const team = backend.sandbox.org.teams.find(
      t => t.name === 'payments-team',
    )!;
    const members = team.members
      .map(m => backend.sandbox.org.users.find(u => u.id === m.userId)!.email)
      .sort();
    expect(emails(rotation, 'team')).toEqual(members);
    const primary = rotation.levels[0].responders[0];
    const user = backend.sandbox.org.users.find(
      u => u.email === primary.email,
    )!;
    expect(primary.name).toBe(user.fullName);
    expect(Date.parse(primary.shiftEnd!)).toBeGreaterThan(Date.now());
    expect(rotation.nextHandoff).toBeDefined();
    expect(rotation.upcoming.length).toBeGreaterThan(1);
    expect(rotation.schedule.url).toContain(
      'https://example.app.opsgenie.com/',
    );
    expect(body.freshness.stale).toBe(false);
    expect(body.freshness.asOf).toBeDefined();
  });

  it('checkout-api: mapped by name, weekday and weekend schedules, primary → whole team after 15 min', async () => {
    const body = await summary('component/default/checkout-api');
    expect(body.rotations.map(r => r.schedule.name).sort()).toEqual([
      'checkout_weekday',
      'checkout_weekend',
    ]);
    const at = new Date().toISOString();
    let onCallNow = 0;
    for (const rotation of body.rotations) {
      expect(rotation.levels.map(l => [l.role, l.afterMinutes])).toEqual([
        ['primary', 0],
        ['team', 15],
      ]);
      expect(emails(rotation, 'primary')).toEqual(
        await vendorOnCall(rotation.schedule.id, at),
      );
      onCallNow += rotation.levels[0].responders.length;
    }
    expect(onCallNow).toBe(1);
  });

  it('storefront-web: inherits the commerce rotation from its parent Group', async () => {
    const body = await summary('component/default/storefront-web');
    expect(body.rotations.map(r => r.schedule.name)).toEqual([
      'commerce_schedule',
    ]);
    const at = new Date().toISOString();
    expect(emails(body.rotations[0], 'primary')).toEqual(
      await vendorOnCall(body.rotations[0].schedule.id, at),
    );
  });

  it('search-api: mapped by config, shows the override in progress', async () => {
    const body = await summary('component/default/search-api');
    const [rotation] = body.rotations;
    expect(rotation.schedule.name).toBe('discovery-ops_schedule');
    const schedule = backend.sandbox.org.schedules.find(
      s => s.name === 'discovery-ops_schedule',
    )!;
    const cover = backend.sandbox.org.users.find(
      u => u.id === schedule.overrides[0].userId,
    )!;
    expect(emails(rotation, 'primary')).toEqual([cover.email]);
    expect(rotation.levels[0].responders[0].shiftEnd).toBe(
      new Date(schedule.overrides[0].endDate).toISOString(),
    );
    expect(emails(rotation, 'primary')).toEqual(
      await vendorOnCall(rotation.schedule.id, new Date().toISOString()),
    );
  });

  it('newsletter-service: not configured, with the annotation to add', async () => {
    const body = await summary('component/default/newsletter-service');
    expect(body.rotations).toEqual([]);
    expect(body.notConfigured).toEqual({
      reason: expect.stringContaining(
        'group:default/growth → group:default/engineering',
      ),
      annotation: { key: 'opsgenie.com/team', value: 'growth' },
    });
    expect(body.incidentCommander?.schedule.name).toBe('sre_ic_schedule');
  });

  it('every summary names the Incident Commander from the SRE schedule', async () => {
    const body = await summary('api/default/payments');
    const ic = body.incidentCommander!;
    expect(ic.schedule.name).toBe('sre_ic_schedule');
    expect(ic.levels).toHaveLength(1);
    expect(ic.levels[0].responders).toHaveLength(1);
    const sreEmails = backend.sandbox.org.users
      .filter(u => u.group === 'sre')
      .map(u => u.email);
    expect(sreEmails).toContain(ic.levels[0].responders[0].email);
    expect(emails(ic, 'primary')).toEqual(
      await vendorOnCall(ic.schedule.id, new Date().toISOString()),
    );
  });

  it('honours the entity’s own annotations: a pinned schedule, an explicit team', async () => {
    const pinned = await summary('component/default/weekend-batch');
    expect(pinned.rotations.map(r => r.schedule.name)).toEqual([
      'checkout_weekend',
    ]);
    expect(pinned.rotations[0].levels.map(l => l.role)).toEqual([
      'primary',
      'team',
    ]);
    const explicit = await summary('component/default/status-checker');
    expect(explicit.rotations.map(r => r.schedule.name)).toEqual([
      'sre_ic_schedule',
    ]);
  });

  // how each entity's team was found: its owner, its name, its parent Group, the config, its
  // own annotations; a Group, a System and a User answer too
  it.each([
    [
      'component/default/payments-api',
      {
        via: 'owner',
        groupRef: 'group:default/payments',
        team: 'payments-team',
        path: ['group:default/payments'],
      },
    ],
    [
      'component/default/checkout-api',
      { via: 'name', team: 'checkout', groupRef: 'group:default/checkout' },
    ],
    [
      'component/default/storefront-web',
      {
        via: 'parent',
        groupRef: 'group:default/commerce',
        team: 'commerce',
        path: ['group:default/storefront', 'group:default/commerce'],
      },
    ],
    [
      'component/default/search-api',
      {
        via: 'config',
        team: 'discovery-ops',
        groupRef: 'group:default/discovery',
      },
    ],
    [
      'component/default/weekend-batch',
      { via: 'annotation', schedules: ['checkout_weekend'], team: 'checkout' },
    ],
    [
      'component/default/status-checker',
      { via: 'annotation', team: 'sre', path: [] },
    ],
    ['group/default/payments', { via: 'annotation', team: 'payments-team' }],
    ['system/default/discovery', { via: 'config', team: 'discovery-ops' }],
    ['user/default/guest', { team: 'data-platform' }],
  ])('resolves %s to its team', async (path, resolution) => {
    expect((await summary(path)).resolution).toMatchObject(resolution);
  });

  it('GET /me/on-call: the guest is on call now as secondary for data-platform', async () => {
    const res = await request(backend.server)
      .get('/api/oncall/me/on-call')
      .set('Authorization', mockCredentials.user.header('user:default/guest'))
      .expect(200);
    expect(res.body.email).toBe('guest@example.com');
    expect(res.body.onCallNow).toEqual([
      expect.objectContaining({
        role: 'secondary',
        team: 'data-platform',
        schedule: expect.objectContaining({ name: 'data-platform_schedule' }),
      }),
    ]);
    expect(res.body.upcoming.length).toBeGreaterThan(0);
  });

  it('GET /me/on-call explains a user the catalog does not know', async () => {
    const res = await request(backend.server)
      .get('/api/oncall/me/on-call')
      .set('Authorization', mockCredentials.user.header('user:default/nobody'))
      .expect(200);
    expect(res.body).toMatchObject({
      onCallNow: [],
      upcoming: [],
      notice: expect.stringContaining('not in the catalog'),
    });
  });
});
