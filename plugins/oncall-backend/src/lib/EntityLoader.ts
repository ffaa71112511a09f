import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EntityParams, toEntityRef } from './entityParams';
import { TtlCache } from './TtlCache';
import { CallerCredentials as Credentials, callerKey } from './credentials';

/** How long a caller's read of an entity is reused (a revoked read applies after this). */
const ENTITY_CACHE_TTL_MS = 5_000;

/**
 * Reads entities from the catalog with the caller's own credentials, so a caller who may
 * not see an entity gets a 404 for its on-call data too. A page view's three tabs, and a
 * user clicking between them, ask for the same entity within seconds: each caller's answer
 * is reused for {@link ENTITY_CACHE_TTL_MS}.
 */
export class EntityLoader {
  readonly #catalog: CatalogService;
  readonly #cache: TtlCache<Entity | undefined>;

  constructor(catalog: CatalogService, options: { ttlMs?: number } = {}) {
    this.#catalog = catalog;
    this.#cache = new TtlCache({
      ttlMs: options.ttlMs ?? ENTITY_CACHE_TTL_MS,
      maxEntries: 10_000,
    });
  }

  async load(params: EntityParams, credentials: Credentials): Promise<Entity> {
    const entityRef = toEntityRef(params);
    const caller = callerKey(credentials);
    const entity = await this.#cache.get(
      `${caller}|${entityRef}`,
      async () =>
        (await this.#catalog.getEntityByRef(entityRef, { credentials })) ??
        undefined,
    );
    if (!entity) {
      throw new NotFoundError(`No entity ${entityRef} in the catalog`);
    }
    return entity;
  }
}
