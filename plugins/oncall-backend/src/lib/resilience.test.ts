import { mockServices } from '@backstage/backend-test-utils';
import { ResilienceOptions, createVendorPolicy } from './resilience';
import { VendorError } from './VendorError';

const logger = mockServices.logger.mock();

/** Every policy under test here is Opsgenie's, logging to the mock logger. */
const opsgeniePolicy = (options: Partial<ResilienceOptions>) =>
  createVendorPolicy('opsgenie', logger, options);

const rateLimited = (retryAfterMs: number) =>
  new VendorError({
    vendor: 'opsgenie',
    kind: 'http',
    status: 429,
    retryAfterMs,
    message: 'throttled',
  });

const serverError = () =>
  new VendorError({
    vendor: 'opsgenie',
    kind: 'http',
    status: 503,
    message: 'unavailable',
  });

describe('createVendorPolicy', () => {
  it('retries a 5xx and returns the later success', async () => {
    const policy = opsgeniePolicy({
      baseDelayMs: 1,
      maxAttempts: 3,
    });
    let calls = 0;
    const result = await policy.execute(async () => {
      calls += 1;
      if (calls < 3) {
        throw serverError();
      }
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('does not retry a client error', async () => {
    const policy = opsgeniePolicy({ baseDelayMs: 1 });
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls += 1;
        throw new VendorError({
          vendor: 'opsgenie',
          kind: 'http',
          status: 403,
          message: 'forbidden',
        });
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(calls).toBe(1);
  });

  it('waits the period a vendor asks for when it fits, then retries', async () => {
    const policy = opsgeniePolicy({
      maxDelayMs: 1000,
    });
    const times: number[] = [];
    await policy.execute(async () => {
      times.push(Date.now());
      if (times.length === 1) {
        throw rateLimited(300);
      }
      return 'ok';
    });
    expect(times).toHaveLength(2);
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(290);
  });

  it('honours a longer rate-limit pause by failing fast until it has passed', async () => {
    const policy = opsgeniePolicy({
      maxDelayMs: 50,
    });
    let calls = 0;
    await expect(
      policy.execute(async () => {
        calls += 1;
        throw rateLimited(400);
      }),
    ).rejects.toMatchObject({ status: 429 });
    expect(calls).toBe(1);

    // within the pause: no call reaches the vendor
    await expect(
      policy.execute(async () => {
        calls += 1;
        return 'ok';
      }),
    ).rejects.toMatchObject({ status: 429, kind: 'http' });
    expect(calls).toBe(1);

    await new Promise(resolve => setTimeout(resolve, 450));
    await expect(
      policy.execute(async () => {
        calls += 1;
        return 'ok';
      }),
    ).resolves.toBe('ok');
    expect(calls).toBe(2);
  });

  it('opens the breaker after consecutive failures and fails fast', async () => {
    const policy = opsgeniePolicy({
      baseDelayMs: 1,
      maxAttempts: 1,
      breakerThreshold: 2,
      halfOpenAfterMs: 60_000,
    });
    let calls = 0;
    const failing = async () => {
      calls += 1;
      throw serverError();
    };
    await expect(policy.execute(failing)).rejects.toMatchObject({
      status: 503,
    });
    await expect(policy.execute(failing)).rejects.toMatchObject({
      status: 503,
    });
    expect(policy.isOpen()).toBe(true);
    await expect(policy.execute(failing)).rejects.toMatchObject({
      kind: 'circuit-open',
    });
    expect(calls).toBe(2);
  });

  it('times out an attempt that hangs and tells the call to stop', async () => {
    const policy = opsgeniePolicy({
      timeoutMs: 50,
      maxAttempts: 1,
    });
    let aborted = false;
    const started = Date.now();
    await expect(
      policy.execute(signal => {
        signal.addEventListener('abort', () => {
          aborted = true;
        });
        return new Promise<never>(() => {});
      }),
    ).rejects.toMatchObject({ kind: 'timeout' });
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
