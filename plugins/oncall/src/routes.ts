import {
  createExternalRouteRef,
  createRouteRef,
} from '@backstage/core-plugin-api';

/** The coverage page: every Group and its services with their on-call provider. @public */
export const coverageRouteRef = createRouteRef({ id: 'oncall-coverage' });

/**
 * Where the On-call tab's "not configured" state links to. Legacy apps bind it to
 * `oncallPlugin.routes.coverage` in `bindRoutes`; unbound, the link is hidden. (In the new
 * frontend system a default target or a binding to this plugin's own page keeps the app's
 * routes from rendering, so there the page is reached from the sidebar.)
 *
 * @public
 */
export const coverageLinkRouteRef = createExternalRouteRef({
  id: 'oncall-coverage-link',
  optional: true,
});
