import { AuthService, UserInfoService } from '@backstage/backend-plugin-api';
import { RELATION_MEMBER_OF, parseEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogEntityPermissionResourceRef } from '@backstage/plugin-catalog-node/alpha';
import { oncallPageCreatePermission } from '@oncall-for-backstage/plugin-oncall-common';
import { TtlCache } from '../lib/TtlCache';
import { GroupTree, isGroupRef } from './GroupTree';

/** How long the catalog's Group tree is reused between decisions. */
const GROUP_TREE_TTL_MS = 60_000;

type EntityCondition = PermissionCondition<'catalog-entity'>;
type EntityCriteria = PermissionCriteria<EntityCondition>;

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };

/**
 * A permission policy that decides who may page (`oncall.page.create`) and hands every other
 * decision to a delegate policy (default: allow, as the allow-all policy does).
 *
 * A signed-in user may page for an entity when
 * - they are a member of one of `allowedGroups` (or of a Group below one), for any entity; or
 * - the entity is owned by a Group they are a member of, or by a Group below one of those —
 *   members of the owning Group and of every Group up its `spec.parent` chain may page;
 * - for a Group or User entity: it is one of those Groups, or the user themself.
 *
 * Membership is the user's ownership claims from sign-in together with the User entity's
 * `memberOf` in the catalog. The decision on the entity itself is a catalog condition
 * (`IS_ENTITY_OWNER`, `IS_ENTITY_KIND`, `HAS_METADATA`), evaluated by the catalog.
 *
 * @public
 */
export class OnCallPermissionPolicy implements PermissionPolicy {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #userInfo: UserInfoService;
  readonly #allowedGroups: string[];
  readonly #delegate?: PermissionPolicy;
  readonly #tree: TtlCache<GroupTree>;

  private constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    userInfo: UserInfoService;
    allowedGroups: string[];
    delegate?: PermissionPolicy;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#userInfo = options.userInfo;
    this.#allowedGroups = options.allowedGroups.map(ref =>
      ref.toLocaleLowerCase('en-US'),
    );
    this.#delegate = options.delegate;
    this.#tree = new TtlCache({ ttlMs: GROUP_TREE_TTL_MS, maxEntries: 1 });
  }

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    userInfo: UserInfoService;
    /** Group refs whose members may page for any entity, e.g. `group:default/sre`. */
    allowedGroups?: string[];
    /** Decides every other permission; default: allow. */
    delegate?: PermissionPolicy;
  }): OnCallPermissionPolicy {
    return new OnCallPermissionPolicy({
      ...options,
      allowedGroups: options.allowedGroups ?? [],
    });
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (!isPermission(request.permission, oncallPageCreatePermission)) {
      return this.#delegate ? this.#delegate.handle(request, user) : allow;
    }
    if (!user) {
      return allow;
    }
    const { userEntityRef, ownershipEntityRefs } =
      await this.#userInfo.getUserInfo(user.credentials);
    const self = userEntityRef.toLocaleLowerCase('en-US');
    const groups = new Set(
      [...ownershipEntityRefs, ...(await this.#catalogMemberships(self))]
        .map(ref => ref.toLocaleLowerCase('en-US'))
        .filter(isGroupRef),
    );
    const tree = await this.#groupTree();
    const privileged = tree.withDescendants(this.#allowedGroups);
    if ([...groups].some(group => privileged.has(group))) {
      return allow;
    }
    const claims = [self, ...tree.withDescendants(groups)];
    return {
      result: AuthorizeResult.CONDITIONAL,
      pluginId: catalogEntityPermissionResourceRef.pluginId,
      resourceType: catalogEntityPermissionResourceRef.resourceType,
      conditions: { anyOf: [ownedBy(claims), ...isOneOf(claims)] },
    };
  }

  async #catalogMemberships(userRef: string): Promise<string[]> {
    const user = await this.#catalog.getEntityByRef(userRef, {
      credentials: await this.#auth.getOwnServiceCredentials(),
    });
    return (user?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef);
  }

  #groupTree(): Promise<GroupTree> {
    return this.#tree.get('groups', async () =>
      GroupTree.load(
        this.#catalog,
        await this.#auth.getOwnServiceCredentials(),
      ),
    );
  }
}

function ownedBy(claims: string[]): EntityCondition {
  return {
    rule: 'IS_ENTITY_OWNER',
    resourceType: 'catalog-entity',
    params: { claims },
  };
}

/** Matches an entity that is one of `refs`: per kind and namespace, any of the names. */
function isOneOf(refs: string[]): EntityCriteria[] {
  const byKindAndNamespace = new Map<string, string[]>();
  for (const ref of refs) {
    const { kind, namespace, name } = parseEntityRef(ref);
    const key = `${kind}:${namespace}`;
    byKindAndNamespace.set(key, [...(byKindAndNamespace.get(key) ?? []), name]);
  }
  return [...byKindAndNamespace].map(([key, names]) => {
    const [kind, namespace] = key.split(':');
    const [first, ...rest] = names.map(
      (name): EntityCriteria => metadata('name', name),
    );
    return {
      allOf: [
        {
          rule: 'IS_ENTITY_KIND',
          resourceType: 'catalog-entity',
          params: { kinds: [kind] },
        },
        metadata('namespace', namespace),
        { anyOf: [first, ...rest] },
      ],
    };
  });
}

function metadata(key: string, value: string): EntityCondition {
  return {
    rule: 'HAS_METADATA',
    resourceType: 'catalog-entity',
    params: { key, value },
  };
}
