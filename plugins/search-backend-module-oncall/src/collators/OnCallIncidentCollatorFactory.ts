import { Config } from '@backstage/config';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Permission } from '@backstage/plugin-permission-common';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { ONCALL_INCIDENT_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { Readable } from 'node:stream';
import { bindCollation, describeIncident } from './collateDocuments';
import { toIncidentDocument } from './documents';
import { collatedIncidentSchema } from './schemas';
import { OnCallCollatorFactoryOptions, OnCallIncidentDocument } from './types';

/**
 * Collates incidents from the on-call backend into `oncall-incident` documents, one page
 * at a time.
 *
 * @public
 */
export class OnCallIncidentCollatorFactory implements DocumentCollatorFactory {
  readonly type = ONCALL_INCIDENT_DOCUMENT_TYPE;
  /** Results are shown only to users who may read the incident's catalog entity. */
  readonly visibilityPermission: Permission = catalogEntityReadPermission;

  private constructor(
    private readonly collate: () => AsyncGenerator<OnCallIncidentDocument>,
  ) {}

  static fromConfig(
    config: Config,
    options: OnCallCollatorFactoryOptions,
  ): OnCallIncidentCollatorFactory {
    return new OnCallIncidentCollatorFactory(
      bindCollation(config, options, {
        documentType: ONCALL_INCIDENT_DOCUMENT_TYPE,
        resource: 'incidents',
        schema: collatedIncidentSchema,
        toDocument: toIncidentDocument,
        describe: describeIncident,
      }),
    );
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.collate());
  }
}
