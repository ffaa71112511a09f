import { Config } from '@backstage/config';
import { ONCALL_INCIDENT_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { bindCollation, incidentCollation } from './collateDocuments';
import { OnCallCollatorFactory } from './OnCallCollatorFactory';
import { OnCallCollatorFactoryOptions, OnCallIncidentDocument } from './types';

/**
 * Collates incidents from the on-call backend into `oncall-incident` documents, one page
 * at a time; results are shown only to users who may read the incident's catalog entity.
 *
 * @public
 */
export class OnCallIncidentCollatorFactory extends OnCallCollatorFactory<OnCallIncidentDocument> {
  readonly type = ONCALL_INCIDENT_DOCUMENT_TYPE;

  static fromConfig(config: Config, options: OnCallCollatorFactoryOptions) {
    return new OnCallIncidentCollatorFactory(
      bindCollation(config, options, incidentCollation),
    );
  }
}
