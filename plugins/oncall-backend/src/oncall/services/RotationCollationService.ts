import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  RotationDocument,
  RotationDocumentPage,
} from '@oncall-for-backstage/plugin-oncall-common';
import { OnCallStore } from '../OnCallStore';
import { OnCallSync } from '../OnCallSync';
import { OwnerResolver } from '../resolution/OwnerResolver';
import { RotationCoverage } from './RotationCoverage';
import { RotationReader } from './RotationReader';

/** What {@link RotationCollationService} is built from. */
export interface RotationCollationServiceOptions {
  catalog: CatalogService;
  auth: AuthService;
  resolver: OwnerResolver;
  rotations: RotationReader;
  store: OnCallStore;
  sync: OnCallSync;
  teamMappings: Map<string, string>;
}

/** `GET /collate/rotations`: rotations with who is on call now, for the search collator. */
export class RotationCollationService {
  readonly #deps: RotationCollationServiceOptions;

  static create(
    options: RotationCollationServiceOptions,
  ): RotationCollationService {
    return new RotationCollationService(options);
  }

  private constructor(options: RotationCollationServiceOptions) {
    this.#deps = options;
  }

  /** Rotations with the people on call now by role, for the search collator. */
  async collateRotations(
    cursor: string | undefined,
    limit: number,
  ): Promise<RotationDocumentPage> {
    await this.#deps.sync.ensureDirectory();
    const schedules = await this.#deps.store.listSchedulesPage(cursor, limit);
    const groupOfTeam = await this.#groupRefsByTeam();
    const coverage = await RotationCoverage.load({
      catalog: this.#deps.catalog,
      resolver: this.#deps.resolver,
      credentials: await this.#deps.auth.getOwnServiceCredentials(),
    });
    const items: RotationDocument[] = [];
    for (const schedule of schedules) {
      const team = schedule.ownerTeam?.name;
      const read = await this.#deps.rotations.forTeam(team, [schedule.name]);
      const rotation = read?.rotations[0];
      if (!rotation) {
        continue;
      }
      const responders: RotationDocument['responders'] = {
        primary: [],
        secondary: [],
        team: [],
      };
      for (const level of rotation.levels) {
        responders[level.role].push(...level.responders);
      }
      items.push({
        entityRef: team
          ? groupOfTeam.get(team.toLocaleLowerCase('en-US'))
          : undefined,
        team,
        schedule: rotation.schedule,
        responders,
        entityRefs: coverage.entityRefsOf(team, rotation.schedule.name),
      });
    }
    return {
      items,
      nextCursor:
        schedules.length === limit
          ? schedules[schedules.length - 1].id
          : undefined,
    };
  }

  async #groupRefsByTeam(): Promise<Map<string, string>> {
    const credentials = await this.#deps.auth.getOwnServiceCredentials();
    const result = new Map<string, string>();
    for (const [groupRef, team] of this.#deps.teamMappings) {
      result.set(team.toLocaleLowerCase('en-US'), groupRef);
    }
    let cursor: string | undefined;
    do {
      const page = await this.#deps.catalog.queryEntities(
        cursor
          ? { cursor, limit: 500 }
          : { filter: { kind: 'Group' }, limit: 500 },
        { credentials },
      );
      for (const group of page.items) {
        const ref = stringifyEntityRef(group);
        const annotated = group.metadata.annotations?.['opsgenie.com/team'];
        const key = (annotated ?? group.metadata.name).toLocaleLowerCase(
          'en-US',
        );
        if (annotated || !result.has(key)) {
          result.set(key, ref);
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return result;
  }
}
