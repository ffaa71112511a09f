import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** Which permission policy the on-call policy module installs. */
export type PagingPermissionPolicy = 'members' | 'allow-all';

/** `oncall.paging.permissionPolicy` and `oncall.paging.allowedGroups`. */
export interface PagingPolicyConfig {
  /**
   * `members` (default): paging for members of the entity's owning Group (and of Groups up
   * its parent chain) and of `allowedGroups`; everything else allowed. `allow-all`: every
   * permission allowed, paging included (the demo).
   */
  permissionPolicy: PagingPermissionPolicy;
  /** Group refs (lower-case, `group:namespace/name`) whose members may page for any entity. */
  allowedGroups: string[];
}

/** Reads the policy keys of `oncall.paging`; an invalid value is an InputError naming its key. */
export function readPagingPolicyConfig(root: Config): PagingPolicyConfig {
  const paging = root.getOptionalConfig('oncall.paging');
  const policy = paging?.getOptionalString('permissionPolicy') ?? 'members';
  if (policy !== 'members' && policy !== 'allow-all') {
    throw new InputError(
      `oncall.paging.permissionPolicy must be 'members' or 'allow-all', got '${policy}'`,
    );
  }
  const allowedGroups = (
    paging?.getOptionalStringArray('allowedGroups') ?? []
  ).map((ref, index) => {
    try {
      const parsed = parseEntityRef(ref.trim(), {
        defaultKind: 'group',
        defaultNamespace: 'default',
      });
      if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
        throw new Error('not a Group');
      }
      return stringifyEntityRef(parsed);
    } catch {
      throw new InputError(
        `oncall.paging.allowedGroups[${index}] must be a Group ref such as group:default/sre, got '${ref}'`,
      );
    }
  });
  return { permissionPolicy: policy, allowedGroups };
}
