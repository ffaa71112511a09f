import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { OPSGENIE_TEAM_ANNOTATION } from '@oncall-for-backstage/plugin-oncall-common';
import { profileEmail } from '../lib/profileEmail';

/** Catalog Users by email and Groups by the on-call team they map to (all lower case). */
export interface Directory {
  /** Email → User ref. */
  users: Map<string, string>;
  /** On-call team name → Group ref. */
  teams: Map<string, string>;
}

/**
 * Who a responder is in the catalog (the User with that `spec.profile.email`, any case) and
 * which Group stands for an on-call team (`oncall.teamMappings`, else the `opsgenie.com/team`
 * annotation, else the Group's name), read with the plugin's own credentials.
 */
export class CatalogDirectory {
  readonly #catalog: CatalogService;
  readonly #auth: AuthService;
  readonly #teamMappings: Map<string, string>;

  constructor(options: {
    catalog: CatalogService;
    auth: AuthService;
    /** Explicit Group ref (lower case) → on-call team name, from `oncall.teamMappings`. */
    teamMappings: Map<string, string>;
  }) {
    this.#catalog = options.catalog;
    this.#auth = options.auth;
    this.#teamMappings = options.teamMappings;
  }

  async load(): Promise<Directory> {
    const credentials = await this.#auth.getOwnServiceCredentials();
    const { items } = await this.#catalog.getEntities(
      {
        filter: { kind: ['User', 'Group'] },
        fields: ['kind', 'metadata', 'spec.profile.email'],
      },
      { credentials },
    );
    const users = new Map<string, string>();
    const teams = new Map<string, string>();
    for (const entity of items) {
      const ref = lower(stringifyEntityRef(entity));
      if (lower(entity.kind) === 'user') {
        const email = profileEmail(entity);
        if (email) {
          users.set(lower(email), ref);
        }
        continue;
      }
      const team =
        this.#teamMappings.get(ref) ??
        entity.metadata.annotations?.[OPSGENIE_TEAM_ANNOTATION] ??
        entity.metadata.name;
      if (!teams.has(lower(team))) {
        teams.set(lower(team), ref);
      }
    }
    return { users, teams };
  }
}

function lower(value: string): string {
  return value.toLocaleLowerCase('en-US');
}
