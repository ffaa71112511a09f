import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import { oncallApi } from './apis';
import {
  coverageLinkRoute,
  coverageRoute,
  oncallCoveragePage,
} from './coveragePage';
import {
  entityIncidentsContent,
  entityLiveIncidentBanner,
  entityOnCallContent,
  entitySloContent,
  entityTeamOnCallCard,
  entityOnCallHealthCard,
} from './entityContents';
import { homePageMyOnCallWidget } from './homeWidgets';
import {
  incidentSearchResultListItem,
  incidentSearchResultType,
  rotationSearchResultListItem,
  rotationSearchResultType,
} from './search';

/** The on-call plugin for the new frontend system. @alpha */
export const oncallPlugin = createFrontendPlugin({
  pluginId: 'oncall',
  title: 'On-call',
  info: { packageJson: () => import('../../package.json') },
  routes: { coverage: coverageRoute },
  externalRoutes: { coverageLink: coverageLinkRoute },
  extensions: [
    oncallApi,
    oncallCoveragePage,
    entityLiveIncidentBanner,
    entityOnCallContent,
    entityIncidentsContent,
    entitySloContent,
    entityTeamOnCallCard,
    entityOnCallHealthCard,
    homePageMyOnCallWidget,
    incidentSearchResultListItem,
    rotationSearchResultListItem,
    incidentSearchResultType,
    rotationSearchResultType,
  ],
});
