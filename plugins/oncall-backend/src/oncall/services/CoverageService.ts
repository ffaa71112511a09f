import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CoverageEntry,
  CoverageReport,
  CoverageState,
} from '@oncall-for-backstage/plugin-oncall-common';
import { CallerCredentials } from '../../lib/credentials';
import { OnCallStore } from '../OnCallStore';
import { OnCallSync } from '../OnCallSync';
import {
  GroupLoader,
  OwnerResolver,
  Resolution,
} from '../resolution/OwnerResolver';
import { CallerGroups } from './CallerGroups';
import { coverageEntry } from './coverageEntry';
import { OnCallFreshness } from './OnCallFreshness';

/** What {@link CoverageService} is built from. */
export interface CoverageServiceOptions {
  catalog: CatalogService;
  resolver: OwnerResolver;
  groups: CallerGroups;
  store: OnCallStore;
  sync: OnCallSync;
  freshness: OnCallFreshness;
}

/** `GET /coverage`: every Component and Group with how (or whether) it maps to a team. */
export class CoverageService {
  readonly #deps: CoverageServiceOptions;

  static create(options: CoverageServiceOptions): CoverageService {
    return new CoverageService(options);
  }

  private constructor(options: CoverageServiceOptions) {
    this.#deps = options;
  }

  /** Every Component and Group with how (or whether) it maps to an on-call team. */
  async getCoverage(credentials: CallerCredentials): Promise<CoverageReport> {
    await this.#deps.sync.ensureDirectory();
    const groups = new Map<string, Entity>();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.#deps.catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: ['Component', 'Group'] }, limit: 500 },
        { credentials },
      );
      for (const entity of page.items) {
        entities.push(entity);
        if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
          groups.set(stringifyEntityRef(entity), entity);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    const fallback = this.#deps.groups.loaderFor(credentials);
    const loadGroup: GroupLoader = async ref =>
      groups.get(ref) ?? fallback(ref);
    const summary: Record<CoverageState, number> = {
      mapped: 0,
      inherited: 0,
      'by-name': 0,
      missing: 0,
      broken: 0,
    };
    const resolved = new Map<Entity, Resolution>();
    for (const entity of entities) {
      resolved.set(
        entity,
        await this.#deps.resolver.resolve(entity, loadGroup),
      );
    }
    const known = await this.#knownNames([...resolved.values()]);
    const items: CoverageEntry[] = [];
    for (const [entity, resolution] of resolved) {
      const entry = coverageEntry(entity, resolution, known);
      summary[entry.state]++;
      items.push(entry);
    }
    items.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    return { items, summary, freshness: await this.#deps.freshness.of([]) };
  }

  /**
   * The team and schedule names (lower-cased) the on-call tool has, as far as the mappings
   * need them; undefined while the team list was never read (nothing can be called broken).
   */
  async #knownNames(
    resolutions: Resolution[],
  ): Promise<{ teams: Set<string>; schedules: Set<string> } | undefined> {
    if (!(await this.#deps.sync.directoryKnown())) {
      return undefined;
    }
    const pinned = new Set<string>();
    for (const r of resolutions) {
      for (const name of (r.resolved && r.schedules) || []) {
        pinned.add(name);
      }
    }
    const lower = (name: string) => name.toLocaleLowerCase('en-US');
    return {
      teams: new Set(
        (await this.#deps.store.listTeams()).map(t => lower(t.name)),
      ),
      schedules: new Set(
        (await this.#deps.store.findSchedulesByName([...pinned])).map(s =>
          lower(s.name),
        ),
      ),
    };
  }
}
