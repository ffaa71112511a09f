import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { searchEngineRegistryExtensionPoint } from '@backstage/plugin-search-backend-node/alpha';
import { createSearchEngine } from './createSearchEngine';

/**
 * The portal's search engine: Lunr in memory by default, PostgreSQL with
 * `search.engine: postgres`; either answers on-call questions with the rotations first.
 */
export const searchModuleEngine = createBackendModule({
  pluginId: 'search',
  moduleId: 'engine',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        logger: coreServices.logger,
        searchEngineRegistry: searchEngineRegistryExtensionPoint,
      },
      async init({ config, database, logger, searchEngineRegistry }) {
        searchEngineRegistry.setSearchEngine(
          await createSearchEngine({ config, database, logger }),
        );
      },
    });
  },
});
