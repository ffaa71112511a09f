import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CallerCredentials, callerKey } from '../../lib/credentials';
import { TtlCache } from '../../lib/TtlCache';
import { GroupLoader } from '../resolution/OwnerResolver';

/** How long a caller's view of an owner Group is reused. */
const GROUP_CACHE_TTL_MS = 10_000;

/**
 * Reads Groups of the owner chain with the caller's credentials. A page view walks owner →
 * parents, so the answers are kept per caller for a few seconds: browsing a team's services
 * does not re-read the same Groups on every view.
 */
export class CallerGroups {
  readonly #groups = new TtlCache<Entity | undefined>({
    ttlMs: GROUP_CACHE_TTL_MS,
    maxEntries: 10_000,
  });

  static create(options: { catalog: CatalogService }): CallerGroups {
    return new CallerGroups(options.catalog);
  }

  private constructor(private readonly catalog: CatalogService) {}

  /** A loader of Groups as this caller may see them. */
  loaderFor(credentials: CallerCredentials): GroupLoader {
    const caller = callerKey(credentials);
    return ref =>
      this.#groups.get(
        `${caller}|${ref}`,
        async () =>
          (await this.catalog.getEntityByRef(ref, { credentials })) ??
          undefined,
      );
  }
}
