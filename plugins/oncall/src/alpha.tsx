/**
 * The on-call plugin for the new frontend system.
 *
 * @packageDocumentation
 */
export { oncallPlugin as default } from './alpha/plugin';
export { oncallApi } from './alpha/apis';
export {
  entityOnCallContent,
  entityIncidentsContent,
  entitySloContent,
  entityTeamOnCallCard,
  entityOnCallHealthCard,
} from './alpha/entityContents';
export { homePageMyOnCallWidget } from './alpha/homeWidgets';
export { oncallCoveragePage, coverageRoute } from './alpha/coveragePage';
export {
  incidentSearchResultListItem,
  rotationSearchResultListItem,
  incidentSearchResultType,
  rotationSearchResultType,
} from './alpha/search';
