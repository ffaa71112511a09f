import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { GroupLoader, OwnerResolver } from '../resolution/OwnerResolver';

/** The kinds whose on-call is resolved through an annotation or their owner Group. */
const COVERED_KINDS = ['Group', 'System', 'Component', 'API', 'Resource'];

const key = (name: string) => name.toLocaleLowerCase('en-US');

function add(map: Map<string, Set<string>>, name: string, entityRef: string) {
  const refs = map.get(key(name)) ?? new Set<string>();
  refs.add(entityRef);
  map.set(key(name), refs);
}

/**
 * Which catalog entities each on-call team, and each pinned schedule, is on call for: every
 * Group, System, Component, API and Resource resolved the way its On-call tab resolves it
 * (own annotation, owner Group, config mapping, team by name, then the parent chain).
 */
export class RotationCoverage {
  private constructor(
    private readonly byTeam: Map<string, Set<string>>,
    private readonly bySchedule: Map<string, Set<string>>,
  ) {}

  /** Reads the catalog with the given credentials and resolves every entity once. */
  static async load(options: {
    catalog: CatalogService;
    resolver: OwnerResolver;
    credentials: BackstageCredentials;
  }): Promise<RotationCoverage> {
    const { catalog, resolver, credentials } = options;
    const entities: Entity[] = [];
    const groups = new Map<string, Entity>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: COVERED_KINDS }, limit: 500 },
        { credentials },
      );
      for (const entity of page.items) {
        entities.push(entity);
        if (key(entity.kind) === 'group') {
          groups.set(stringifyEntityRef(entity), entity);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    const loadGroup: GroupLoader = async ref =>
      groups.get(ref) ??
      (await catalog.getEntityByRef(ref, { credentials })) ??
      undefined;
    const byTeam = new Map<string, Set<string>>();
    const bySchedule = new Map<string, Set<string>>();
    for (const entity of entities) {
      const resolution = await resolver.resolve(entity, loadGroup);
      if (!resolution.resolved) {
        continue;
      }
      const entityRef = stringifyEntityRef(entity);
      if (resolution.schedules) {
        for (const schedule of resolution.schedules) {
          add(bySchedule, schedule, entityRef);
        }
      } else if (resolution.team) {
        add(byTeam, resolution.team, entityRef);
      }
    }
    return new RotationCoverage(byTeam, bySchedule);
  }

  /**
   * The entities a schedule is on call for, sorted: those mapped to its team without a
   * schedule pin, and those whose annotation pins this schedule.
   */
  entityRefsOf(team: string | undefined, schedule: string): string[] {
    const refs = new Set([
      ...(team ? this.byTeam.get(key(team)) ?? [] : []),
      ...(this.bySchedule.get(key(schedule)) ?? []),
    ]);
    return [...refs].sort();
  }
}
