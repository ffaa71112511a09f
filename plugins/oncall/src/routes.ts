import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The coverage page: every Group and its services with their on-call provider. @public */
export const coverageRouteRef = createRouteRef({ id: 'oncall-coverage' });

/**
 * Where the On-call tab's "not configured" state links to. It targets this plugin's coverage
 * page by default in the new frontend system; legacy apps bind it to
 * `oncallPlugin.routes.coverage` in `bindRoutes`, or leave it unbound to hide the link.
 *
 * @public
 */
export const coverageLinkRouteRef = createExternalRouteRef({
  id: 'oncall-coverage-link',
  optional: true,
  defaultTarget: 'oncall.coverage',
});
