import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { setupServer } from 'msw/node';
import { DatadogSloProvider } from '../slos/datadog/DatadogSloProvider';
import { fastResiliencePolicy } from './fastResilience';
import { loadWireSample } from '@oncall-for-backstage/plugin-oncall-sandbox-backend/testing';
import { JsonObject } from '@backstage/types';

/** The parts of the recorded DataDog bodies these tests reuse; the bodies are served unchanged. */
export type Body = JsonObject;
interface SloListBody extends Body {
  data: Array<Body & { id: string }>;
}
interface SloSearchBody extends Body {
  data: Body & {
    attributes: {
      slos: Array<{
        data: Body & {
          attributes: Body & { overall_status: Body[]; status: Body };
        };
      }>;
    };
  };
  meta: { pagination: Body };
}

export function sample<T extends Body>(file: string): T {
  return loadWireSample('datadog', file) as T;
}

/** The recorded DataDog bodies these tests serve, by what they hold. */
export const samples = {
  sloPage: sample<SloListBody>('get-api-v1-slo-limit2.json'),
  sloIds: sample<Body>('get-api-v1-slo-ids.json'),
  historyMetric: sample<Body>('get-api-v1-slo-id-history-metric.json'),
  historyMonitor: sample<Body>('get-api-v1-slo-id-history-monitor.json'),
  historyGroups: sample<Body>('get-api-v1-slo-id-history-monitor-groups.json'),
  monitorsPage: sample<Body>('get-api-v1-monitor-page0.json'),
  searchPage: sample<SloSearchBody>('get-api-v1-slo-search.json'),
};

/** Where the provider under test sends its requests; msw answers them. */
export const base = 'http://datadog.test';

/**
 * What a DataDog provider test works with: an msw server for `base` (started and stopped
 * around the tests of the calling file), `base`, the provider factory and the recorded bodies.
 */
export function useDatadogWire() {
  const server = setupServer();
  registerMswTestHooks(server);
  return { server, base, provider, samples };
}

/** A DataDog SLO provider for `base` with fast retries. */
export function provider(timeoutMs = 300) {
  return DatadogSloProvider.create({
    config: {
      baseUrl: base,
      apiKey: 'api-k',
      applicationKey: 'app-k',
      webUrl: 'https://app.datadoghq.com',
    },
    policy: fastResiliencePolicy('datadog', {
      timeoutMs,
      maxAttempts: 3,
      maxDelayMs: 5000,
      breakerThreshold: 5,
    }),
  });
}
