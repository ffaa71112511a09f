import { SearchDocument } from '@backstage/plugin-search-common';
import {
  OncallIncidentSearchDocument,
  OncallRotationSearchDocument,
} from '@oncall-for-backstage/plugin-oncall-common';
import { ReactNode } from 'react';

/**
 * Props of an on-call search result item: the search document with the fields of `TDocument`
 * it carries (nothing is shown without one), its rank and the icon. @public
 */
export interface OnCallSearchResultProps<TDocument extends object> {
  result?: SearchDocument & Partial<TDocument>;
  rank?: number;
  icon?: ReactNode;
}

/** Props of {@link IncidentSearchResultListItem}. @public */
export type IncidentSearchResultListItemProps =
  OnCallSearchResultProps<OncallIncidentSearchDocument>;

/** Props of {@link RotationSearchResultListItem}. @public */
export type RotationSearchResultListItemProps =
  OnCallSearchResultProps<OncallRotationSearchDocument>;
