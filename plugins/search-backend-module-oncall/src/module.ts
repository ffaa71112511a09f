import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchIndexRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { readScheduleConfigOptions } from './collators/config';
import { OnCallIncidentCollatorFactory } from './collators/OnCallIncidentCollatorFactory';
import { OnCallRotationCollatorFactory } from './collators/OnCallRotationCollatorFactory';

/**
 * Adds incidents (`oncall-incident`) and on-call rotations (`oncall-rotation`) from the
 * on-call backend to the portal's search index.
 *
 * @public
 */
export const searchModuleOnCallCollators = createBackendModule({
  pluginId: 'search',
  moduleId: 'oncall-collators',
  register(env) {
    env.registerInit({
      deps: {
        auth: coreServices.auth,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        indexRegistry: searchIndexRegistryExtensionPoint,
      },
      async init({
        auth,
        config,
        discovery,
        logger,
        scheduler,
        indexRegistry,
      }) {
        const schedule = readScheduleConfigOptions(config);
        const services = { auth, discovery, logger };
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: OnCallIncidentCollatorFactory.fromConfig(config, services),
        });
        indexRegistry.addCollator({
          schedule: scheduler.createScheduledTaskRunner(schedule),
          factory: OnCallRotationCollatorFactory.fromConfig(config, services),
        });
      },
    });
  },
});
