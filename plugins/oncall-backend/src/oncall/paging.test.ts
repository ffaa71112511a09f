import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  CoverageEntry,
  CoverageReport,
} from '@oncall-for-backstage/plugin-oncall-common';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import {
  RunningSandbox,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { Knex } from 'knex';
import request from 'supertest';
import { oncallPlugin } from '../plugin';
import { demoEntities } from '../__testUtils__/demoEntities';
import { sandboxVendorSections } from '../__testUtils__/startOncallTestBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

/** Sunday 2026-11-29 03:00:05 UTC: the one-hour rate-limit window has 59:55 left. */
const START = Date.parse('2026-11-29T03:00:05Z');

const component = (
  name: string,
  owner: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...(annotations && { annotations }) },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

const group = (name: string, annotations?: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(annotations && { annotations }) },
  spec: { type: 'team', parent: 'engineering', children: [] },
});

/** Mappings that name teams and schedules Opsgenie does not have. */
const brokenEntities: Entity[] = [
  component('ghost-service', 'growth', { 'opsgenie.com/team': 'no-such-team' }),
  group('phantoms', { 'opsgenie.com/team': 'phantom-ops' }),
  component('phantom-api', 'phantoms'),
  group('mapped-nowhere'),
  component('nowhere-api', 'mapped-nowhere'),
  component('pinned-nowhere', 'growth', {
    'opsgenie.com/schedule': 'no_such_schedule',
  }),
];

const user = (name: string) =>
  mockCredentials.user.header(`user:default/${name}`);

