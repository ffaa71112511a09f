import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { coverageLinkRouteRef, coverageRouteRef } from '../routes';

/** The coverage route in the new frontend system. @alpha */
export const coverageRoute = convertLegacyRouteRef(coverageRouteRef);

/** The On-call tab's link to the coverage page; targets this plugin's page by default. @alpha */
export const coverageLinkRoute = convertLegacyRouteRef(coverageLinkRouteRef);

/** Coverage page at `/oncall/coverage`, with a sidebar item "On-call coverage". @alpha */
export const oncallCoveragePage = PageBlueprint.make({
  name: 'coverage',
  params: {
    path: '/oncall/coverage',
    title: 'On-call coverage',
    icon: <AssignmentTurnedInIcon />,
    routeRef: coverageRoute,
    loader: () =>
      import('../components/CoveragePage').then(m => <m.CoverageContent />),
  },
});
