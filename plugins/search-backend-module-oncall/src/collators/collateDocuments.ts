import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { IndexableDocument } from '@backstage/plugin-search-common';
import {
  ONCALL_INCIDENT_DOCUMENT_TYPE,
  ONCALL_ROTATION_DOCUMENT_TYPE,
} from '@oncall-for-backstage/plugin-oncall-common';
import { z } from 'zod';
import { toIncidentDocument, toRotationDocument } from './documents';
import { CollateResource, OnCallCollateClient } from './OnCallCollateClient';
import { collatedIncidentSchema, collatedRotationSchema } from './schemas';
import {
  OnCallCollatorFactoryOptions,
  OnCallIncidentDocument,
  OnCallRotationDocument,
} from './types';

/** Options for {@link collateDocuments}. */
export interface CollateDocumentsOptions<TSchema extends z.ZodTypeAny, TDoc> {
  client: OnCallCollateClient;
  resource: CollateResource;
  /** Validates one item of a page. */
  schema: TSchema;
  /** Maps a valid item to its document; undefined skips the item. */
  toDocument: (item: z.infer<TSchema>) => TDoc | undefined;
  /** Names an item, valid or not, in log lines. */
  describe: (raw: unknown) => string;
  logger: LoggerService;
}

/**
 * Streams the documents of one `/collate/*` route page by page. An item that fails
 * validation is skipped with a log line naming it; any failure to read a page fails the
 * whole run, so a broken backend never silently empties the index.
 */
export async function* collateDocuments<
  TSchema extends z.ZodTypeAny,
  TDoc extends IndexableDocument,
>(options: CollateDocumentsOptions<TSchema, TDoc>): AsyncGenerator<TDoc> {
  const { client, resource, schema, toDocument, describe, logger } = options;
  const counts = { pages: 0, documents: 0, invalid: 0, unlinked: 0 };
  for await (const items of client.pages(resource)) {
    counts.pages += 1;
    for (const raw of items) {
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        counts.invalid += 1;
        logger.warn('Skipped an invalid on-call record', {
          resource,
          id: describe(raw),
          reason: parsed.error.issues
            .map(
              issue => `${issue.path.join('.') || '(item)'}: ${issue.message}`,
            )
            .join('; '),
        });
        continue;
      }
      const document = toDocument(parsed.data);
      if (document === undefined) {
        counts.unlinked += 1;
        logger.debug('Skipped an on-call record linked to no catalog entity', {
          resource,
          id: describe(raw),
        });
        continue;
      }
      counts.documents += 1;
      yield document;
    }
  }
  logger.info('Collated on-call records', { resource, ...counts });
}

/** What sets one collator apart: its document type and how its route's items map. */
export interface DocumentCollation<TSchema extends z.ZodTypeAny, TDoc>
  extends Omit<CollateDocumentsOptions<TSchema, TDoc>, 'client' | 'logger'> {
  /** The search document type, also named in every log line of the run. */
  documentType: string;
}

/**
 * Binds a collation to a client and logger built from config and the module's services;
 * each call of the returned function starts one run of {@link collateDocuments}.
 */
export function bindCollation<
  TSchema extends z.ZodTypeAny,
  TDoc extends IndexableDocument,
>(
  config: Config,
  options: OnCallCollatorFactoryOptions,
  collation: DocumentCollation<TSchema, TDoc>,
): () => AsyncGenerator<TDoc> {
  const { documentType, ...documents } = collation;
  const client = OnCallCollateClient.fromConfig(config, options);
  const logger = options.logger.child({ documentType });
  return () => collateDocuments({ ...documents, client, logger });
}

function stringProperty(raw: unknown, key: string): string | undefined {
  if (typeof raw !== 'object' || raw === null || !(key in raw)) {
    return undefined;
  }
  const value: unknown = Reflect.get(raw, key);
  return typeof value === 'string' ? value : undefined;
}

/** Incidents, named in log lines by their id. */
export const incidentCollation = {
  documentType: ONCALL_INCIDENT_DOCUMENT_TYPE,
  resource: 'incidents',
  schema: collatedIncidentSchema,
  toDocument: toIncidentDocument,
  describe: raw => stringProperty(raw, 'id') ?? '(no id)',
} satisfies DocumentCollation<
  typeof collatedIncidentSchema,
  OnCallIncidentDocument
>;

/** Names a raw rotation by its Group (or team) and schedule id. */
function describeRotation(raw: unknown): string {
  const owner =
    stringProperty(raw, 'entityRef') ||
    stringProperty(raw, 'team') ||
    '(no team)';
  const schedule =
    typeof raw === 'object' && raw !== null && 'schedule' in raw
      ? stringProperty(raw.schedule, 'id')
      : undefined;
  return `${owner} schedule ${schedule || '(no id)'}`;
}

/** Who is on call now for every team, one document per schedule. */
export const rotationCollation = {
  documentType: ONCALL_ROTATION_DOCUMENT_TYPE,
  resource: 'rotations',
  schema: collatedRotationSchema,
  toDocument: toRotationDocument,
  describe: describeRotation,
} satisfies DocumentCollation<
  typeof collatedRotationSchema,
  OnCallRotationDocument
>;
