import { Entity } from '@backstage/catalog-model';
import {
  BLAMELESS_SERVICE_ANNOTATION,
  DATADOG_SLO_TAGS_ANNOTATION,
  OPSGENIE_SCHEDULE_ANNOTATION,
  OPSGENIE_TEAM_ANNOTATION,
} from './annotations';

/** Entity kinds the on-call views support. @public */
export const ONCALL_ENTITY_KINDS = [
  'component',
  'api',
  'system',
  'resource',
  'group',
  'user',
] as const;

function supportedKind(entity: Entity): boolean {
  return (ONCALL_ENTITY_KINDS as readonly string[]).includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}

/**
 * True for every entity the On-call tab can answer for. Resolution goes through the owner,
 * so an entity needs no annotation of its own; the tab explains a missing mapping.
 *
 * @public
 */
export function isOnCallAvailable(entity: Entity): boolean {
  return supportedKind(entity);
}

/** True for entities the Incidents tab can answer for. @public */
export function isIncidentsAvailable(entity: Entity): boolean {
  return (
    supportedKind(entity) && entity.kind.toLocaleLowerCase('en-US') !== 'user'
  );
}

/** True for entities the SLOs tab can answer for. @public */
export function isSloAvailable(entity: Entity): boolean {
  return (
    supportedKind(entity) && entity.kind.toLocaleLowerCase('en-US') !== 'user'
  );
}

/** True when the entity carries one of the explicit on-call annotations. @public */
export function hasOnCallAnnotation(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[OPSGENIE_TEAM_ANNOTATION] ||
      annotations[OPSGENIE_SCHEDULE_ANNOTATION],
  );
}

/** True when the entity names its Blameless service or DataDog SLO tags explicitly. @public */
export function hasReliabilityAnnotations(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[BLAMELESS_SERVICE_ANNOTATION] ||
      annotations[DATADOG_SLO_TAGS_ANNOTATION],
  );
}

/**
 * The path segment of an entity under the plugin's API: `:kind/:namespace/:name`, lower-case
 * kind, each part URL-encoded.
 *
 * @public
 */
export function entityRoutePath(ref: {
  kind: string;
  namespace?: string;
  name: string;
}): string {
  return [
    ref.kind.toLocaleLowerCase('en-US'),
    ref.namespace ?? 'default',
    ref.name,
  ]
    .map(encodeURIComponent)
    .join('/');
}
