export { IncidentSearchResultListItem } from './IncidentSearchResultListItem';
export { RotationSearchResultListItem } from './RotationSearchResultListItem';
export type {
  IncidentSearchResultListItemProps,
  OnCallSearchResultProps,
  RotationSearchResultListItemProps,
} from './searchResultProps';
