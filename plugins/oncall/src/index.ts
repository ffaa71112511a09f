/**
 * On-call, incidents and SLOs for Backstage entity pages (legacy frontend system exports; the
 * new frontend system plugin is the default export of `/alpha`).
 *
 * @packageDocumentation
 */
export {
  oncallPlugin,
  EntityOnCallContent,
  EntityIncidentsContent,
  EntitySloContent,
  EntityTeamOnCallCard,
  EntityOnCallHealthCard,
  EntityLiveIncidentBanner,
  HomePageMyOnCallCard,
  OnCallCoveragePage,
} from './plugin';
export { coverageLinkRouteRef, coverageRouteRef } from './routes';
export { oncallApiRef, OnCallClient } from './api';
export type { OnCallApi, OnCallEntityRef, IncidentQuery } from './api';
export {
  IncidentSearchResultListItem,
  RotationSearchResultListItem,
} from './components/search';
export type {
  IncidentSearchResultListItemProps,
  OnCallSearchResultProps,
  RotationSearchResultListItemProps,
} from './components/search';
export {
  isOnCallAvailable,
  isIncidentsAvailable,
  isSloAvailable,
  oncallPageCreatePermission,
} from '@oncall-for-backstage/plugin-oncall-common';
