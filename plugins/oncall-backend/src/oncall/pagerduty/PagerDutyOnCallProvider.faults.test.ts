import { defaultQuotaLimits } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { VendorError, isVendorError } from '../../lib/VendorError';
import { PagerDutyOnCallProvider } from './PagerDutyOnCallProvider';
import { sandboxVendorSections } from '../../__testUtils__/startOncallTestBackend';
import { useSandbox } from '../../__testUtils__/useSandbox';
import { fastResiliencePolicy } from '../../__testUtils__/fastResilience';

jest.setTimeout(60_000);

const NOW = new Date('2026-03-07T23:30:00Z');

/**
 * PagerDuty under the reliability suite's faults, at the adapter: 5xx, a hanging API, malformed
 * bodies and a 429 storm with PagerDuty's ratelimit-* headers. Each failure leaves as a
 * VendorError the sync marks stale; nothing retries into a storm.
 */
describe('PagerDutyOnCallProvider under vendor faults', () => {
  const sandbox = useSandbox({ now: () => NOW });
  const quota = useSandbox({
    now: () => NOW,
    quota: {
      ...defaultQuotaLimits(),
      pagerduty: { rest: [{ limit: 5, seconds: 60 }], events: [] },
    },
  });
  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults');
    await request(sandbox.url).delete('/__sandbox/stats');
  });

  const provider = (
    target = sandbox,
    breakerThreshold = 100,
    timeoutMs = 300,
  ) =>
    new PagerDutyOnCallProvider({
      config: {
        ...sandboxVendorSections(target.url).pagerduty,
        integrationKeys: {},
      },
      policy: fastResiliencePolicy('pagerduty', {
        timeoutMs,
        maxAttempts: 3,
        baseDelayMs: 5,
        maxDelayMs: 200,
        breakerThreshold,
        halfOpenAfterMs: 60_000,
      }),
    });
  const fault = (body: object) =>
    request(sandbox.url)
      .put('/__sandbox/faults/pagerduty')
      .send(body)
      .expect(200);
  const received = async (target = sandbox) =>
    (await request(target.url).get('/__sandbox/stats')).body.vendors.pagerduty
      .total as number;
  const failure = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      (e: unknown) => (isVendorError(e) ? e : undefined),
    );

  it('retries a 5xx three times, then fails with the status', async () => {
    await fault({ mode: 'error', status: 503 });
    const error = await failure(provider().listUsers());
    expect([error?.kind, error?.status]).toEqual(['http', 503]);
    expect(await received()).toBe(3);
  });

  it('times out a hanging API instead of waiting for it', async () => {
    await fault({ mode: 'hang' });
    const started = Date.now();
    const error = await failure(provider().listSchedules());
    expect(error?.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3 * 300 + 1000);
  });

  it('rejects a malformed body without retrying it', async () => {
    await fault({ mode: 'malformed' });
    const error = await failure(provider().listEscalations());
    expect(error?.kind).toBe('malformed');
    expect(await received()).toBe(1);
  });

  it('opens the breaker after repeated failures and then fails fast', async () => {
    await fault({ mode: 'error', status: 500 });
    const p = provider(sandbox, 2);
    await failure(p.listUsers());
    await failure(p.listUsers());
    const before = await received();
    const error = await failure(p.listUsers());
    expect(error?.kind).toBe('circuit-open');
    expect(await received()).toBe(before);
  });

  it('rides a 429 storm: pauses for ratelimit-reset instead of hammering', async () => {
    const p = provider(quota, 100, 5000);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => failure(p.listUsers())),
    );
    const limited = results.filter(
      (e): e is VendorError => e !== undefined && e.status === 429,
    );
    const served = results.filter(e => e === undefined).length;
    expect(served).toBeGreaterThanOrEqual(1);
    expect(served).toBeLessThanOrEqual(5);
    const other = results.filter(e => e !== undefined && e.status !== 429);
    expect(other.map(e => e?.message)).toEqual([]);
    expect(limited).toHaveLength(20 - served);
    for (const e of limited) {
      expect(e.retryAfterMs).toBeGreaterThanOrEqual(1000);
    }
    // the 429 asked for seconds, longer than the policy waits in line: no retry reached PagerDuty
    expect(await received(quota)).toBeLessThanOrEqual(20);
    const paused = await failure(p.listUsers());
    expect(paused?.message).toMatch(/asked us to wait/);
    expect(await received(quota)).toBeLessThanOrEqual(20);
  });
});
