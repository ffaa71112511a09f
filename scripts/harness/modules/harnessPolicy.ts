import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The harness permission policy, read from config:
 *
 * ```yaml
 * reliabilityHarness:
 *   policy:
 *     - user: user:default/restricted
 *       hide: [component:default/referral-service]   # entities the user may not read
 *       deny: [oncall.page.create]                   # permissions denied outright
 * ```
 * Everything else is allowed.
 */
export class HarnessPolicy implements PermissionPolicy {
  private readonly hidden = new Map<string, string[]>();
  private readonly denied = new Map<string, string[]>();

  constructor(rules: Config[]) {
    for (const rule of rules) {
      const user = rule.getString('user');
      this.hidden.set(user, rule.getOptionalStringArray('hide') ?? []);
      this.denied.set(user, rule.getOptionalStringArray('deny') ?? []);
    }
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const userRef = user?.info.userEntityRef;
    if (!userRef) return { result: AuthorizeResult.ALLOW };
    if (this.denied.get(userRef)?.includes(request.permission.name)) {
      return { result: AuthorizeResult.DENY };
    }
    const hidden = this.hidden.get(userRef);
    if (
      hidden?.length &&
      request.permission.name === 'catalog.entity.read' &&
      isResourcePermission(request.permission, 'catalog-entity')
    ) {
      const [first, ...rest] = hidden.map(
        (ref): PermissionCriteria<PermissionCondition<'catalog-entity'>> => {
          const { kind, name } = parseEntityRef(ref);
          return {
            allOf: [
              catalogConditions.isEntityKind({ kinds: [kind] }),
              catalogConditions.hasMetadata({ key: 'name', value: name }),
            ],
          };
        },
      );
      return createCatalogConditionalDecision(request.permission, {
        not: { anyOf: [first, ...rest] },
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/** Installs {@link HarnessPolicy}; loaded only by the harness entry. */
export const harnessPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'reliability-harness-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new HarnessPolicy(
            config.getOptionalConfigArray('reliabilityHarness.policy') ?? [],
          ),
        );
      },
    });
  },
});
