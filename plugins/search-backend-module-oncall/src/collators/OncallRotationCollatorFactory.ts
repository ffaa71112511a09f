import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Permission } from '@backstage/plugin-permission-common';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { ONCALL_ROTATION_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { Readable } from 'node:stream';
import { collateDocuments, describeRotation } from './collateDocuments';
import { toRotationDocument } from './documents';
import { OncallCollateClient } from './OncallCollateClient';
import { OncallCollatorFactoryOptions } from './OncallIncidentCollatorFactory';
import { collatedRotationSchema } from './schemas';
import { OncallRotationDocument } from './types';

/**
 * Collates who is on call now for every team from the on-call backend into
 * `oncall-rotation` documents, one page at a time.
 *
 * @public
 */
export class OncallRotationCollatorFactory implements DocumentCollatorFactory {
  readonly type = ONCALL_ROTATION_DOCUMENT_TYPE;
  /** Results are shown only to users who may read the rotation's Group. */
  readonly visibilityPermission: Permission = catalogEntityReadPermission;

  private constructor(
    private readonly client: OncallCollateClient,
    private readonly logger: LoggerService,
  ) {}

  static fromConfig(
    config: Config,
    options: OncallCollatorFactoryOptions,
  ): OncallRotationCollatorFactory {
    return new OncallRotationCollatorFactory(
      OncallCollateClient.fromConfig(config, options),
      options.logger.child({ documentType: ONCALL_ROTATION_DOCUMENT_TYPE }),
    );
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.execute());
  }

  private execute(): AsyncGenerator<OncallRotationDocument> {
    return collateDocuments({
      client: this.client,
      resource: 'rotations',
      schema: collatedRotationSchema,
      toDocument: toRotationDocument,
      describe: describeRotation,
      logger: this.logger,
    });
  }
}
