import {
  RunningSandbox,
  SANDBOX_DEFAULT_KEYS,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { VendorError } from '../../lib/VendorError';
import { OpsgenieOnCallProvider } from '../opsgenie/OpsgenieOnCallProvider';
import { OnCallProvider } from '../OnCallProvider';
import { JsmOnCallProvider } from './JsmOnCallProvider';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';
import {
  commanderRotation,
  twoWeeksOf,
} from '../../__testUtils__/providerRotation';
import { teamChain } from '../../__testUtils__/teamChain';
import { useSandbox } from '../../__testUtils__/useSandbox';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';

jest.setTimeout(60_000);

const { jsm: keys } = SANDBOX_DEFAULT_KEYS;

function fastPolicy(vendor: 'jsm' | 'opsgenie', maxAttempts = 3) {
  return fastResiliencePolicy(vendor, {
    timeoutMs: 2000,
    maxAttempts,
    baseDelayMs: 10,
    maxDelayMs: 1500,
    breakerThreshold: 100,
  });
}

function jsmProvider(sandbox: RunningSandbox, maxAttempts = 3) {
  return JsmOnCallProvider.create({
    config: sandboxVendorSections(sandbox.url).jsm,
    policy: fastPolicy('jsm', maxAttempts),
    pollDelayMs: 10,
  });
}

function opsgenieProvider(sandbox: RunningSandbox) {
  return OpsgenieOnCallProvider.create({
    config: sandboxVendorSections(sandbox.url).opsgenie,
    policy: fastPolicy('opsgenie'),
  });
}

/** The chain the On-call tab shows for a team's schedules, built from one provider's answers. */
async function chains(provider: OnCallProvider, teamName: string, now: Date) {
  const [teams, schedules, escalations] = await Promise.all([
    provider.listTeams(),
    provider.listSchedules(),
    provider.listEscalations(),
  ]);
  const team = teams.find(t => t.name === teamName)!;
  const details = await provider.getTeam(team.id);
  const own = schedules.filter(s => s.ownerTeam?.id === team.id);
  return Promise.all(
    own.map(async schedule => {
      const rotation = await teamChain(provider, {
        schedule,
        team: details,
        escalation: escalations.find(e => e.ownerTeam?.id === team.id),
        now,
      });
      // ids and links are each tool's own; everything a person reads must be the same
      return { ...rotation, schedule: { ...rotation.schedule, id: '' } };
    }),
  );
}

describe.each([
  ['a Wednesday morning', '2026-03-04T10:15:00Z'],
  [
    'a Sunday, New York’s clock change (02:00 EST → 03:00 EDT)',
    '2026-03-08T06:59:00Z',
  ],
  [
    'the handoff minute in New York after the change (Monday 09:00 EDT)',
    '2026-03-09T13:00:00Z',
  ],
  ['a minute before it', '2026-03-09T12:59:00Z'],
  ['Berlin’s clock change, Sunday 01:59 UTC', '2026-03-29T01:59:00Z'],
  [
    'the handoff minute in Berlin after it (Monday 09:00 CEST)',
    '2026-03-30T07:00:00Z',
  ],
  ['Berlin’s autumn change week, Saturday', '2026-10-24T22:00:00Z'],
  ['year end', '2026-12-31T23:30:00Z'],
])('JSM Operations at %s', (_what, instant) => {
  const now = new Date(instant);
  const sandbox = useSandbox({ now: () => now });

  it.each(['discovery-ops', 'discovery-eu', 'storefront-us'])(
    '%s: the chain from JSM equals the chain from Opsgenie for the same people',
    async team => {
      const fromJsm = await chains(jsmProvider(sandbox), team, now);
      const fromOpsgenie = await chains(opsgenieProvider(sandbox), team, now);
      expect(fromJsm).toEqual(fromOpsgenie);
      expect(fromJsm.length).toBeGreaterThan(0);
      const levels = fromJsm[0].levels;
      expect(levels[0].role).toBe('primary');
      expect(levels[0].responders[0].email).toMatch(/@/);
      expect(levels.at(-1)?.role).toBe('team');
      expect(fromJsm[0].nextHandoff).toBeDefined();
    },
  );
});

describe('JSM Operations adapter against the sandbox', () => {
  const now = new Date('2026-03-04T10:15:00Z');
  const sandbox = useSandbox({ now: () => now });
  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
    await request(sandbox.url).delete('/__sandbox/stats');
  });
  const fault = (body: object) =>
    request(sandbox.url).put('/__sandbox/faults/jsm').send(body).expect(200);
  const stats = async () =>
    (await request(sandbox.url).get('/__sandbox/stats')).body.vendors.jsm;

  it('follows links.next through every page and asks Jira once per account id', async () => {
    const p = jsmProvider(sandbox);
    const schedules = await p.listSchedules();
    expect(schedules.map(s => s.name).sort()).toEqual([
      'discovery-eu_schedule',
      'discovery-ops_schedule',
      'storefront-us_schedule',
    ]);
    await p.listSchedules();
    await p.listUsers();
    const s = await stats();
    // the user cache: the second read and listUsers resolve the same ids without Jira
    expect(s.routes['GET /rest/api/3/user/bulk']).toBe(1);
    expect(p.scheduleUrl(schedules[0])).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/jira\/jira\/ops\/teams\/[\w-]+\/on-call$/,
    );
    // a new process that has not listed yet links a stored schedule through its owner team
    const restarted = jsmProvider(sandbox);
    expect(restarted.scheduleUrl(schedules[0])).toBe(
      p.scheduleUrl(schedules[0]),
    );
    expect(
      restarted.scheduleUrl({ id: schedules[0].id, name: schedules[0].name }),
    ).toBeUndefined();
  });

  it('serves an Incident Commander rotation from a JSM schedule: who JSM says is on call now', async () => {
    const p = jsmProvider(sandbox);
    const commander = await commanderRotation(p, 'discovery-eu_schedule', now);
    const auth = `Basic ${Buffer.from(
      `${keys.email}:${keys.apiToken}`,
    ).toString('base64')}`;
    const base = `/atlassian/jsm/ops/api/${keys.cloudId}/v1`;
    const onCall = await request(sandbox.url)
      .get(`${base}/schedules/${commander.schedule.id}/on-calls?flat=true`)
      .set('Authorization', auth)
      .expect(200);
    const truth = await request(sandbox.url)
      .get(
        `/jira/rest/api/3/user/bulk?${onCall.body.onCallUsers
          .map((id: string) => `accountId=${id}`)
          .join('&')}`,
      )
      .set('Authorization', auth)
      .expect(200);
    expect(commander.levels).toHaveLength(1);
    expect(commander.levels[0].role).toBe('primary');
    expect(commander.levels[0].responders.map(r => [r.name, r.email])).toEqual(
      truth.body.values.map(
        (u: { displayName: string; emailAddress: string }) => [
          u.displayName,
          u.emailAddress,
        ],
      ),
    );
  });

  it('marks overrides on the timeline, as the schedule says', async () => {
    const p = jsmProvider(sandbox);
    const schedule = (await p.listSchedules()).find(
      s => s.name === 'discovery-ops_schedule',
    )!;
    const timeline = await twoWeeksOf(p, schedule.id, now);
    const og = opsgenieProvider(sandbox);
    const ogSchedule = (await og.listSchedules()).find(
      s => s.name === 'discovery-ops_schedule',
    )!;
    const ogTimeline = await twoWeeksOf(og, ogSchedule.id, now);
    const overrides = (t: typeof timeline) =>
      t.periods
        .filter(x => x.override)
        .map(x => [
          x.start.toISOString(),
          x.end.toISOString(),
          x.recipient.name,
        ]);
    expect(overrides(timeline)).toEqual(overrides(ogTimeline));
  });

  it('pages with the alias as de-duplication key: a retried page folds into the first alert', async () => {
    const p = jsmProvider(sandbox);
    const dedupKey = 'oncall-page-7f3a';
    const alert = {
      message: 'Search results are empty',
      team: 'discovery-ops',
      dedupKey,
      priority: 'P2' as const,
      user: 'user:default/maria.garcia',
    };
    const first = await p.createAlert(alert);
    const second = await p.createAlert(alert);
    expect(second.requestId).not.toBe(first.requestId);
    const status = await p.waitForRequest(first.requestId, 3000);
    expect(status).toMatchObject({ state: 'processed', success: true });
    const list = await request(sandbox.url)
      .get(
        `/atlassian/jsm/ops/api/${keys.cloudId}/v1/alerts?query=alias%3A${dedupKey}`,
      )
      .set(
        'Authorization',
        `Basic ${Buffer.from(`${keys.email}:${keys.apiToken}`).toString(
          'base64',
        )}`,
      )
      .expect(200);
    expect(list.body.values).toHaveLength(1);
    expect(list.body.values[0].count).toBe(2);
    await expect(
      p.createAlert({ ...alert, team: 'no-such-team' }),
    ).rejects.toThrow(/no team named no-such-team/);
  });

  it('honours Retry-After on a 429 and retries', async () => {
    await fault({ mode: 'rate-limit', errorRate: 1 });
    const p = jsmProvider(sandbox, 2);
    const started = Date.now();
    const pending = p.listTeams();
    setTimeout(() => {
      request(sandbox.url)
        .delete('/__sandbox/faults')
        .then(() => undefined);
    }, 300);
    const teams = await pending;
    expect(teams.map(t => t.name)).toContain('discovery-ops');
    // the fault's Retry-After is 1 s: the second attempt waited for it
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('reports a malformed body and a failing vendor as VendorErrors, never as data', async () => {
    await fault({ mode: 'malformed' });
    const malformed = await jsmProvider(sandbox, 1)
      .listTeams()
      .catch(e => e);
    expect(malformed).toBeInstanceOf(VendorError);
    expect(malformed.kind).toBe('malformed');
    await fault({ mode: 'error', status: 503 });
    const failing = await jsmProvider(sandbox, 2)
      .listSchedules()
      .catch(e => e);
    expect(failing).toBeInstanceOf(VendorError);
    expect(failing.status).toBe(503);
    expect((await stats()).total).toBeGreaterThanOrEqual(3);
  });
});
