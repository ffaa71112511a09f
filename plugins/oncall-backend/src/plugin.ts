import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import Router from 'express-promise-router';
import { readOnCallConfig } from './config';
import { getMigratedClient } from './database/migrations';
import { SyncStateStore } from './database/SyncStateStore';
import { EntityLoader } from './lib/EntityLoader';
import { VendorPolicies } from './lib/VendorPolicies';
import { createHealth } from './health/createHealth';
import { readHealthConfig } from './health/healthConfig';
import { createIncidents } from './incidents/createIncidents';
import { createOnCall } from './oncall/createOnCall';
import { readPagingConfig } from './oncall/paging/pagingConfig';
import { createNotifications } from './notifications/createNotifications';
import { readNotificationsConfig } from './notifications/notificationsConfig';
import { oncallPermissions } from './permissions';
import { createSlos } from './slos/createSlos';

/**
 * The on-call backend plugin: on-call, incidents and SLOs for catalog entities, read from
 * the plugin's own store, which scheduled tasks keep in sync with Opsgenie, Blameless and
 * DataDog.
 *
 * @public
 */
export const oncallPlugin = createBackendPlugin({
  pluginId: 'oncall',
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, database, httpRouter, catalog } = deps;
        const oncallConfig = readOnCallConfig(config);
        const knex = await getMigratedClient(database);
        const syncState = new SyncStateStore(knex);
        const entityLoader = new EntityLoader(catalog);
        deps.permissionsRegistry.addPermissions(oncallPermissions);

        const router = Router();
        router.get('/health', (_req, res) => {
          res.json({ status: 'ok' });
        });
        // Shared by every feature: add `router.use(await createX(shared))` per feature.
        const shared = {
          ...deps,
          config: oncallConfig,
          rootConfig: config,
          paging: readPagingConfig(config),
          health: readHealthConfig(config),
          knex,
          syncState,
          entityLoader,
          policies: new VendorPolicies({
            logger: deps.logger,
            defaults: { timeoutMs: oncallConfig.vendorTimeoutMs },
          }),
        };
        router.use(await createOnCall(shared));
        const notifications = await createNotifications({
          ...shared,
          notificationsConfig: readNotificationsConfig(config),
        });
        router.use(await createIncidents({ ...shared, ...notifications }));
        router.use(await createSlos(shared));
        router.use(await createHealth(shared));
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
        // the calendar feed authenticates by its per-user secret (calendar apps send no token)
        httpRouter.addAuthPolicy({
          path: '/me/calendar.ics',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
