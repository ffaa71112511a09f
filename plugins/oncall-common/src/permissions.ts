import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows paging the on-call responders of an entity (creates an Opsgenie alert).
 *
 * @public
 */
export const oncallPageCreatePermission = createPermission({
  name: 'oncall.page.create',
  attributes: { action: 'create' },
});

/** Every permission the on-call plugin defines. @public */
export const oncallPermissions = [oncallPageCreatePermission];
