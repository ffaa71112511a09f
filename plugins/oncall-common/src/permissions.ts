import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows paging the on-call responders of an entity (creates an Opsgenie alert).
 *
 * A resource permission on the catalog entity being paged for, so a policy can allow it per
 * entity (e.g. only for owners, with the catalog's `IS_ENTITY_OWNER` rule) or for everyone.
 *
 * @public
 */
export const oncallPageCreatePermission = createPermission({
  name: 'oncall.page.create',
  attributes: { action: 'create' },
  resourceType: 'catalog-entity',
});

/** Every permission the on-call plugin defines. @public */
export const oncallPermissions = [oncallPageCreatePermission];
