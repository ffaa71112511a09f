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

/** One on-call document type on the search page: its result view and its filter entry. */
interface DocumentKind {
  type: string;
  icon: JSX.Element;
  /** The view of a result, from `components/search` (loaded when first shown). */
  view: 'IncidentSearchResultListItem' | 'RotationSearchResultListItem';
  /** Its name in the result type filter. */
  label: string;
}

const INCIDENT: DocumentKind = {
  type: ONCALL_INCIDENT_DOCUMENT_TYPE,
  icon: <ReportProblemIcon />,
  view: 'IncidentSearchResultListItem',
  label: 'Incidents',
};

const ROTATION: DocumentKind = {
  type: ONCALL_ROTATION_DOCUMENT_TYPE,
  icon: <PhoneInTalkIcon />,
  view: 'RotationSearchResultListItem',
  label: 'On-call',
};

function listItem<TName extends string>(name: TName, kind: DocumentKind) {
  return SearchResultListItemBlueprint.make({
    name,
    params: {
      predicate: result => result.type === kind.type,
      icon: kind.icon,
      component: () =>
        import('../components/search').then(m => {
          const Item = m[kind.view];
          return props => (
            <Item result={props.result} rank={props.rank} icon={props.icon} />
          );
        }),
    },
  });
}

function resultType<TName extends string>(name: TName, kind: DocumentKind) {
  return SearchFilterResultTypeBlueprint.make({
    name,
    params: { value: kind.type, name: kind.label, icon: kind.icon },
  });
}

/** Search results of type `oncall-incident`. @alpha */
export const incidentSearchResultListItem = listItem('incident', INCIDENT);

/** Search results of type `oncall-rotation`. @alpha */
export const rotationSearchResultListItem = listItem('rotation', ROTATION);

/** "Incidents" in the search page's result type filter. @alpha */
export const incidentSearchResultType = resultType('incidents', INCIDENT);

/** "On-call" in the search page's result type filter. @alpha */
export const rotationSearchResultType = resultType('rotations', ROTATION);
