import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
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
export type OnCallIncidentDocument = OncallIncidentSearchDocument &
  IndexableDocument;

/**
 * A search document for who is on call now in one schedule of a team, of type
 * `oncall-rotation`, as indexed.
 *
 * @public
 */
export type OnCallRotationDocument = OncallRotationSearchDocument &
  IndexableDocument;

/**
 * Services the on-call collators need.
 *
 * @public
 */
export interface OnCallCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}
