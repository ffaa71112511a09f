import request from 'supertest';
import { OpsgenieOnCallProvider } from './OpsgenieOnCallProvider';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';
import { escalationSteps } from '../../__testUtils__/escalationSteps';
import { twoWeeksOf } from '../../__testUtils__/providerRotation';
import { useSandbox } from '../../__testUtils__/useSandbox';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';

jest.setTimeout(30_000);

describe('OpsgenieOnCallProvider against the sandbox', () => {
  const sandbox = useSandbox();
  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
    await request(sandbox.url).delete('/__sandbox/stats');
  });

  const provider = () =>
    OpsgenieOnCallProvider.create({
      config: sandboxVendorSections(sandbox.url).opsgenie,
      policy: fastResiliencePolicy('opsgenie', {
        timeoutMs: 300,
        maxAttempts: 3,
        baseDelayMs: 10,
        maxDelayMs: 200,
        breakerThreshold: 100,
      }),
      pollDelayMs: 10,
    });

  const fault = (body: object) =>
    request(sandbox.url)
      .put('/__sandbox/faults/opsgenie')
      .send(body)
      .expect(200);
  const calls = async () =>
    (await request(sandbox.url).get('/__sandbox/stats')).body.vendors.opsgenie
      .total;

  it('reads the demo org: teams, schedules with rotations, escalations, users, timelines', async () => {
    const p = provider();
    const teams = await p.listTeams();
    expect(teams.map(t => t.name)).toEqual(
      expect.arrayContaining([
        'payments-team',
        'checkout',
        'discovery-ops',
        'sre',
      ]),
    );
    const schedules = await p.listSchedules();
    const payments = schedules.find(s => s.name === 'payments_schedule')!;
    expect(payments.rotations.map(r => r.name)).toEqual([
      'primary',
      'secondary',
    ]);
    expect(payments.ownerTeam?.name).toBe('payments-team');
    const escalation = (await p.listEscalations()).find(
      e => e.name === 'payments-team_escalation',
    )!;
    expect(escalationSteps(escalation)).toEqual([
      ['default', 0, 'schedule'],
      ['next', 10, 'schedule'],
      ['all', 20, 'team'],
    ]);
    const users = await p.listUsers();
    expect(users.length).toBe(sandbox.org.users.length);
    expect(users.find(u => u.username === 'guest@example.com')?.fullName).toBe(
      'Guest User',
    );
    const team = await p.getTeam(payments.ownerTeam!.id);
    expect(team.members.length).toBeGreaterThan(2);
    const discovery = schedules.find(s => s.name === 'discovery-ops_schedule')!;
    const now = new Date();
    const timeline = await twoWeeksOf(p, discovery.id, now);
    const current = timeline.periods.filter(x => x.start <= now && now < x.end);
    expect(current).toHaveLength(1);
    expect(current[0].override).toBe(true);
    expect(await p.getOnCallNow(discovery.id, now)).toEqual([
      expect.objectContaining({ name: current[0].recipient.name }),
    ]);
  });

  it('honours the rate-limit period Opsgenie asks for: no retry inside it, later calls wait', async () => {
    await fault({ mode: 'rate-limit' });
    const p = provider();
    // The sandbox asks for 60 s (X-RateLimit-Period-In-Sec), longer than an in-line wait.
    await expect(p.listTeams()).rejects.toMatchObject({ status: 429 });
    expect(await calls()).toBe(1);
    await expect(p.listSchedules()).rejects.toMatchObject({
      status: 429,
      message: expect.stringContaining('rate limit'),
    });
    expect(await calls()).toBe(1);
  });

  it('retries a failing Opsgenie and reports the 5xx', async () => {
    await fault({ mode: 'error' });
    await expect(provider().listSchedules()).rejects.toMatchObject({
      kind: 'http',
    });
    expect(await calls()).toBe(3);
  });

  it('times out on a hanging Opsgenie', async () => {
    await fault({ mode: 'hang' });
    const started = Date.now();
    await expect(provider().listEscalations()).rejects.toMatchObject({
      kind: 'timeout',
    });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects a malformed body', async () => {
    await fault({ mode: 'malformed' });
    await expect(provider().listTeams()).rejects.toMatchObject({
      kind: 'malformed',
    });
  });

  it('creates an alert and follows its request until processed', async () => {
    const p = provider();
    const message = 'Sandbox page';
    const { requestId } = await p.createAlert({
      message,
      team: 'checkout',
      priority: 'P2',
      dedupKey: 'backstage-page-sandbox',
    });
    const status = await p.waitForRequest(requestId, 5000);
    expect(status).toMatchObject({ state: 'processed', success: true });
    expect(
      sandbox.state.alerts.list().find(a => a.message === message)?.priority,
    ).toBe('P2');
  });
});
