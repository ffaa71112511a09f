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

export const sloPage = sample<SloListBody>('get-api-v1-slo-limit2.json');
export const sloIds = sample<Body>('get-api-v1-slo-ids.json');
export const historyMetric = sample<Body>(
  'get-api-v1-slo-id-history-metric.json',
);
export const historyMonitor = sample<Body>(
  'get-api-v1-slo-id-history-monitor.json',
);
export const historyGroups = sample<Body>(
  'get-api-v1-slo-id-history-monitor-groups.json',
);
export const monitorsPage = sample<Body>('get-api-v1-monitor-page0.json');
export const searchPage = sample<SloSearchBody>('get-api-v1-slo-search.json');

/** Where the provider under test sends its requests; msw answers them. */
export const base = 'http://datadog.test';

/** An msw server for `base`, started and stopped around the tests of the calling file. */
export function datadogMswServer() {
  const server = setupServer();
  registerMswTestHooks(server);
  return server;
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
