import {
  createServiceFactory,
  coreServices,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  OnCallSummary,
  Rotation,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { CoverageGroup } from '@oncall-for-backstage/plugin-oncall-common';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import { oncallPlugin } from '../plugin';
import { demoEntities } from './__testUtils__/demoEntities';

jest.setTimeout(60_000);

const apiKey = SANDBOX_DEFAULT_KEYS.opsgenie;

/** A logger that keeps every line (message and metadata) so tests can search them. */
function captureLogger(lines: string[]): LoggerService {
  const make = (fields: object): LoggerService => {
    const log = (level: string) => (message: string, meta?: Error | object) => {
      lines.push(
        JSON.stringify({
          level,
          message,
          fields,
          meta: meta instanceof Error ? String(meta) : meta,
        }),
      );
    };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => make({ ...fields, ...more }),
    };
  };
  return make({});
}

/** Components that carry their own on-call annotations (pinned schedule, explicit team). */
const annotatedComponents: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'weekend-batch',
      namespace: 'default',
      annotations: { 'opsgenie.com/schedule': 'checkout_weekend' },
    },
    spec: { type: 'service', owner: 'growth', lifecycle: 'production' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'status-checker',
      namespace: 'default',
      annotations: { 'opsgenie.com/team': 'sre' },
    },
    spec: { type: 'service', owner: 'growth', lifecycle: 'production' },
  },
];

