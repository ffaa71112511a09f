import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Permission } from '@backstage/plugin-permission-common';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { ONCALL_INCIDENT_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { Readable } from 'node:stream';
import { collateDocuments, describeIncident } from './collateDocuments';
import { toIncidentDocument } from './documents';
import { OncallCollateClient } from './OncallCollateClient';
import { collatedIncidentSchema } from './schemas';
import { OncallIncidentDocument } from './types';

/**
 * Services the on-call collators need.
 *
 * @public
 */
export interface OncallCollatorFactoryOptions {
  discovery: DiscoveryService;
  auth: AuthService;
  logger: LoggerService;
}

/**
 * Collates incidents from the on-call backend into `oncall-incident` documents, one page
 * at a time.
 *
 * @public
 */
export class OncallIncidentCollatorFactory implements DocumentCollatorFactory {
  readonly type = ONCALL_INCIDENT_DOCUMENT_TYPE;
  /** Results are shown only to users who may read the incident's catalog entity. */
  readonly visibilityPermission: Permission = catalogEntityReadPermission;

  private constructor(
    private readonly client: OncallCollateClient,
    private readonly logger: LoggerService,
  ) {}

  static fromConfig(
    config: Config,
    options: OncallCollatorFactoryOptions,
  ): OncallIncidentCollatorFactory {
    return new OncallIncidentCollatorFactory(
      OncallCollateClient.fromConfig(config, options),
      options.logger.child({ documentType: ONCALL_INCIDENT_DOCUMENT_TYPE }),
    );
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private execute(): AsyncGenerator<OncallIncidentDocument> {
    return collateDocuments({
      client: this.client,
      resource: 'incidents',
      schema: collatedIncidentSchema,
      toDocument: toIncidentDocument,
      describe: describeIncident,
      logger: this.logger,
    });
  }
}
