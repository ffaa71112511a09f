import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { Config, ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { Readable } from 'node:stream';
import { CollateResource } from '../collators/OnCallCollateClient';
import { OnCallIncidentCollatorFactory } from '../collators/OnCallIncidentCollatorFactory';
import {
  OnCallCollatorFactoryOptions,
  OnCallIncidentDocument,
} from '../collators/types';

/**
 * An msw server, reset after each test of the calling file, and the URL of the on-call
 * backend's `/collate/<resource>` route as the mock discovery service resolves it.
 */
export function setupCollateServer(resource: CollateResource) {
  const server = setupServer();
  registerMswTestHooks(server);
  return {
    server,
    collateUrl: `http://localhost:0/api/oncall/collate/${resource}`,
  };
}

/**
 * Builds a collator factory from `search.collators.oncall` config and mock services whose
 * logger hands itself out as its own child, so a test sees every log line of the run.
 */
export function createCollatorFactory<TFactory>(
  factoryClass: {
    fromConfig(config: Config, options: OnCallCollatorFactoryOptions): TFactory;
  },
  collatorConfig: object = {},
) {
  const logger = mockServices.logger.mock();
  logger.child.mockImplementation(() => logger);
  const factory = factoryClass.fromConfig(
    new ConfigReader({ search: { collators: { oncall: collatorConfig } } }),
    { discovery: mockServices.discovery(), auth: mockServices.auth(), logger },
  );
  return { factory, logger };
}

/** Drains a collator into an array. */
export async function collect<TDoc>(collator: Readable): Promise<TDoc[]> {
  const documents: TDoc[] = [];
  for await (const document of collator) {
    documents.push(document);
  }
  return documents;
}

const services = ['checkout-api', 'payments-api', 'search-api', 'cart-service'];

/** The i-th incident of a generated store; generated on demand so the store costs no memory. */
export function incidentAt(i: number) {
  const service = services[i % services.length];
  return {
    id: `INC-${i}`,
    title: `Incident ${i} on ${service}`,
    severity: `sev${i % 4}`,
    status: i % 5 === 0 ? 'investigating' : 'resolved',
    startedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    commander: { name: 'Jane Doe', email: 'jane.doe@example.com' },
    retrospective: {
      status: 'completed',
      url: `https://example.blameless.io/incidents/${i}/retrospective`,
    },
    services: [service],
    entityRefs: [`component:default/${service}`],
    url: `https://example.blameless.io/incidents/${i}`,
  };
}

/** {@link createCollatorFactory} for the incident collator. */
export function createIncidentCollator(collatorConfig: object = {}) {
  return createCollatorFactory(OnCallIncidentCollatorFactory, collatorConfig);
}

/** {@link collect} for the incident collator's documents. */
export function collectIncidents(
  collator: Readable,
): Promise<OnCallIncidentDocument[]> {
  return collect<OnCallIncidentDocument>(collator);
}
