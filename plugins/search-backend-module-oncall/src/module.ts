import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

export const searchModuleOncall = createBackendModule({
  pluginId: 'search',
  moduleId: 'oncall',
  register(reg) {
    reg.registerInit({
      deps: { logger: coreServices.logger },
      async init({ logger }) {
        logger.info('Hello World!');
      },
    });
  },
});
