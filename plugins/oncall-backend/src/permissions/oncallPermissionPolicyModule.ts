import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { OnCallPermissionPolicy } from './OnCallPermissionPolicy';
import { readPagingPolicyConfig } from './policyConfig';

/**
 * Installs the portal's permission policy, chosen by `oncall.paging.permissionPolicy`:
 * `members` (default) — {@link OnCallPermissionPolicy}: paging for members of the owning Group
 * (and up its parent chain) and of `oncall.paging.allowedGroups`, everything else allowed;
 * `allow-all` — everything allowed (the demo). Add it instead of the allow-all policy module:
 *
 * ```ts
 * backend.add(import('@oncall-for-backstage/plugin-oncall-backend/permission-policy'));
 * ```
 *
 * A portal with a policy of its own wraps it instead:
 * `OnCallPermissionPolicy.create({ ..., delegate: myPolicy })`.
 *
 * @public
 */
export const oncallPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'oncall-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        catalog: catalogServiceRef,
      },
      async init({ policy, config, logger, auth, userInfo, catalog }) {
        const options = readPagingPolicyConfig(config);
        if (options.permissionPolicy === 'allow-all') {
          policy.setPolicy({
            handle: async () => ({ result: AuthorizeResult.ALLOW }),
          });
        } else {
          policy.setPolicy(
            OnCallPermissionPolicy.create({
              catalog,
              auth,
              userInfo,
              allowedGroups: options.allowedGroups,
            }),
          );
        }
        logger.info('Permission policy installed', {
          policy: options.permissionPolicy,
          allowedGroups: options.allowedGroups.join(', ') || '(none)',
        });
      },
    });
  },
});
