import { UserInfoService } from '@backstage/backend-plugin-api';
import express from 'express';
import { FeatureOptions } from '../features';
import { OpsgenieOnCallProvider } from '../oncall/opsgenie/OpsgenieOnCallProvider';
import { toolName } from '../oncall/providers/toolName';
import { OwnerResolver } from '../oncall/resolution/OwnerResolver';
import { DatabaseOnCallStore } from '../oncall/DatabaseOnCallStore';
import { DatabaseHealthStore } from './DatabaseHealthStore';
import { HealthConfig } from './healthConfig';
import { HealthService, TeamFinder } from './HealthService';
import { HealthSync } from './HealthSync';
import { LastShiftService } from './LastShiftService';
import { OpsgeniePageProvider } from './opsgenie/OpsgeniePageProvider';
import { createHealthRouter } from './router';

/** How long the team list read for a name the on-call store does not know is reused. */
const TEAM_LIST_TTL_MS = 60_000;

/**
 * Builds the health feature: the Opsgenie page provider, the store, the page sync (task
 * `oncall-sync-health`, scheduled with `oncall.health.refresh`, cluster-locked) and the route.
 * Without `oncall.opsgenie` nothing is synced and the route answers "not configured".
 */
export async function createHealth(
  options: FeatureOptions & { health: HealthConfig; userInfo: UserInfoService },
): Promise<express.Router> {
  const { config, logger } = options;
  const store = DatabaseHealthStore.fromClient(options.knex);
  const opsgenie = config.opsgenie;
  let findTeam: TeamFinder = async () => undefined;
  let pageUrl: (page: { id: string }) => string | undefined = () => undefined;
  if (opsgenie) {
    // the on-call feature's policy for this account: one rate limit, one breaker
    const policy = options.policies.forAccount('opsgenie', 'opsgenie', {
      requestsPerMinute: opsgenie.requestsPerMinute,
    });
    const pages = OpsgeniePageProvider.create({ config: opsgenie, policy });
    const schedules = OpsgenieOnCallProvider.create({
      config: opsgenie,
      policy,
    });
    const sync = new HealthSync({
      pages,
      schedules,
      store,
      syncState: options.syncState,
      logger: logger.child({ task: 'health-sync' }),
      retentionDays: options.health.retentionDays,
    });
    await options.scheduler.scheduleTask({
      id: 'oncall-sync-health',
      ...options.health.refresh,
      fn: async () => {
        await sync.run();
      },
    });
    findTeam = teamFinder(
      DatabaseOnCallStore.create({ knex: options.knex }),
      schedules,
    );
    pageUrl = page => pages.pageUrl(page);
  } else {
    logger.info('On-call health is off: oncall.opsgenie is not configured');
  }
  return createHealthRouter({
    service: HealthService.create({
      source: 'opsgenie',
      entities: options.entityLoader,
      catalog: options.catalog,
      resolver: new OwnerResolver({
        teamMappings: config.teamMappings,
        teamExists: async name => (await findTeam(name)) !== undefined,
      }),
      findTeam,
      store,
      syncState: options.syncState,
      config: options.health,
      staleAfterMs: config.staleAfterMs,
      pageUrl,
    }),
    lastShift: LastShiftService.create({
      source: 'opsgenie',
      userInfo: options.userInfo,
      catalog: options.catalog,
      store,
      syncState: options.syncState,
      config: options.health,
      staleAfterMs: config.staleAfterMs,
    }),
    httpAuth: options.httpAuth,
  });
}

/**
 * Finds a team in the on-call store, else in the team list read from the vendor (reused for
 * {@link TEAM_LIST_TTL_MS}), so a team created since the last on-call sync is found.
 */
function teamFinder(
  onCallStore: DatabaseOnCallStore,
  vendor: { listTeams(): Promise<Array<{ id: string; name: string }>> },
): TeamFinder {
  let listed: { at: number; teams: Array<{ id: string; name: string }> } = {
    at: 0,
    teams: [],
  };
  return async name => {
    const known = await onCallStore.findTeamByName(name);
    if (known) {
      // several providers: ids of teams served by another one carry its id as a prefix
      const prefix = /^([^:]+):/.exec(known.id)?.[1];
      return prefix ? { ...known, servedBy: toolName(prefix) } : known;
    }
    if (Date.now() - listed.at > TEAM_LIST_TTL_MS) {
      listed = { at: Date.now(), teams: await vendor.listTeams() };
    }
    const lower = name.toLocaleLowerCase('en-US');
    return listed.teams.find(t => t.name.toLocaleLowerCase('en-US') === lower);
  };
}
