export { IncidentSearchResultListItem } from './IncidentSearchResultListItem';
export type { IncidentSearchResultListItemProps } from './IncidentSearchResultListItem';
export { RotationSearchResultListItem } from './RotationSearchResultListItem';
export type { RotationSearchResultListItemProps } from './RotationSearchResultListItem';
export type { OnCallSearchResultProps } from './SearchResultFrame';
