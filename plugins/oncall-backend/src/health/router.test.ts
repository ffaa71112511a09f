import { mockCredentials } from '@backstage/backend-test-utils';
import {
  MyLastShift,
  OnCallHealth,
} from '@oncall-for-backstage/plugin-oncall-common';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import request from 'supertest';
import { demoEntities } from '../__testUtils__/demoEntities';
import {
  OncallTestBackend,
  sandboxVendorSections,
  startOncallTestBackend,
} from '../__testUtils__/startOncallTestBackend';
import { runScheduledTask } from '../__testUtils__/useOncallTestBackend';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(120_000);

const NOW = new Date('2026-12-07T09:00:00Z');

describe('GET /entities/:kind/:namespace/:name/health', () => {
  const sandbox = useSandbox({ now: () => NOW });
  let backend: OncallTestBackend;
  const user = mockCredentials.user.header();

  const syncHealth = () =>
    runScheduledTask(backend.scheduler, 'oncall-sync-health');

  beforeAll(async () => {
    // the backend reads and sums the weeks up to the sandbox's instant, on any real date
    pinDate(NOW, { advance: true });
    backend = await startOncallTestBackend({
      vendors: [],
      entities: demoEntities,
      sandbox,
      config: {
        opsgenie: {
          ...sandboxVendorSections(sandbox.url).opsgenie,
          webUrl: 'https://acme.app.opsgenie.com',
        },
        vendorTimeoutMs: 2000,
        health: { retentionDays: 120 },
      },
    });
    await syncHealth();
  });

  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
  });

  afterAll(() => {
    jest.useRealTimers();
  });

  const get = (path: string) =>
    request(backend.server)
      .get(`/api/oncall${path}`)
      .set('Authorization', user);

  it('answers a Group with 12 weeks of its team’s figures, the overloaded weeks flagged with their reasons and source', async () => {
    const body: OnCallHealth = (
      await get('/entities/group/default/payments/health').expect(200)
    ).body;
    expect(body.entityRef).toBe('group:default/payments');
    expect(body.team).toBe('payments-team');
    expect(body.notConfigured).toBeUndefined();
    expect(body.weeks).toHaveLength(12);
    expect(body.window.weeks).toBe(12);
    expect(body.weeks.at(-1)!.overloaded).toBe(true);
    expect(body.weeks.at(-1)!.reasons.join(' ')).toMatch(
      /per 12-hour shift|nights/,
    );
    expect(body.thresholds).toMatchObject({
      pagesPerShift: 2,
      shiftHours: 12,
      sleepNights: 2,
      source: { url: 'https://sre.google/sre-book/being-on-call/' },
    });
    expect(body.totals.pages).toBe(body.weeks.reduce((n, w) => n + w.pages, 0));
    expect(body.people.length).toBeGreaterThan(1);
    expect(body.rotations.length).toBeGreaterThan(0);
    expect(body.freshness.stale).toBe(false);
  });

  it('answers a Component through its owning team', async () => {
    const body: OnCallHealth = (
      await get(
        '/entities/component/default/payments-api/health?weeks=4',
      ).expect(200)
    ).body;
    expect(body.team).toBe('payments-team');
    expect(body.weeks).toHaveLength(4);
  });

  it('says what to add when the entity has no on-call team', async () => {
    const body: OnCallHealth = (
      await get('/entities/group/default/engineering/health').expect(200)
    ).body;
    expect(body.notConfigured?.annotation).toEqual({
      key: 'opsgenie.com/team',
      value: 'engineering',
    });
    expect(body.weeks.every(w => w.pages === 0)).toBe(true);
  });

  it.each([['abc'], ['0'], ['53'], ['1.5'], ['-3']])(
    'answers weeks=%s with a 400 naming weeks',
    async weeks => {
      const res = await get(
        `/entities/group/default/payments/health?weeks=${weeks}`,
      ).expect(400);
      expect(res.body.error.message).toMatch(/weeks/);
    },
  );

  it('answers a repeated weeks with a 400 naming weeks', async () => {
    const res = await get(
      '/entities/group/default/payments/health?weeks=2&weeks=3',
    ).expect(400);
    expect(res.body.error.message).toMatch(/weeks/);
  });

  it('answers a kind other than Group or Component with a 400 naming kind', async () => {
    const res = await get('/entities/system/default/payments/health').expect(
      400,
    );
    expect(res.body.error.message).toMatch(/kind/);
  });

  it('answers an unknown entity with a 404', async () => {
    await get('/entities/group/default/no-such-team/health').expect(404);
  });

  it('refuses a caller without credentials', async () => {
    await request(backend.server)
      .get('/api/oncall/entities/group/default/payments/health')
      .set('Authorization', mockCredentials.none.header())
      .expect(401);
  });

  it('answers the signed-in user’s latest shift with its pages', async () => {
    const member = sandbox.org.users.find(u => u.group === 'payments')!;
    const body: MyLastShift = (
      await request(backend.server)
        .get('/api/oncall/me/last-shift')
        .set(
          'Authorization',
          mockCredentials.user.header(`user:default/${member.name}`),
        )
        .expect(200)
    ).body;
    expect(body.userRef).toBe(`user:default/${member.name}`);
    expect(body.lastShift).toMatchObject({
      schedule: expect.stringMatching(/payments/),
      pages: expect.any(Number),
    });
    expect(Date.parse(body.lastShift!.start)).toBeLessThan(NOW.getTime());
    expect(body.lastShift!.sleepHours).toBeLessThanOrEqual(
      body.lastShift!.pages,
    );
  });

  it('says why a user without an email in the catalog has no shift', async () => {
    const body: MyLastShift = (
      await request(backend.server)
        .get('/api/oncall/me/last-shift')
        .set(
          'Authorization',
          mockCredentials.user.header('user:default/nobody'),
        )
        .expect(200)
    ).body;
    expect(body.lastShift).toBeUndefined();
    expect(body.notice).toMatch(/spec\.profile\.email/);
  });

  it('keeps serving the stored figures, marked stale, while Opsgenie fails', async () => {
    await request(sandbox.url)
      .put('/__sandbox/faults/opsgenie')
      .send({ mode: 'error', status: 503 })
      .expect(200);
    await expect(syncHealth()).rejects.toThrow();
    const body: OnCallHealth = (
      await get('/entities/group/default/payments/health').expect(200)
    ).body;
    expect(body.totals.pages).toBeGreaterThan(0);
    expect(body.freshness.stale).toBe(true);
  });
});
