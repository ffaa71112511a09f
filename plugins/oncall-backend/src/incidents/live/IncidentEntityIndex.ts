import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { incidentServiceOf } from '../../lib/EntityScope';

/**
 * Which entity pages show an incident filed against a service: the Components, APIs,
 * Resources and Systems whose incident service it is, the Groups that own them and the Systems
 * they are part of (the same roll-up as the incidents tab). Read from the catalog with the
 * plugin's own credentials.
 */
export class IncidentEntityIndex {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;

  constructor(options: { catalog: CatalogService; auth: AuthService }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
  }

  /** The entity refs (lower case) per incident service name (lower case). */
  async load(): Promise<Map<string, Set<string>>> {
    const { items } = await this.#catalog.getEntities(
      {
        filter: { kind: ['Component', 'API', 'Resource', 'System'] },
        fields: ['kind', 'metadata', 'relations', 'spec.owner', 'spec.system'],
      },
      { credentials: await this.#auth.getOwnServiceCredentials() },
    );
    const index = new Map<string, Set<string>>();
    for (const entity of items) {
      const service = incidentServiceOf(entity).toLocaleLowerCase('en-US');
      const refs = index.get(service) ?? new Set<string>();
      for (const ref of pagesOf(entity)) {
        refs.add(ref);
      }
      index.set(service, refs);
    }
    return index;
  }
}

/** The entity itself, its owning Groups and the Systems it is part of. */
function pagesOf(entity: Entity): string[] {
  const refs = [stringifyEntityRef(entity)];
  for (const relation of entity.relations ?? []) {
    const target = parseEntityRef(relation.targetRef);
    const kind = target.kind.toLocaleLowerCase('en-US');
    if (
      (relation.type === RELATION_OWNED_BY && kind === 'group') ||
      (relation.type === RELATION_PART_OF && kind === 'system')
    ) {
      refs.push(stringifyEntityRef(target));
    }
  }
  return refs.map(ref => ref.toLocaleLowerCase('en-US'));
}