describe.each(databases.eachSupportedId())('paging (%s)', databaseId => {
  let sandbox: RunningSandbox;
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  async function startBackend() {
    const backend = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: [...demoEntities(sandbox.org), ...brokenEntities],
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              opsgenie: sandboxVendorSections(sandbox.url).opsgenie,
              teamMappings: [
                { group: 'group:default/discovery', team: 'discovery-ops' },
                { group: 'group:default/mapped-nowhere', team: 'nowhere-ops' },
              ],
              paging: {
                rateLimit: { pages: 3, window: { hours: 1 } },
                vendorConcurrency: 1,
                vendorQueue: 1,
              },
              vendorTimeoutMs: 1000,
            },
          },
        }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    });
    return backend.server;
  }

  const page = (
    path: string,
    options: { as: string; key?: string; message?: string },
  ) => {
    const req = request(server)
      .post(`/api/oncall/entities/${path}/pages`)
      .set('Authorization', user(options.as));
    return (
      options.key === undefined ? req : req.set('Idempotency-Key', options.key)
    ).send({ message: options.message ?? `page from ${options.as}` });
  };

  beforeAll(async () => {
    pinDate(START, { advance: true });
    sandbox = await startSandboxServer({ port: 0 });
    knex = await databases.init(databaseId);
    server = await startBackend();
    // the team list, as the first sync would read it
    await request(server).get('/api/oncall/coverage').expect(200);
  });

  afterAll(async () => {
    await sandbox.close();
    jest.useRealTimers();
  });

  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
  });

  it('a page for a team Opsgenie does not have is a 409 naming the annotation, and raises no alert', async () => {
    const alerts = sandbox.state.alerts.list().length;
    /** The message of the 409 a page for the named Component answers. */
    const refusal = async (name: string, as: string) =>
      (await page(`component/default/${name}`, { as }).expect(409)).body.error
        .message;
    expect(await refusal('ghost-service', 'ruby.scott')).toBe(
      "opsgenie.com/team 'no-such-team' names no Opsgenie team (on component:default/ghost-service); nobody can be paged for component:default/ghost-service.",
    );
    expect(await refusal('phantom-api', 'ruby.scott')).toContain(
      "opsgenie.com/team 'phantom-ops' names no Opsgenie team (on group:default/phantoms)",
    );
    expect(await refusal('nowhere-api', 'leo.green')).toContain(
      "oncall.teamMappings maps group:default/mapped-nowhere to 'nowhere-ops', which names no Opsgenie team",
    );
    expect(await refusal('pinned-nowhere', 'leo.green')).toContain(
      "opsgenie.com/schedule 'no_such_schedule' names no Opsgenie schedule (on component:default/pinned-nowhere)",
    );
    expect(sandbox.state.alerts.list()).toHaveLength(alerts);
  });

  it('GET /coverage lists those entities as broken with the reason, not as mapped', async () => {
    const res = await request(server).get('/api/oncall/coverage').expect(200);
    const body: CoverageReport = res.body;
    const byRef = new Map<string, CoverageEntry>(
      body.items.map(i => [i.entityRef, i]),
    );
    expect(byRef.get('component:default/ghost-service')).toMatchObject({
      entityRef: 'component:default/ghost-service',
      kind: 'Component',
      state: 'broken',
      team: 'no-such-team',
      reason:
        "opsgenie.com/team 'no-such-team' names no Opsgenie team (on component:default/ghost-service)",
      fix: 'Set opsgenie.com/team on component:default/ghost-service to the name of an Opsgenie team.',
    });
    expect(byRef.get('component:default/phantom-api')).toMatchObject({
      state: 'broken',
      groupRef: 'group:default/phantoms',
    });
    expect(byRef.get('group:default/phantoms')).toMatchObject({
      state: 'broken',
    });
    expect(byRef.get('component:default/nowhere-api')).toMatchObject({
      state: 'broken',
      reason: expect.stringContaining('oncall.teamMappings'),
    });
    expect(byRef.get('component:default/pinned-nowhere')).toMatchObject({
      state: 'broken',
      reason: expect.stringContaining('no_such_schedule'),
    });
    // sound mappings keep their state
    expect(byRef.get('component:default/payments-api')?.state).toBe('mapped');
    expect(byRef.get('component:default/search-api')?.state).toBe('mapped');
    expect(byRef.get('component:default/checkout-api')?.state).toBe('by-name');
    expect(byRef.get('component:default/storefront-web')?.state).toBe(
      'inherited',
    );
    expect(body.summary.broken).toBe(6);
  });

  it('a retried page with the same Idempotency-Key raises one alert; another key, another alert', async () => {
    const alerts = () =>
      sandbox.state.alerts
        .list()
        .filter(a => a.message.startsWith('Card auth failing'));
    const first = await page('component/default/payments-api', {
      as: 'olivia.brown',
      key: '6f1c2a4e-51b3-4e0c-9a55-0d4c1b3f2e10',
      message: 'Card auth failing',
    }).expect(202);
    const retry = await page('component/default/payments-api', {
      as: 'olivia.brown',
      key: '6f1c2a4e-51b3-4e0c-9a55-0d4c1b3f2e10',
      message: 'Card auth failing',
    }).expect(202);
    expect(alerts()).toHaveLength(1);
    expect(alerts()[0].count).toBe(2);
    expect(first.body.alertId).toBe(alerts()[0].id);
    expect(retry.body.alertId).toBe(first.body.alertId);
    await page('component/default/payments-api', {
      as: 'olivia.brown',
      key: 'another-key',
      message: 'Card auth failing again',
    }).expect(202);
    expect(alerts()).toHaveLength(2);
  });

  it('rejects a bad Idempotency-Key with a 400 naming the header, before paging', async () => {
    for (const key of ['has space', 'x'.repeat(129), 'a,b']) {
      const res = await page('component/default/payments-api', {
        as: 'noah.wilson',
        key,
      }).expect(400);
      expect(res.body.error.message).toMatch(/^Idempotency-Key header/);
    }
    // refused input does not count against the caller's pages
    await page('component/default/payments-api', { as: 'noah.wilson' }).expect(
      202,
    );
  });

  it('limits pages per caller across replicas: 429 with Retry-After, other callers unaffected', async () => {
    const replica = await startBackend();
    const onA = () =>
      page('component/default/checkout-api', { as: 'mia.lewis' });
    const onB = () =>
      request(replica)
        .post('/api/oncall/entities/component/default/checkout-api/pages')
        .set('Authorization', user('mia.lewis'))
        .send({ message: 'from the other replica' });
    await onA().expect(202);
    await onB().expect(202);
    await onA().expect(202);
    const limited = await onB().expect(429);
    const retryAfter = Number(limited.headers['retry-after']);
    // the window ends at 04:00:00; the test started at 03:00:05
    expect(retryAfter).toBeGreaterThan(3000);
    expect(retryAfter).toBeLessThanOrEqual(3595);
    expect(limited.body.error.message).toBe(
      `Paging limit reached: 3 pages per 1 hour per caller; try again in ${retryAfter} s.`,
    );
    await onA().expect(429);
    await page('component/default/checkout-api', { as: 'ethan.clark' }).expect(
      202,
    );
  });

  it('refuses pages at once with 503 and Retry-After while paging’s share of Opsgenie is full', async () => {
    await request(sandbox.url)
      .put('/__sandbox/faults/opsgenie')
      .send({ mode: 'hang' })
      .expect(200);
    const callers = [
      'amir.haddad',
      'nina.kowalski',
      'sam.okafor',
      'isla.young',
    ];
    const started = Date.now();
    const settled: Array<{
      status: number;
      retryAfter?: string;
      message?: string;
      ms: number;
    }> = [];
    const answers = callers.map(as =>
      page('component/default/event-pipeline', { as }).then(res => {
        const answer = {
          status: res.status,
          retryAfter: res.headers['retry-after'],
          message: res.body.error?.message,
          ms: Date.now() - started,
        };
        settled.push(answer);
        return answer;
      }),
    );
    // one page holds the only slot, one waits in the queue: the other two are refused
    while (settled.length < 2 && Date.now() - started < 10_000) {
      await new Promise(resolve => setTimeout(resolve, 20));
    }
    const refused = [...settled];
    await request(sandbox.url).delete('/__sandbox/faults').expect(204);
    const all = await Promise.all(answers);
    expect(refused).toHaveLength(2);
    for (const answer of refused) {
      expect(answer).toEqual({
        status: 503,
        retryAfter: '5',
        message:
          'Opsgenie is already receiving as many pages as this portal sends at once; try again in a few seconds.',
        ms: expect.any(Number),
      });
      expect(answer.ms).toBeLessThan(1500);
    }
    // the held and the queued page go through once Opsgenie answers again
    expect(all.filter(a => a.status === 202)).toHaveLength(2);
  });
});
