import { mockServices } from '@backstage/backend-test-utils';
import { createVendorPolicy } from './resilience';
import { VendorError } from './VendorError';

const logger = mockServices.logger.mock();

describe('createVendorPolicy with a request budget', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-11-29T12:00:00Z') });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('spreads calls over the budget instead of sending them together', async () => {
    const policy = createVendorPolicy('opsgenie', logger, {
      requestsPerMinute: 30,
      concurrency: 8,
    });
    const t0 = Date.now();
    const sent: number[] = [];
    const calls = Array.from({ length: 4 }, () =>
      policy.execute(async () => {
        sent.push(Date.now() - t0);
        return 'ok';
      }),
    );
    await jest.advanceTimersByTimeAsync(10_000);
    await expect(Promise.all(calls)).resolves.toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(sent).toEqual([0, 2000, 4000, 6000]);
  });

  it('spends the budget on retries too, and times an attempt only from its slot', async () => {
    const policy = createVendorPolicy('datadog', logger, {
      requestsPerMinute: 60,
      baseDelayMs: 1,
      maxAttempts: 2,
      timeoutMs: 500,
    });
    const t0 = Date.now();
    const sent: number[] = [];
    // another caller takes the first slot: the retry below waits a whole interval, longer
    // than the attempt timeout, and must not time out while it waits
    const first = policy.execute(async () => 'first');
    const retried = policy.execute(async () => {
      sent.push(Date.now() - t0);
      if (sent.length === 1) {
        throw new VendorError({
          vendor: 'datadog',
          kind: 'http',
          status: 503,
          message: 'unavailable',
        });
      }
      return 'second';
    });
    await jest.advanceTimersByTimeAsync(5000);
    await expect(first).resolves.toBe('first');
    await expect(retried).resolves.toBe('second');
    expect(sent).toEqual([1000, 2000]);
  });

  it('leaves calls unpaced without a budget', async () => {
    const policy = createVendorPolicy('blameless', logger, {});
    const t0 = Date.now();
    const sent: number[] = [];
    const calls = Array.from({ length: 3 }, () =>
      policy.execute(async () => {
        sent.push(Date.now() - t0);
      }),
    );
    await jest.advanceTimersByTimeAsync(100);
    await Promise.all(calls);
    expect(sent).toEqual([0, 0, 0]);
  });
});
