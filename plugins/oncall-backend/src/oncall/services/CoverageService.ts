import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CoverageEntry,
  CoverageReport,
  CoverageRotation,
  CoverageState,
  RotationSource,
  summarizeMigration,
} from '@oncall-for-backstage/plugin-oncall-common';
import { CallerCredentials } from '../../lib/credentials';
import { ScheduleRef } from '../OnCallProvider';
import { OnCallStore } from '../OnCallStore';
import { OnCallSync } from '../OnCallSync';
import {
  GroupLoader,
  OwnerResolver,
  Resolution,
} from '../resolution/OwnerResolver';
import { CallerGroups } from './CallerGroups';
import { coverageEntry } from './coverageEntry';
import { CoverageProvider, enrichEntry, groupCoverage } from './coverageGroups';
import { OnCallFreshness } from './OnCallFreshness';

/** What {@link CoverageService} needs. */
export interface CoverageServiceOptions {
  catalog: CatalogService;
  resolver: OwnerResolver;
  groups: CallerGroups;
  store: OnCallStore;
  sync: OnCallSync;
  freshness: OnCallFreshness;
  /** The provider the rotations come from. */
  provider: CoverageProvider;
  /** A link to a schedule in that provider's UI. */
  scheduleUrl: (schedule: ScheduleRef) => string | undefined;
  /** Where a schedule comes from, when several providers are configured. */
  sourceOf?: (schedule: ScheduleRef) => RotationSource;
  /**
   * Several providers: the provider serving a team and the name collision it won, so a row
   * names its real provider and an undecided collision shows as an ambiguity.
   */
  teamSource?: (
    team: string,
    storedTeamId?: string,
  ) =>
    | {
        providerId: string;
        provider: CoverageProvider['provider'];
        collision?: {
          providerIds: string[];
          ambiguous: boolean;
          message: string;
        };
      }
    | undefined;
  /** The clock the migration tracker's days left are counted from. */
  now?: () => Date;
}

/** `GET /coverage`: every Component and Group with how (or whether) it maps to a team. */
export class CoverageService {
  static create(options: CoverageServiceOptions): CoverageService {
    return new CoverageService(options);
  }

  private constructor(private readonly options: CoverageServiceOptions) {}

  /** Every Component and Group with how (or whether) it maps to an on-call team. */
  async getCoverage(credentials: CallerCredentials): Promise<CoverageReport> {
    await this.options.sync.ensureDirectory();
    const groups = new Map<string, Entity>();
    const entities: Entity[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.options.catalog.queryEntities(
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
    const fallback = this.options.groups.loaderFor(credentials);
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
        await this.options.resolver.resolve(entity, loadGroup),
      );
    }
    const known = await this.#knownNames([...resolved.values()]);
    const rotations = await this.#teamRotations([...resolved.values()]);
    const storedTeams = this.options.teamSource
      ? new Map(
          (await this.options.store.listTeams()).map(t => [
            t.name.toLocaleLowerCase('en-US'),
            t.id,
          ]),
        )
      : undefined;
    const items: CoverageEntry[] = [];
    const rows: Array<{ entity: Entity; entry: CoverageEntry }> = [];
    for (const [entity, resolution] of resolved) {
      const served =
        resolution.resolved && resolution.team
          ? this.options.teamSource?.(
              resolution.team,
              storedTeams?.get(resolution.team.toLocaleLowerCase('en-US')),
            )
          : undefined;
      const enriched = enrichEntry(
        entity,
        coverageEntry(entity, resolution, known),
        resolution,
        {
          provider: served
            ? { providerId: served.providerId, provider: served.provider }
            : this.options.provider,
          rotations: team => rotations.get(team) ?? [],
        },
      );
      const entry: CoverageEntry = served?.collision?.ambiguous
        ? {
            ...enriched,
            ambiguity: {
              providerIds: served.collision.providerIds,
              message: served.collision.message,
            },
          }
        : enriched;
      summary[entry.state]++;
      items.push(entry);
      rows.push({ entity, entry });
    }
    items.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
    const groupRows = groupCoverage(rows);
    const migration = summarizeMigration(
      groupRows.map(group => ({
        provider:
          group.state === 'missing' || group.state === 'broken'
            ? undefined
            : group.provider,
        ambiguous: Boolean(group.ambiguity),
      })),
      this.options.now?.() ?? new Date(),
    );
    return {
      items,
      summary,
      freshness: await this.options.freshness.of([]),
      groups: groupRows,
      migration,
    };
  }

  /** The schedules of every team the resolutions name, with links to them in the tool. */
  async #teamRotations(
    resolutions: Resolution[],
  ): Promise<Map<string, CoverageRotation[]>> {
    const teams = new Set<string>();
    for (const r of resolutions) {
      if (r.resolved && r.team && !r.schedules) {
        teams.add(r.team);
      }
    }
    const key = (name: string) => name.toLocaleLowerCase('en-US');
    const wanted = new Set([...teams].map(key));
    const byTeam = new Map<string, CoverageRotation[]>();
    let afterId: string | undefined;
    for (;;) {
      const page = await this.options.store.listSchedulesPage(afterId, 500);
      for (const schedule of page) {
        const owner = schedule.ownerTeam && key(schedule.ownerTeam.name);
        if (owner && wanted.has(owner)) {
          const list = byTeam.get(owner) ?? [];
          list.push({
            name: schedule.name,
            source: this.options.sourceOf
              ? this.options.sourceOf(schedule)
              : {
                  ...this.options.provider,
                  url: this.options.scheduleUrl(schedule),
                },
          });
          byTeam.set(owner, list);
        }
      }
      if (page.length < 500) {
        break;
      }
      afterId = page[page.length - 1].id;
    }
    const result = new Map<string, CoverageRotation[]>();
    for (const team of teams) {
      result.set(
        team,
        (byTeam.get(key(team)) ?? []).sort((a, b) =>
          a.name.localeCompare(b.name),
        ),
      );
    }
    return result;
  }

  /**
   * The team and schedule names (lower-cased) the on-call tool has, as far as the mappings
   * need them; undefined while the team list was never read (nothing can be called broken).
   */
  async #knownNames(
    resolutions: Resolution[],
  ): Promise<{ teams: Set<string>; schedules: Set<string> } | undefined> {
    if (!(await this.options.sync.directoryKnown())) {
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
        (await this.options.store.listTeams()).map(t => lower(t.name)),
      ),
      schedules: new Set(
        (await this.options.store.findSchedulesByName([...pinned])).map(s =>
          lower(s.name),
        ),
      ),
    };
  }
}
