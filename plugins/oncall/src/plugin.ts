import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createCardExtension } from '@backstage/plugin-home-react';
import { oncallApiRef, OnCallClient } from './api';
import { coverageLinkRouteRef, coverageRouteRef } from './routes';

/** The on-call plugin for apps on the legacy frontend system. @public */
export const oncallPlugin = createPlugin({
  id: 'oncall',
  apis: [
    createApiFactory({
      api: oncallApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OnCallClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { coverage: coverageRouteRef },
  externalRoutes: { coverageLink: coverageLinkRouteRef },
});

/**
 * Coverage page: every Group and its services with their on-call provider, how each was
 * resolved, the YAML for what is missing, and the migration off Opsgenie. @public
 */
export const OnCallCoveragePage = oncallPlugin.provide(
  createRoutableExtension({
    name: 'OnCallCoveragePage',
    mountPoint: coverageRouteRef,
    component: () =>
      import('./components/CoveragePage').then(m => m.CoveragePage),
  }),
);

/** A component extension of the plugin, loaded when it is first shown. */
function provideComponent<T extends (props: any) => JSX.Element | null>(
  name: string,
  lazy: () => Promise<T>,
) {
  return oncallPlugin.provide(
    createComponentExtension({ name, component: { lazy } }),
  );
}

/** On-call tab: escalation chain, IC, timeline, paging. @public */
export const EntityOnCallContent = provideComponent('EntityOnCallContent', () =>
  import('./components/OnCallContent').then(m => m.OnCallContent),
);

/** Incidents tab: filterable history, MTTA/MTTR, weekly chart. @public */
export const EntityIncidentsContent = provideComponent(
  'EntityIncidentsContent',
  () => import('./components/IncidentsContent').then(m => m.IncidentsContent),
);

/** SLOs tab: budgets, burn rates, burn-down with incidents. @public */
export const EntitySloContent = provideComponent('EntitySloContent', () =>
  import('./components/SloContent').then(m => m.SloContent),
);

/**
 * Live incident banner for the top of an entity page (above the tabs, e.g. in an
 * `EntitySwitch` around the `EntityLayout`): open incidents touching the entity, updated
 * through signals without a reload. @public
 */
export const EntityLiveIncidentBanner = provideComponent(
  'EntityLiveIncidentBanner',
  () =>
    import('./components/LiveIncidentBanner').then(m => m.LiveIncidentBanner),
);

/** Team on-call card for Group pages. @public */
export const EntityTeamOnCallCard = provideComponent(
  'EntityTeamOnCallCard',
  () => import('./components/TeamOnCallCard').then(m => m.TeamOnCallCard),
);

/** On-call health card (pages per week, overloaded weeks, noisy alerts) for Group pages. @public */
export const EntityOnCallHealthCard = provideComponent(
  'EntityOnCallHealthCard',
  () => import('./components/HealthCard').then(m => m.HealthCard),
);

/** "My on-call" card for the home page. @public */
export const HomePageMyOnCallCard = oncallPlugin.provide(
  createCardExtension<{}>({
    name: 'HomePageMyOnCallCard',
    title: 'My on-call',
    description: 'Whether you are on call now, and your next shifts',
    components: () =>
      import('./components/MyOnCallCard').then(m => ({
        Content: m.MyOnCallContent,
      })),
  }),
);
