import {
  BackstageCredentials,
  BackstageServicePrincipal,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OPSGENIE_TEAM_ANNOTATION,
  OPSGENIE_TEAM_HINT,
  OnCallHealth,
} from '@oncall-for-backstage/plugin-oncall-common';
import { SyncState, SyncStateStore } from '../database/SyncStateStore';
import { capEcho } from '../lib/echo';
import { EntityLoader } from '../lib/EntityLoader';
import { EntityParams } from '../lib/entityParams';
import { buildFreshness } from '../lib/freshness';
import { Vendor } from '../lib/Vendor';
import { toolName } from '../oncall/providers/toolName';
import { OwnerResolver } from '../oncall/resolution/OwnerResolver';
import { computeHealth } from './figures/computeHealth';
import { HealthConfig } from './healthConfig';
import { HealthStore } from './HealthStore';
import { HEALTH_SYNC_SCOPE, teamScope } from './HealthSync';

type Credentials = BackstageCredentials<
  BackstageUserPrincipal | BackstageServicePrincipal
>;

const WEEK_MS = 7 * 24 * 60 * 60_000;

/**
 * Finds an on-call team by name (case-insensitive). `servedBy` names the on-call tool the team
 * has moved to when that is not the one health reads pages from.
 */
export type TeamFinder = (
  name: string,
) => Promise<{ id: string; name: string; servedBy?: string } | undefined>;

/**
 * What the health routes read: the pages and shifts synced from one on-call tool, how fresh
 * they are, and the health settings.
 */
export interface HealthReadOptions {
  source: Vendor;
  catalog: CatalogService;
  store: HealthStore;
  syncState: SyncStateStore;
  config: HealthConfig;
  staleAfterMs: number;
  now?: () => Date;
}

/** What {@link HealthService} is built from. */
export interface HealthServiceOptions extends HealthReadOptions {
  entities: EntityLoader;
  resolver: OwnerResolver;
  findTeam: TeamFinder;
  pageUrl: (page: { id: string }) => string | undefined;
}

/** Answers the health route: the owning team's pages and shifts, as figures. */
export class HealthService {
  private constructor(private readonly options: HealthServiceOptions) {}

  static create(options: HealthServiceOptions): HealthService {
    return new HealthService(options);
  }

  async getHealth(
    params: EntityParams,
    weeks: number,
    credentials: Credentials,
  ): Promise<OnCallHealth> {
    const { source, store, syncState, config } = this.options;
    const entity = await this.options.entities.load(params, credentials);
    const now = this.options.now?.() ?? new Date();
    const resolution = await this.options.resolver.resolve(
      entity,
      async ref =>
        (await this.options.catalog.getEntityByRef(ref, { credentials })) ??
        undefined,
    );
    const found =
      resolution.resolved && resolution.team
        ? await this.options.findTeam(resolution.team)
        : undefined;
    const team = found?.servedBy ? undefined : found;
    // the run's own state (a failing team list) and the team's (a failing alert read)
    const states: Array<SyncState | undefined> = team
      ? await Promise.all([
          syncState.get(source, HEALTH_SYNC_SCOPE),
          syncState.get(source, teamScope(team.id)),
        ])
      : [];
    const known = states.flatMap(s => (s ? [s] : []));
    const freshness = buildFreshness(
      [
        {
          source,
          states: known.length === states.length ? known : [],
        },
      ],
      now,
      this.options.staleAfterMs,
    );
    const from = new Date(now.getTime() - weeks * WEEK_MS);
    const [pages, shifts] = team
      ? await Promise.all([
          store.listPages(source, team.id, from, now),
          store.listShifts(source, team.id, from, now),
        ])
      : [[], []];
    const figures = computeHealth({
      pages,
      shifts,
      end: now,
      weeks,
      thresholds: config.thresholds,
      hours: config.hours,
      pageUrl: page => this.options.pageUrl(page),
    });
    const health: OnCallHealth = {
      entityRef: stringifyEntityRef(entity),
      team: team?.name,
      thresholds: config.thresholds,
      hours: config.hours,
      ...figures,
      freshness,
    };
    if (found?.servedBy) {
      health.notConfigured = {
        reason: `On-call health reads pages from ${toolName(
          source,
        )}; team ${capEcho(found.name)} is on ${found.servedBy} now.`,
        annotation: {
          key: OPSGENIE_TEAM_ANNOTATION,
          value: `<a team still on ${toolName(source)}>`,
        },
      };
    } else if (!team) {
      health.notConfigured = resolution.resolved
        ? {
            reason: resolution.team
              ? `The on-call tool has no team named ${capEcho(
                  resolution.team,
                )}.`
              : 'On-call health follows a team; the entity names schedules only.',
            annotation: OPSGENIE_TEAM_HINT,
          }
        : { reason: resolution.reason, annotation: resolution.annotation };
    }
    return health;
  }
}
