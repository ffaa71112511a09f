import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  isIncidentsAvailable,
  isOnCallAvailable,
  isSloAvailable,
} from '@oncall-for-backstage/plugin-oncall-common';

/**
 * On-call tab (`/on-call`), a top-level tab unless the app config names a group
 * (`entity-content:oncall/on-call: { config: { group: operation } }`). @alpha
 */
export const entityOnCallContent = EntityContentBlueprint.make({
  name: 'on-call',
  params: {
    path: 'on-call',
    title: 'On-call',
    filter: isOnCallAvailable,
    loader: () =>
      import('../components/OnCallContent').then(m => <m.OnCallContent />),
  },
});

/** Incidents tab (`/incidents`), top-level unless the app config names a group. @alpha */
export const entityIncidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: 'incidents',
    title: 'Incidents',
    filter: isIncidentsAvailable,
    loader: () =>
      import('../components/IncidentsContent').then(m => (
        <m.IncidentsContent />
      )),
  },
});

/** SLOs tab (`/slos`), top-level unless the app config names a group. @alpha */
export const entitySloContent = EntityContentBlueprint.make({
  name: 'slos',
  params: {
    path: 'slos',
    title: 'SLOs',
    filter: isSloAvailable,
    loader: () =>
      import('../components/SloContent').then(m => <m.SloContent />),
  },
});

/** Team on-call card on Group pages. @alpha */
export const entityTeamOnCallCard = EntityCardBlueprint.make({
  name: 'team-on-call',
  params: {
    type: 'info',
    filter: 'kind:group',
    loader: () =>
      import('../components/TeamOnCallCard').then(m => <m.TeamOnCallCard />),
  },
});

/** On-call health card on Group pages. @alpha */
export const entityOnCallHealthCard = EntityCardBlueprint.make({
  name: 'on-call-health',
  params: {
    type: 'content',
    filter: 'kind:group',
    loader: () =>
      import('../components/HealthCard').then(m => <m.HealthCard />),
  },
});

/**
 * Live incident banner: the first card of the overview on Component, API, Resource, System and
 * Group pages, following open incidents through signals. @alpha
 */
export const entityLiveIncidentBanner = EntityCardBlueprint.make({
  name: 'live-incidents',
  params: {
    type: 'content',
    filter: isIncidentsAvailable,
    loader: () =>
      import('../components/LiveIncidentBanner').then(m => (
        <m.LiveIncidentBanner />
      )),
  },
});
