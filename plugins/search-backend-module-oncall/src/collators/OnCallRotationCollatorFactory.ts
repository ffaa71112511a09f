import { Config } from '@backstage/config';
import { ONCALL_ROTATION_DOCUMENT_TYPE } from '@oncall-for-backstage/plugin-oncall-common';
import { bindCollation, rotationCollation } from './collateDocuments';
import { OnCallCollatorFactory } from './OnCallCollatorFactory';
import { OnCallCollatorFactoryOptions, OnCallRotationDocument } from './types';

/**
 * Collates who is on call now for every team from the on-call backend into
 * `oncall-rotation` documents, one page at a time; results are shown only to users who may
 * read the rotation's Group.
 *
 * @public
 */
export class OnCallRotationCollatorFactory extends OnCallCollatorFactory<OnCallRotationDocument> {
  readonly type = ONCALL_ROTATION_DOCUMENT_TYPE;

  static fromConfig(config: Config, options: OnCallCollatorFactoryOptions) {
    return new OnCallRotationCollatorFactory(
      bindCollation(config, options, rotationCollation),
    );
  }
}
