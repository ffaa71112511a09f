import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

/**
 * A mock scheduler that runs a task only when the test triggers it, and the service factory
 * that hands it to every plugin of a test backend.
 */
export function manualScheduler() {
  const scheduler = mockServices.scheduler();
  const factory = createServiceFactory({
    service: coreServices.scheduler,
    deps: {},
    factory: () => scheduler,
  });
  return { scheduler, factory };
}
