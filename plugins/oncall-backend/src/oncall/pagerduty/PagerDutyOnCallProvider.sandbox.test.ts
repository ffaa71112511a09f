import {
  SANDBOX_DEFAULT_KEYS,
  demoPagerDuty,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { isVendorError } from '../../lib/VendorError';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';
import {
  commanderRotation,
  twoWeeksOf,
} from '../../__testUtils__/providerRotation';
import { teamChain } from '../../__testUtils__/teamChain';
import {
  escalationSteps,
  levelSteps,
} from '../../__testUtils__/escalationSteps';
import { useSandbox } from '../../__testUtils__/useSandbox';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';

jest.setTimeout(60_000);

/** The sandbox's demo org is generated at this instant (a Wednesday morning). */
const ORG_NOW = new Date('2026-03-04T10:15:00Z');

interface SandboxOnCall {
  escalation_level: number;
  user: { email: string; name: string };
  end: string | null;
}

describe('PagerDutyOnCallProvider against the sandbox', () => {
  const sandbox = useSandbox({ now: () => ORG_NOW });
  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
  });

  const provider = (integrationKeys: Record<string, string> = {}) =>
    new PagerDutyOnCallProvider({
      config: {
        ...sandboxVendorSections(sandbox.url).pagerduty,
        webUrl: 'https://demo.pagerduty.com',
        integrationKeys,
      },
      policy: fastResiliencePolicy('pagerduty', {
        timeoutMs: 1000,
        maxAttempts: 3,
        baseDelayMs: 10,
        maxDelayMs: 200,
        breakerThreshold: 100,
      }),
    });
  const pd = (path: string) =>
    request(sandbox.url)
      .get(`/pagerduty${path}`)
      .set({
        Authorization: `Token token=${SANDBOX_DEFAULT_KEYS.pagerduty}`,
        Accept: 'application/vnd.pagerduty+json;version=2',
      });
  /** Who the sandbox's /oncalls says is on call, for the query, with their users. */
  const oncalls = async (query: string): Promise<SandboxOnCall[]> =>
    (await pd(`/oncalls?include[]=users&${query}`)).body.oncalls;

  it('reads the team list once per sync pass, not once per team', async () => {
    const p = provider();
    await request(sandbox.url).delete('/__sandbox/stats').expect(204);
    const teams = await p.listTeams();
    for (const team of teams) {
      await p.getTeam(team.id);
    }
    const routes: Record<string, number> = (
      await request(sandbox.url).get('/__sandbox/stats').expect(200)
    ).body.vendors.pagerduty.routes;
    expect(routes['GET /teams']).toBe(1);
  });

  it('reads growth’s team, rotations, escalation and users', async () => {
    const p = provider();
    const users = await p.listUsers();
    expect(users.find(u => u.email === 'ruby.scott@example.com')).toMatchObject(
      { fullName: 'Ruby Scott', username: 'ruby.scott@example.com' },
    );
    const teams = await p.listTeams();
    expect(teams.map(t => t.name)).toEqual(['growth']);
    const team = await p.getTeam(teams[0].id);
    expect(team.members).toEqual([
      'ruby.scott@example.com',
      'leo.green@example.com',
      'hana.sato@example.com',
    ]);
    const schedules = await p.listSchedules();
    expect(schedules.map(s => [s.name, s.timezone, s.ownerTeam?.name])).toEqual(
      [['growth_primary', 'Europe/Berlin', 'growth']],
    );
    expect(schedules[0].rotations.map(r => r.name)).toEqual([
      'primary',
      'secondary (growth_secondary)',
    ]);
    const [policy] = await p.listEscalations();
    expect(escalationSteps(policy)).toEqual([
      ['default', 0, 'schedule'],
      ['next', 10, 'schedule'],
      ['all', 25, 'team'],
    ]);
    expect(p.scheduleUrl(schedules[0])).toBe(
      `https://demo.pagerduty.com/schedules/${schedules[0].id}`,
    );
  });

  it.each([
    ['a weekday morning', '2026-03-04T10:15:00Z'],
    ['during tomorrow’s override', '2026-03-05T12:00:00Z'],
    ['a Saturday night', '2026-03-07T23:30:00Z'],
    ['the minute before the Monday handoff', '2026-03-09T07:59:00Z'],
    ['the handoff minute (09:00 Berlin)', '2026-03-09T08:00:00Z'],
    [
      'the first handoff after Berlin’s clocks went forward',
      '2026-03-30T07:00:00Z',
    ],
  ])(
    'builds the chain the sandbox’s /oncalls answers at %s',
    async (_what, at) => {
      const p = provider();
      const now = new Date(at);
      const [schedule] = await p.listSchedules();
      const [escalation] = await p.listEscalations();
      const team = await p.getTeam(schedule.ownerTeam!.id);
      const rotation = await teamChain(p, { schedule, team, escalation, now });
      const truth = await oncalls(
        `escalation_policy_ids[]=${escalation.id}&since=${at}`,
      );
      const level = (n: number) =>
        truth.filter(o => o.escalation_level === n).map(o => o.user.email);
      expect(levelSteps(rotation, 'email')).toEqual([
        ['primary', 0, level(1)],
        ['secondary', 10, level(2)],
        ['team', 25, level(3)],
      ]);
      const primaryEnd = truth.find(o => o.escalation_level === 1)!.end!;
      expect(rotation.levels[0].responders[0].shiftEnd).toBe(
        new Date(primaryEnd).toISOString(),
      );
      expect(rotation.nextHandoff).toBe(new Date(primaryEnd).toISOString());
      expect(rotation.levels[0].responders[0].name).toBe(
        truth.find(o => o.escalation_level === 1)!.user.name,
      );
      expect(rotation.upcoming.length).toBeGreaterThan(1);
    },
  );

  it('serves an Incident Commander rotation from a PagerDuty schedule', async () => {
    const p = provider();
    const at = '2026-03-07T23:30:00Z';
    const now = new Date(at);
    const commander = await commanderRotation(p, 'growth_primary', now);
    const truth = await oncalls(
      `schedule_ids[]=${commander.schedule.id}&since=${at}`,
    );
    expect(commander.levels).toEqual([
      {
        role: 'primary',
        afterMinutes: 0,
        responders: truth.map(o => ({
          name: o.user.name,
          email: o.user.email,
          shiftEnd: new Date(o.end!).toISOString(),
        })),
      },
    ]);
  });

  it('flags the override in the timeline', async () => {
    const p = provider();
    const [schedule] = await p.listSchedules();
    const timeline = await twoWeeksOf(p, schedule.id, ORG_NOW);
    const overrides = timeline.periods.filter(x => x.override);
    expect(overrides.map(o => o.recipient.name)).toEqual([
      'hana.sato@example.com',
    ]);
  });

  it('pages through Events API v2 once however often a page is retried', async () => {
    const key = (await pd('/services?query=newsletter-service')).body
      .services[0];
    const routingKey = routingKeyOf('newsletter-service');
    const p = provider({ growth: routingKey });
    const alert = {
      message: 'Newsletter sends fail',
      team: 'growth',
      dedupKey: 'backstage-page-7f3a',
      priority: 'P1' as const,
      entity: 'component:default/newsletter-service',
    };
    const first = await p.createAlert(alert);
    const retried = await p.createAlert(alert);
    expect(first.requestId).toBe('backstage-page-7f3a');
    expect(retried.requestId).toBe(first.requestId);
    expect(await p.waitForRequest(first.requestId, 100)).toMatchObject({
      state: 'processed',
      success: true,
    });
    const incidents = (
      await pd(`/incidents?service_ids[]=${key.id}`)
    ).body.incidents.filter(
      (i: { incident_key: string }) => i.incident_key === 'backstage-page-7f3a',
    );
    expect(incidents).toHaveLength(1);
    expect(incidents[0].alert_counts.all).toBe(2);
    await expect(
      provider().createAlert({ ...alert, team: 'nobody' }),
    ).rejects.toThrow(/No PagerDuty integration key for nobody/);
    const byAnnotation = await provider().createAlert({
      ...alert,
      dedupKey: 'backstage-page-annotation',
      integrationKey: routingKey,
    });
    expect(byAnnotation.requestId).toBe('backstage-page-annotation');
  });

  it('honours ratelimit-reset on a 429 and reports malformed bodies', async () => {
    /** What listing the users fails with while the sandbox's PagerDuty has the fault `mode`. */
    const listUsersFailure = async (mode: string) => {
      await request(sandbox.url)
        .put('/__sandbox/faults/pagerduty')
        .send({ mode })
        .expect(200);
      return provider()
        .listUsers()
        .catch((e: unknown) => e);
    };
    const limited = await listUsersFailure('rate-limit');
    expect(isVendorError(limited) && limited.status).toBe(429);
    expect(isVendorError(limited) && limited.retryAfterMs).toBe(1000);
    const malformed = await listUsersFailure('malformed');
    expect(isVendorError(malformed) && malformed.kind).toBe('malformed');
  });

  /** The integration key a PagerDuty admin copies from the service's Events API v2 integration. */
  function routingKeyOf(service: string): string {
    return demoPagerDuty(sandbox.org).services.find(s => s.name === service)!
      .integrationKey;
  }
});
