import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BLAMELESS_SERVICE_ANNOTATION,
  DATADOG_MONITOR_TAGS_ANNOTATION,
  DATADOG_SLO_TAGS_ANNOTATION,
  splitAnnotation,
} from '@oncall-for-backstage/plugin-oncall-common';
import { CallerCredentials as Credentials } from './credentials';

/** Kinds that stand for a service of their own. */
const SERVICE_KINDS = ['component', 'api', 'resource', 'system'];

/** The Blameless service name of an entity: `blameless.com/service`, default its name. */
export function incidentServiceOf(entity: Entity): string {
  return (
    entity.metadata.annotations?.[BLAMELESS_SERVICE_ANNOTATION]?.trim() ||
    entity.metadata.name
  );
}

/** The SLO tag query of an entity: `datadoghq.com/slo-tags` (all must match), default `service:<name>`. */
export function sloTagsOf(entity: Entity): string[] {
  const tags = splitAnnotation(
    entity.metadata.annotations?.[DATADOG_SLO_TAGS_ANNOTATION],
  );
  return tags.length > 0 ? tags : [`service:${entity.metadata.name}`];
}

/** The monitor tag query of an entity: `datadoghq.com/monitor-tags`, default `service:<name>`. */
export function monitorTagsOf(entity: Entity): string[] {
  const tags = splitAnnotation(
    entity.metadata.annotations?.[DATADOG_MONITOR_TAGS_ANNOTATION],
  );
  return tags.length > 0 ? tags : [`service:${entity.metadata.name}`];
}

/**
 * The entities whose incidents and SLOs make up an entity's view: a Component, API or Resource
 * stands for itself; a System for itself and its parts; a Group rolls up every Component, API,
 * Resource and System it owns. Catalog reads use the caller's credentials, so a roll-up holds
 * only what the caller may see.
 */
export class EntityScope {
  readonly #catalog: CatalogService;

  constructor(catalog: CatalogService) {
    this.#catalog = catalog;
  }

  async members(entity: Entity, credentials: Credentials): Promise<Entity[]> {
    const kind = entity.kind.toLocaleLowerCase('en-US');
    const ref = stringifyEntityRef(entity);
    if (kind === 'group') {
      const name = entity.metadata.name;
      return this.#find(
        [
          { 'relations.ownedBy': ref },
          { 'spec.owner': [ref, name, `group:${name}`] },
        ],
        credentials,
      );
    }
    if (kind === 'system') {
      const parts = await this.#find(
        [
          { 'relations.partOf': ref },
          { 'spec.system': [ref, entity.metadata.name] },
        ],
        credentials,
      );
      return [entity, ...parts.filter(p => stringifyEntityRef(p) !== ref)];
    }
    if (SERVICE_KINDS.includes(kind)) {
      return [entity];
    }
    return [];
  }

  async #find(
    filter: Array<Record<string, string | string[]>>,
    credentials: Credentials,
  ): Promise<Entity[]> {
    const { items } = await this.#catalog.getEntities(
      { filter },
      { credentials },
    );
    const seen = new Set<string>();
    return items.filter(item => {
      const ref = stringifyEntityRef(item);
      if (
        seen.has(ref) ||
        !SERVICE_KINDS.includes(item.kind.toLocaleLowerCase('en-US'))
      ) {
        return false;
      }
      seen.add(ref);
      return true;
    });
  }

  /** Every service-like entity in the catalog by its incident service name (for the collator). */
  async serviceIndex(credentials: Credentials): Promise<Map<string, string[]>> {
    const { items } = await this.#catalog.getEntities(
      { filter: { kind: ['Component', 'API', 'Resource', 'System'] } },
      { credentials },
    );
    const index = new Map<string, string[]>();
    for (const entity of items) {
      const service = incidentServiceOf(entity).toLocaleLowerCase('en-US');
      index.set(service, [
        ...(index.get(service) ?? []),
        stringifyEntityRef(entity),
      ]);
    }
    return index;
  }
}
