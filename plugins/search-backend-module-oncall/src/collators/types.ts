import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  OncallIncidentSearchDocument,
  OncallRotationSearchDocument,
} from '@oncall-for-backstage/plugin-oncall-common';

/**
 * A search document for one incident, of type `oncall-incident`, as indexed.
 *
 * @public
 */
export type OncallIncidentDocument = OncallIncidentSearchDocument &
  IndexableDocument;

/**
 * A search document for who is on call now in one schedule of a team, of type
 * `oncall-rotation`, as indexed.
 *
 * @public
 */
export type OncallRotationDocument = OncallRotationSearchDocument &
  IndexableDocument;
