import { mockServices } from '@backstage/backend-test-utils';
import {
  SANDBOX_DEFAULT_KEYS,
  SandboxFault,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { DatadogSloProvider } from '../slos/datadog/DatadogSloProvider';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { fastResiliencePolicy } from '../__testUtils__/fastResilience';
import { sandboxVendorSections } from '../__testUtils__/startOncallTestBackend';
import { useSandbox } from '../__testUtils__/useSandbox';

jest.setTimeout(60_000);

/** Both adapters against every fault the sandbox can inject. */
describe('adapters under sandbox faults', () => {
  const sandbox = useSandbox();
  const resilience = {
    timeoutMs: 400,
    // below the shortest rate-limit hint either vendor sends (1 s), so every 429 pauses
    maxDelayMs: 500,
  };

  afterEach(() => sandbox.state.faults.clear());

  const blameless = () =>
    BlamelessIncidentProvider.create({
      config: {
        baseUrl: `${sandbox.url}/blameless`,
        apiKey: SANDBOX_DEFAULT_KEYS.blameless,
        severityMap: { SEV0: 'sev0', SEV1: 'sev1', SEV2: 'sev2', SEV3: 'sev3' },
        backfillDays: 365,
        retentionDays: 730,
      },
      logger: mockServices.logger.mock(),
      policy: fastResiliencePolicy('blameless', resilience),
    });
  const datadog = () =>
    DatadogSloProvider.create({
      config: sandboxVendorSections(sandbox.url).datadog,
      policy: fastResiliencePolicy('datadog', resilience),
    });

  const vendors = {
    blameless: async () =>
      blameless().getIncident(String(sandbox.org.incidents[0].id)),
    datadog: async () => datadog().listSlos({ tags: ['service:checkout-api'] }),
  };

  /** A call that reuses one client (one token, one breaker) across invocations. */
  const oneClient = {
    blameless: () => {
      const provider = blameless();
      return () => provider.getIncident(String(sandbox.org.incidents[0].id));
    },
    datadog: () => {
      const provider = datadog();
      return () => provider.listSlos({ tags: ['service:checkout-api'] });
    },
  };

  it.each(Object.keys(vendors) as Array<keyof typeof vendors>)(
    '%s answers normally without faults',
    async vendor => {
      await expect(vendors[vendor]()).resolves.toBeDefined();
    },
  );

  it.each([
    [
      'blameless',
      { mode: 'error', status: 503 },
      { kind: 'http', status: 503 },
    ],
    ['datadog', { mode: 'error', status: 500 }, { kind: 'http', status: 500 }],
    ['blameless', { mode: 'malformed' }, { kind: 'malformed' }],
    ['datadog', { mode: 'malformed' }, { kind: 'malformed' }],
    ['blameless', { mode: 'hang' }, { kind: 'timeout' }],
    ['datadog', { mode: 'hang' }, { kind: 'timeout' }],
  ] as Array<[keyof typeof vendors, SandboxFault, object]>)(
    '%s with fault %j fails as %j',
    async (vendor, fault, expected) => {
      const call = oneClient[vendor]();
      await call(); // a Blameless client exchanges its token before the fault starts
      sandbox.state.faults.set(vendor, fault);
      await expect(call()).rejects.toMatchObject({
        name: 'VendorError',
        ...expected,
      });
    },
  );

  it.each(Object.keys(vendors) as Array<keyof typeof vendors>)(
    '%s: a 429 pauses calls for the period the vendor asks for',
    async vendor => {
      const call = oneClient[vendor]();
      await call();
      sandbox.state.faults.set(vendor, { mode: 'rate-limit' });
      const received = () =>
        sandbox.state.stats.snapshot().vendors[vendor].total;
      const before = received();
      // Retry-After 30 s (Blameless) / X-RateLimit-Reset 1–10 s (DataDog): longer than an
      // in-line wait, so the call fails at once and is not retried
      await expect(call()).rejects.toMatchObject({ status: 429 });
      expect(received() - before).toBe(1);
      // the vendor recovers, but we keep the pause it asked for
      sandbox.state.faults.clear();
      await expect(call()).rejects.toMatchObject({
        status: 429,
        message: expect.stringContaining('rate limit'),
      });
      expect(received() - before).toBe(1);
    },
  );
});