describe('on-call routes against the sandbox', () => {
  let sandbox: RunningSandbox;
  const logLines: string[] = [];
  const auditor = mockServices.auditor.mock();
  const scheduler = mockServices.scheduler.mock();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  async function startBackend(
    options: { permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY } = {},
  ) {
    const backend = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: [...demoEntities(sandbox.org), ...annotatedComponents],
        }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              opsgenie: {
                baseUrl: `${sandbox.url}/opsgenie`,
                apiKey,
                webUrl: 'https://example.app.opsgenie.com',
              },
              incidentCommander: { schedule: 'sre_ic_schedule' },
              teamMappings: [
                { group: 'group:default/discovery', team: 'discovery-ops' },
              ],
              refresh: {
                onCall: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
              },
              vendorTimeoutMs: 1000,
            },
          },
        }),
        mockServices.permissions.factory({
          result: options.permission ?? AuthorizeResult.ALLOW,
        }),
        auditor.factory,
        createServiceFactory({
          service: coreServices.logger,
          deps: {},
          factory: () => captureLogger(logLines),
        }),
        scheduler.factory,
      ],
    });
    return backend.server;
  }

  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0 });
    server = await startBackend();
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
  });

  const onCall = (path: string) =>
    request(server).get(`/api/oncall/entities/${path}/on-call`).expect(200);

  /** Usernames on call at `at` per the sandbox's own who-is-on-call API. */
  async function vendorOnCall(
    scheduleId: string,
    at: string,
  ): Promise<string[]> {
    const res = await request(sandbox.url)
      .get(`/opsgenie/v2/schedules/${scheduleId}/on-calls`)
      .query({ flat: 'true', date: at })
      .set('Authorization', `GenieKey ${apiKey}`)
      .expect(200);
    return [...res.body.data.onCallRecipients].sort();
  }

  /** Usernames on call at `at` in one named rotation, per the sandbox's timeline API. */
  async function vendorRotation(
    scheduleId: string,
    rotation: string,
    at: string,
  ): Promise<string[]> {
    const res = await request(sandbox.url)
      .get(`/opsgenie/v2/schedules/${scheduleId}/timeline`)
      .query({
        date: new Date(Date.parse(at) - 3_600_000).toISOString(),
        interval: 1,
        intervalUnit: 'days',
      })
      .set('Authorization', `GenieKey ${apiKey}`)
      .expect(200);
    const t = Date.parse(at);
    return res.body.data.finalTimeline.rotations
      .filter((r: { name: string }) => r.name === rotation)
      .flatMap(
        (r: {
          periods: Array<{
            startDate: string;
            endDate: string;
            recipient: { name: string };
          }>;
        }) =>
          r.periods
            .filter(
              p => Date.parse(p.startDate) <= t && t < Date.parse(p.endDate),
            )
            .map(p => p.recipient.name),
      )
      .sort();
  }

  const emails = (rotation: Rotation, role: string) =>
    rotation.levels
      .filter(l => l.role === role)
      .flatMap(l => l.responders.map(r => r.email ?? ''))
      .sort();

  it('payments-api: annotation on the owner, primary → secondary → whole team, as Opsgenie says', async () => {
    const res = await onCall('component/default/payments-api');
    const body: OnCallSummary = res.body;
    expect(body.resolution).toMatchObject({
      via: 'owner',
      groupRef: 'group:default/payments',
      team: 'payments-team',
      path: ['group:default/payments'],
    });
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
    const team = sandbox.org.teams.find(t => t.name === 'payments-team')!;
    const members = team.members
      .map(m => sandbox.org.users.find(u => u.id === m.userId)!.email)
      .sort();
    expect(emails(rotation, 'team')).toEqual(members);
    const primary = rotation.levels[0].responders[0];
    const user = sandbox.org.users.find(u => u.email === primary.email)!;
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
    const body: OnCallSummary = (await onCall('component/default/checkout-api'))
      .body;
    expect(body.resolution).toMatchObject({
      via: 'name',
      team: 'checkout',
      groupRef: 'group:default/checkout',
    });
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
    const body: OnCallSummary = (
      await onCall('component/default/storefront-web')
    ).body;
    expect(body.resolution).toMatchObject({
      via: 'parent',
      groupRef: 'group:default/commerce',
      team: 'commerce',
      path: ['group:default/storefront', 'group:default/commerce'],
    });
    expect(body.rotations.map(r => r.schedule.name)).toEqual([
      'commerce_schedule',
    ]);
    const at = new Date().toISOString();
    expect(emails(body.rotations[0], 'primary')).toEqual(
      await vendorOnCall(body.rotations[0].schedule.id, at),
    );
  });

  it('search-api: mapped by config, shows the override in progress', async () => {
    const body: OnCallSummary = (await onCall('component/default/search-api'))
      .body;
    expect(body.resolution).toMatchObject({
      via: 'config',
      team: 'discovery-ops',
      groupRef: 'group:default/discovery',
    });
    const [rotation] = body.rotations;
    expect(rotation.schedule.name).toBe('discovery-ops_schedule');
    const schedule = sandbox.org.schedules.find(
      s => s.name === 'discovery-ops_schedule',
    )!;
    const cover = sandbox.org.users.find(
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
    const body: OnCallSummary = (
      await onCall('component/default/newsletter-service')
    ).body;
    expect(body.rotations).toEqual([]);
    expect(body.notConfigured).toEqual({
      reason: expect.stringContaining(
        'group:default/growth → group:default/engineering',
      ),
      annotation: 'opsgenie.com/team: growth',
    });
    expect(body.incidentCommander?.schedule.name).toBe('sre_ic_schedule');
  });

  it('every summary names the Incident Commander from the SRE schedule', async () => {
    const body: OnCallSummary = (await onCall('api/default/payments')).body;
    const ic = body.incidentCommander!;
    expect(ic.schedule.name).toBe('sre_ic_schedule');
    expect(ic.levels).toHaveLength(1);
    expect(ic.levels[0].responders).toHaveLength(1);
    const sreEmails = sandbox.org.users
      .filter(u => u.group === 'sre')
      .map(u => u.email);
    expect(sreEmails).toContain(ic.levels[0].responders[0].email);
    expect(emails(ic, 'primary')).toEqual(
      await vendorOnCall(ic.schedule.id, new Date().toISOString()),
    );
  });

  it('honours the entity’s own annotations: a pinned schedule, an explicit team', async () => {
    const pinned: OnCallSummary = (
      await onCall('component/default/weekend-batch')
    ).body;
    expect(pinned.resolution).toMatchObject({
      via: 'annotation',
      schedules: ['checkout_weekend'],
      team: 'checkout',
    });
    expect(pinned.rotations.map(r => r.schedule.name)).toEqual([
      'checkout_weekend',
    ]);
    expect(pinned.rotations[0].levels.map(l => l.role)).toEqual([
      'primary',
      'team',
    ]);
    const explicit: OnCallSummary = (
      await onCall('component/default/status-checker')
    ).body;
    expect(explicit.resolution).toMatchObject({
      via: 'annotation',
      team: 'sre',
      path: [],
    });
    expect(explicit.rotations.map(r => r.schedule.name)).toEqual([
      'sre_ic_schedule',
    ]);
  });

  it('answers for a Group, a System and a User too', async () => {
    const group: OnCallSummary = (await onCall('group/default/payments')).body;
    expect(group.resolution).toMatchObject({
      via: 'annotation',
      team: 'payments-team',
    });
    const system: OnCallSummary = (await onCall('system/default/discovery'))
      .body;
    expect(system.resolution).toMatchObject({
      via: 'config',
      team: 'discovery-ops',
    });
    const user: OnCallSummary = (await onCall('user/default/guest')).body;
    expect(user.resolution).toMatchObject({ team: 'data-platform' });
  });

  it('GET /me/on-call: the guest is on call now as secondary for data-platform', async () => {
    const res = await request(server)
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
    const res = await request(server)
      .get('/api/oncall/me/on-call')
      .set('Authorization', mockCredentials.user.header('user:default/nobody'))
      .expect(200);
    expect(res.body).toMatchObject({
      onCallNow: [],
      upcoming: [],
      notice: expect.stringContaining('not in the catalog'),
    });
  });

  it('GET /coverage lists Components and Groups as mapped, inherited, by-name or missing', async () => {
    const res = await request(server).get('/api/oncall/coverage').expect(200);
    const byRef = new Map(
      res.body.items.map((i: { entityRef: string }) => [i.entityRef, i]),
    );
    expect(byRef.get('component:default/payments-api')).toMatchObject({
      state: 'mapped',
      team: 'payments-team',
    });
    expect(byRef.get('component:default/checkout-api')).toMatchObject({
      state: 'by-name',
      team: 'checkout',
    });
    expect(byRef.get('component:default/storefront-web')).toMatchObject({
      state: 'inherited',
      team: 'commerce',
    });
    expect(byRef.get('component:default/search-api')).toMatchObject({
      state: 'mapped',
      team: 'discovery-ops',
    });
    expect(byRef.get('component:default/newsletter-service')).toMatchObject({
      state: 'missing',
      fix: expect.stringContaining('opsgenie.com/team: growth'),
    });
    expect(byRef.get('group:default/growth')).toMatchObject({
      state: 'missing',
    });
    expect(byRef.has('user:default/guest')).toBe(false);
    expect(res.body.summary.missing).toBeGreaterThan(0);
    expect(res.body.freshness).toMatchObject({ stale: false });
  });

  it('GET /coverage lists every Group with its services, provider, rotations, how resolved and the migration tracker', async () => {
    pinDate('2026-11-30T09:00:00Z');
    try {
      const res = await request(server).get('/api/oncall/coverage').expect(200);
      const groups = new Map<string, CoverageGroup>(
        res.body.groups.map((g: CoverageGroup) => [g.entityRef, g]),
      );
      expect(groups.get('group:default/payments')).toMatchObject({
        state: 'mapped',
        via: 'annotation',
        provider: { providerId: 'opsgenie', provider: 'opsgenie' },
        rotations: [
          {
            name: 'payments_schedule',
            source: { providerId: 'opsgenie', provider: 'opsgenie' },
          },
        ],
      });
      expect(
        groups
          .get('group:default/payments')
          ?.services.map(service => service.entityRef),
      ).toContain('component:default/payments-api');
      expect(
        groups
          .get('group:default/payments')
          ?.services.find(
            service => service.entityRef === 'component:default/payments-api',
          ),
      ).toMatchObject({
        via: 'owner',
        provider: { provider: 'opsgenie' },
      });
      expect(groups.get('group:default/growth')).toMatchObject({
        state: 'missing',
        yaml: expect.stringContaining('opsgenie.com/team: growth'),
      });
      const teams = [...groups.values()];
      const resolved = teams.filter(
        g => g.state !== 'missing' && g.state !== 'broken',
      );
      expect(res.body.migration).toEqual({
        byProvider: [
          {
            providerId: 'opsgenie',
            provider: 'opsgenie',
            teams: resolved.length,
          },
        ],
        teams: resolved.length,
        teamsOffOpsgenie: 0,
        ambiguous: 0,
        missing: teams.length - resolved.length,
        opsgenieEndDate: '2027-04-05',
        daysLeft: 126,
      });
    } finally {
      jest.useRealTimers();
    }
  });

  it('POST pages: creates an Opsgenie alert for the resolved team and audits it', async () => {
    const res = await request(server)
      .post('/api/oncall/entities/component/default/payments-api/pages')
      .set('Authorization', mockCredentials.user.header('user:default/guest'))
      .send({
        message: 'Payments are failing',
        priority: 'P1',
        description: 'Card auth 500s',
      })
      .expect(202);
    expect(res.body).toMatchObject({
      requestId: expect.any(String),
      team: 'payments-team',
    });
    expect(res.body.alertId).toBeDefined();
    const alert = sandbox.state.alerts
      .list()
      .find(a => a.message === 'Payments are failing');
    expect(alert?.responders).toEqual([
      expect.objectContaining({ type: 'team', name: 'payments-team' }),
    ]);
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'oncall-page',
        meta: expect.objectContaining({
          entityRef: 'component:default/payments-api',
          priority: 'P1',
        }),
      }),
    );
  });

  it('POST pages for an entity without a rotation is a 409, not a page', async () => {
    const res = await request(server)
      .post('/api/oncall/entities/component/default/newsletter-service/pages')
      .send({ message: 'Newsletter is down' })
      .expect(409);
    expect(res.body.error.message).toContain(
      'component:default/newsletter-service',
    );
    expect(
      sandbox.state.alerts.list().some(a => a.message === 'Newsletter is down'),
    ).toBe(false);
  });

  it('rejects bad input with 400 naming the field', async () => {
    const bad = async (path: string, field: RegExp) => {
      const res = await request(server)
        .get(`/api/oncall/entities/${path}/on-call`)
        .expect(400);
      expect(res.body.error.message).toMatch(field);
    };
    await bad('location/default/x', /kind/);
    await bad('component/default/bad%20name', /name/);
    await bad('component/b%24d/x', /namespace/);
    const post = (body: unknown) =>
      request(server)
        .post('/api/oncall/entities/component/default/payments-api/pages')
        .send(body as object);
    expect((await post({}).expect(400)).body.error.message).toMatch(/message/);
    expect(
      (await post({ message: 'x'.repeat(131) }).expect(400)).body.error.message,
    ).toMatch(/message/);
    expect(
      (await post({ message: 'ok', priority: 'P9' }).expect(400)).body.error
        .message,
    ).toMatch(/priority/);
    expect(
      (await post({ message: 'ok', description: 42 }).expect(400)).body.error
        .message,
    ).toMatch(/description/);
    expect(
      (await post({ message: 'ok', extra: true }).expect(400)).body.error
        .message,
    ).toMatch(/extra/);
    await request(server)
      .post('/api/oncall/entities/component/default/payments-api/pages')
      .set('Content-Type', 'application/json')
      .send('{"message":')
      .expect(400);
    const huge = await post({ message: 'ok', description: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
  });

  it('404 for an entity that does not exist', async () => {
    await request(server)
      .get('/api/oncall/entities/component/default/no-such-thing/on-call')
      .expect(404);
    await request(server)
      .post('/api/oncall/entities/component/default/no-such-thing/pages')
      .send({ message: 'hello' })
      .expect(404);
  });

  it('401 without credentials on every route but /health', async () => {
    for (const path of [
      '/api/oncall/entities/component/default/payments-api/on-call',
      '/api/oncall/me/on-call',
      '/api/oncall/coverage',
      '/api/oncall/collate/rotations',
    ]) {
      await request(server)
        .get(path)
        .set('Authorization', mockCredentials.none.header())
        .expect(401);
    }
    await request(server)
      .get('/api/oncall/health')
      .set('Authorization', mockCredentials.none.header())
      .expect(200);
  });

  it('collate/rotations is for services only and pages through every schedule', async () => {
    await request(server).get('/api/oncall/collate/rotations').expect(403);
    const first = await request(server)
      .get('/api/oncall/collate/rotations?limit=3')
      .set('Authorization', mockCredentials.service.header())
      .expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toBeDefined();
    const all = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await request(server)
        .get('/api/oncall/collate/rotations')
        .query({ cursor, limit: 3 })
        .set('Authorization', mockCredentials.service.header())
        .expect(200);
      all.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    const payments = all.find(i => i.schedule.name === 'payments_schedule');
    expect(payments).toMatchObject({
      entityRef: 'group:default/payments',
      team: 'payments-team',
    });
    expect(payments.responders.primary).toHaveLength(1);
    expect(payments.responders.secondary).toHaveLength(1);
    expect(all.map(i => i.schedule.name)).toContain('discovery-ops_schedule');

    // what each rotation is on call for, resolved as the entities' On-call tabs resolve it
    const coverage = (schedule: string): string[] =>
      all.find(i => i.schedule.name === schedule)?.entityRefs;
    expect(coverage('payments_schedule')).toEqual([
      'api:default/payments',
      'component:default/fraud-detector',
      'component:default/payment-gateway',
      'component:default/payments-api',
      'group:default/payments',
    ]);
    // storefront has no team of its own: it inherits commerce's through spec.parent
    expect(coverage('commerce_schedule')).toEqual(
      expect.arrayContaining([
        'group:default/commerce',
        'group:default/storefront',
        'component:default/storefront-web',
        'system:default/commerce-platform',
      ]),
    );
    expect(coverage('commerce_schedule')).not.toContain(
      'component:default/payments-api',
    );
    // product-catalog names its own team (kept on New York time) by annotation
    expect(coverage('commerce_schedule')).not.toContain(
      'component:default/product-catalog',
    );
    expect(coverage('storefront-us_schedule')).toContain(
      'component:default/product-catalog',
    );
    // discovery maps to discovery-ops through oncall.teamMappings
    expect(coverage('discovery-ops_schedule')).toContain(
      'component:default/search-api',
    );
    // a schedule pinned by annotation covers only its pinned entities
    expect(coverage('checkout_weekend')).toContain(
      'component:default/weekend-batch',
    );
    expect(coverage('checkout_weekday')).not.toContain(
      'component:default/weekend-batch',
    );
    expect(coverage('checkout_weekday')).toContain(
      'component:default/checkout-api',
    );
    expect(coverage('sre_ic_schedule')).toContain(
      'component:default/status-checker',
    );
    // a Group with no mapping up its chain is on no rotation
    expect(all.flatMap(i => i.entityRefs)).not.toContain(
      'component:default/newsletter-service',
    );
    await request(server)
      .get('/api/oncall/collate/rotations?limit=0')
      .set('Authorization', mockCredentials.service.header())
      .expect(400);
  });

  it('keeps answering 200 from the store, stale with the last error, while Opsgenie fails', async () => {
    const before: OnCallSummary = (
      await onCall('component/default/payments-api')
    ).body;
    await request(sandbox.url)
      .put('/__sandbox/faults/opsgenie')
      .send({ mode: 'error' })
      .expect(200);
    const task = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'oncall-sync-on-call',
    )?.[0];
    expect(task).toBeDefined();
    await task!.fn(new AbortController().signal);
    const after: OnCallSummary = (
      await onCall('component/default/payments-api')
    ).body;
    expect(after.rotations).toEqual(before.rotations);
    expect(after.freshness.stale).toBe(true);
    expect(after.freshness.sources[0]).toMatchObject({
      source: 'opsgenie',
      stale: true,
      lastError: {
        message: expect.stringContaining('opsgenie'),
        at: expect.any(String),
      },
    });
    expect(JSON.stringify(after)).not.toContain(apiKey);
  });

  it('never puts the Opsgenie key in a response or a log line', async () => {
    const bodies = await Promise.all([
      onCall('component/default/payments-api'),
      request(server).get('/api/oncall/coverage'),
      request(server)
        .get('/api/oncall/collate/rotations')
        .set('Authorization', mockCredentials.service.header()),
    ]);
    for (const res of bodies) {
      expect(JSON.stringify(res.body)).not.toContain(apiKey);
    }
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join('\n')).not.toContain(apiKey);
  });
});

describe('paging without permission', () => {
  it('answers 403 and creates no alert', async () => {
    const deny: { result: AuthorizeResult.DENY } = {
      result: AuthorizeResult.DENY,
    };
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => deny),
    });
    const sandbox = await startSandboxServer({ port: 0 });
    try {
      const { server } = await startTestBackend({
        features: [
          oncallPlugin,
          catalogServiceMock.factory({ entities: demoEntities(sandbox.org) }),
          mockServices.rootConfig.factory({
            data: {
              oncall: {
                opsgenie: { baseUrl: `${sandbox.url}/opsgenie`, apiKey },
              },
            },
          }),
          permissions.factory,
          mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        ],
      });
      await request(server)
        .post('/api/oncall/entities/component/default/payments-api/pages')
        .send({ message: 'hello' })
        .expect(403);
      expect(sandbox.state.alerts.list()).toEqual([]);
      // the decision is asked for this entity, so a policy can allow paging per entity
      expect(permissions.authorize).toHaveBeenCalledWith(
        [
          {
            permission: expect.objectContaining({ name: 'oncall.page.create' }),
            resourceRef: 'component:default/payments-api',
          },
        ],
        expect.anything(),
      );
    } finally {
      await sandbox.close();
    }
  });
});
