import {
  ONCALL_INCIDENT_DOCUMENT_TYPE,
  ONCALL_ROTATION_DOCUMENT_TYPE,
} from '@oncall-for-backstage/plugin-oncall-common';
import {
  SearchFilterResultTypeBlueprint,
  SearchResultListItemBlueprint,
} from '@backstage/plugin-search-react/alpha';
import ReportProblemIcon from '@material-ui/icons/ReportProblem';
import PhoneInTalkIcon from '@material-ui/icons/PhoneInTalk';

/** Search results of type `oncall-incident`. @alpha */
export const incidentSearchResultListItem = SearchResultListItemBlueprint.make({
  name: 'incident',
  params: {
    predicate: result => result.type === ONCALL_INCIDENT_DOCUMENT_TYPE,
    icon: <ReportProblemIcon />,
    component: () =>
      import('../components/search').then(m => props => (
        <m.IncidentSearchResultListItem
          result={props.result}
          rank={props.rank}
          icon={props.icon}
        />
      )),
  },
});

/** Search results of type `oncall-rotation`. @alpha */
export const rotationSearchResultListItem = SearchResultListItemBlueprint.make({
  name: 'rotation',
  params: {
    predicate: result => result.type === ONCALL_ROTATION_DOCUMENT_TYPE,
    icon: <PhoneInTalkIcon />,
    component: () =>
      import('../components/search').then(m => props => (
        <m.RotationSearchResultListItem
          result={props.result}
          rank={props.rank}
          icon={props.icon}
        />
      )),
  },
});

/** "Incidents" in the search page's result type filter. @alpha */
export const incidentSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'incidents',
  params: {
    value: ONCALL_INCIDENT_DOCUMENT_TYPE,
    name: 'Incidents',
    icon: <ReportProblemIcon />,
  },
});

/** "On-call" in the search page's result type filter. @alpha */
export const rotationSearchResultType = SearchFilterResultTypeBlueprint.make({
  name: 'rotations',
  params: {
    value: ONCALL_ROTATION_DOCUMENT_TYPE,
    name: 'On-call',
    icon: <PhoneInTalkIcon />,
  },
});
