import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { incidentServiceOf } from '../lib/EntityScope';

/** A catalog entity an incident service maps to, with the Groups that own it. */
export interface ServiceEntity {
  /** Lower-case entity ref. */
  entityRef: string;
  /** Lower-case refs of the owning Groups. */
  groupRefs: string[];
}

/** The catalog entities per incident service name (lower case). */
export interface ServiceOwnerLookup {
  load(): Promise<Map<string, ServiceEntity[]>>;
}

/**
 * Which Components, APIs, Resources and Systems an incident service is (their
 * `blameless.com/service`, default the entity name) and which Groups own them, read from the
 * catalog with the plugin's own credentials.
 */
export class ServiceOwnerIndex implements ServiceOwnerLookup {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  async load(): Promise<Map<string, ServiceEntity[]>> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: { kind: ['Component', 'API', 'Resource', 'System'] },
        fields: ['kind', 'metadata', 'relations'],
      },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    const index = new Map<string, ServiceEntity[]>();
    for (const entity of items) {
      const service = incidentServiceOf(entity).toLocaleLowerCase('en-US');
      index.set(service, [
        ...(index.get(service) ?? []),
        {
          entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
          groupRefs: owningGroups(entity),
        },
      ]);
    }
    return index;
  }
}

function owningGroups(entity: Entity): string[] {
  const refs: string[] = [];
  for (const relation of entity.relations ?? []) {
    if (relation.type !== RELATION_OWNED_BY) {
      continue;
    }
    const target = parseEntityRef(relation.targetRef);
    if (target.kind.toLocaleLowerCase('en-US') === 'group') {
      refs.push(stringifyEntityRef(target).toLocaleLowerCase('en-US'));
    }
  }
  return refs;
}

/** The path of a tab of an entity's page in the app, e.g. `/catalog/default/component/x/incidents`. */
export function entityTabPath(entityRef: string, tab: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${[namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/')}/${tab}`;
}
