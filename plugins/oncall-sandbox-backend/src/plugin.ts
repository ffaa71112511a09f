import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createSandbox } from './app';
import { readSandboxConfig } from './config';

/**
 * The vendor sandbox: Opsgenie, Blameless and DataDog fakes serving the demo org under
 * `/api/oncall-sandbox`. Vendor routes authenticate with the vendors' own schemes.
 *
 * @public
 */
export const oncallSandboxPlugin = createBackendPlugin({
  pluginId: 'oncall-sandbox',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, httpRouter, logger }) {
        const options = readSandboxConfig(config);
        if (!options) {
          logger.info(
            'Vendor sandbox disabled (oncall-sandbox.enabled is false)',
          );
          return;
        }
        const sandbox = createSandbox(options);
        httpRouter.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
        httpRouter.use(sandbox.app);
        logger.info(
          `Vendor sandbox serving ${sandbox.org.teams.length} Opsgenie teams, ${
            sandbox.org.incidents.length
          } incidents and ${sandbox.org.slos.length} SLOs (seed ${
            options.seed
          }, control routes ${
            options.control ? 'open' : 'closed'
          }, quota mode ${options.quota ? 'on' : 'off'})`,
        );
      },
    });
  },
});
