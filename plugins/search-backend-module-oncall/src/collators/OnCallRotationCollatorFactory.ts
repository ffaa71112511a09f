import { Config } from '@backstage/config';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Permission } from '@backstage/plugin-permission-common';
import { DocumentCollatorFactory } from '@backstage/plugin-search-common';
import { ONCALL_ROTATION_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { Readable } from 'node:stream';
import { bindCollation, describeRotation } from './collateDocuments';
import { toRotationDocument } from './documents';
import { collatedRotationSchema } from './schemas';
import { OnCallCollatorFactoryOptions, OnCallRotationDocument } from './types';

/**
 * Collates who is on call now for every team from the on-call backend into
 * `oncall-rotation` documents, one page at a time.
 *
 * @public
 */
export class OnCallRotationCollatorFactory implements DocumentCollatorFactory {
  readonly type = ONCALL_ROTATION_DOCUMENT_TYPE;
  /** Results are shown only to users who may read the rotation's Group. */
  readonly visibilityPermission: Permission = catalogEntityReadPermission;

  private constructor(
    private readonly collate: () => AsyncGenerator<OnCallRotationDocument>,
  ) {}

  static fromConfig(
    config: Config,
    options: OnCallCollatorFactoryOptions,
  ): OnCallRotationCollatorFactory {
    return new OnCallRotationCollatorFactory(
      bindCollation(config, options, {
        documentType: ONCALL_ROTATION_DOCUMENT_TYPE,
        resource: 'rotations',
        schema: collatedRotationSchema,
        toDocument: toRotationDocument,
        describe: describeRotation,
      }),
    );
  }

  async getCollator(): Promise<Readable> {
    return Readable.from(this.collate());
  }
}
