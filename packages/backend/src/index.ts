/*
 * The portal's backend: the catalog, search, auth and permissions, plus the on-call plugin
 * family. With no vendor credentials configured, the on-call plugin reads from the vendor
 * sandbox mounted in this same backend (see app-config.yaml).
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// auth: the guest provider signs demo users in
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

// permissions: the policy is chosen by oncall.paging.permissionPolicy — `members` (paging for
// the owning Group and the Groups above it, everything else allowed; production) or
// `allow-all` (the demo, app-config.yaml)
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@oncall-for-backstage/plugin-oncall-backend/permission-policy'),
);

// search: Lunr in memory, or PostgreSQL with `search.engine: postgres`; on-call questions
// ("who is on call for payments") list the rotations that answer them first
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('./modules/searchEngine'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(
  import('@oncall-for-backstage/plugin-search-backend-module-oncall'),
);

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
// notifications: the on-call plugin notifies owners of a SEV0/SEV1 and responders of their shift
backend.add(import('@backstage/plugin-notifications-backend'));

// on-call, incidents and SLOs
backend.add(import('@oncall-for-backstage/plugin-oncall-backend'));
// the vendor sandbox; it only mounts when `oncall-sandbox.enabled` is true (default config)
backend.add(import('@oncall-for-backstage/plugin-oncall-sandbox-backend'));

backend.start();
