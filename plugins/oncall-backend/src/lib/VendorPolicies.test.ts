import { mockServices } from '@backstage/backend-test-utils';
import { VendorError } from './VendorError';
import { VendorPolicies } from './VendorPolicies';

const throttledFor = (retryAfterMs: number) =>
  new VendorError({
    vendor: 'opsgenie',
    kind: 'http',
    status: 429,
    retryAfterMs,
    message: 'Request is throttled. Please retry later.',
  });

describe('VendorPolicies', () => {
  const policies = () =>
    new VendorPolicies({
      logger: mockServices.logger.mock(),
      defaults: { baseDelayMs: 1, maxDelayMs: 1000 },
    });

  it('gives every feature reading one account the same rate-limit pause', async () => {
    const registry = policies();
    const onCall = registry.forAccount('opsgenie', 'opsgenie');
    const health = registry.forAccount('opsgenie', 'opsgenie');
    // Opsgenie asks the on-call sync for a minute: longer than we wait in-line
    await expect(
      onCall.execute(async () => {
        throw throttledFor(60_000);
      }),
    ).rejects.toMatchObject({ status: 429 });

    let healthCalls = 0;
    await expect(
      health.execute(async () => {
        healthCalls += 1;
        return 'pages';
      }),
    ).rejects.toThrow(/opsgenie asked us to wait; calls resume in (59|60) s/);
    expect(healthCalls).toBe(0);
  });

  it('keeps other accounts and other vendors going', async () => {
    const registry = policies();
    await expect(
      registry.forAccount('opsgenie', 'opsgenie').execute(async () => {
        throw throttledFor(60_000);
      }),
    ).rejects.toMatchObject({ status: 429 });

    await expect(
      registry
        .forAccount('opsgenie', 'opsgenie-eu')
        .execute(async () => 'eu answers'),
    ).resolves.toBe('eu answers');
    await expect(
      registry.forAccount('jsm', 'opsgenie').execute(async () => 'jsm answers'),
    ).resolves.toBe('jsm answers');
  });
});
