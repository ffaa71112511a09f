import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { Permission } from '@backstage/plugin-permission-common';
import {
  DocumentCollatorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { Readable } from 'node:stream';

/**
 * What the on-call collator factories share: each run streams the documents of one
 * `/collate/*` route of the on-call backend, and results are shown only to users who may
 * read the catalog entity a document belongs to.
 *
 * @public
 */
export abstract class OnCallCollatorFactory<TDocument extends IndexableDocument>
  implements DocumentCollatorFactory
{
  abstract readonly type: string;
  /** Results are shown only to users who may read the document's catalog entity. */
  readonly visibilityPermission: Permission = catalogEntityReadPermission;

  protected constructor(
    private readonly collate: () => AsyncGenerator<TDocument>,
  ) {}

  async getCollator(): Promise<Readable> {
    return Readable.from(this.collate());
  }
}
