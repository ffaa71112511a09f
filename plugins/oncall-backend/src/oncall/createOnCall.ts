import {
  AuditorService,
  AuthService,
  CacheService,
  DiscoveryService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import express from 'express';
import Router from 'express-promise-router';
import { createCalendar } from '../calendar/createCalendar';
import { ShiftReader } from '../calendar/CalendarService';
import { OpsgenieConfig, readOpsgenie } from '../config';
import { FeatureOptions } from '../features';
import { createVendorPolicy } from '../lib/resilience';
import { createJsmOnCallProvider } from './jsm';
import { OnCallProvider } from './OnCallProvider';
import { OpsgenieOnCallProvider } from './opsgenie/OpsgenieOnCallProvider';
import { createPagerDutyOnCallProvider } from './pagerduty';
import { MultiOnCallProvider } from './providers/MultiOnCallProvider';
import {
  ProviderSection,
  readOnCallProviders,
} from './providers/readOnCallProviders';
import { OwnerResolver } from './resolution/OwnerResolver';
import { createNotConfiguredOnCallRouter } from './notConfiguredRouter';
import { PagingConfig } from './paging/pagingConfig';
import { PagingRateLimiter } from './paging/PagingRateLimiter';
import { createOnCallRouter } from './router';
import { CallerGroups } from './services/CallerGroups';
import { CoverageService } from './services/CoverageService';
import { MyOnCallService } from './services/MyOnCallService';
import { OnCallFreshness } from './services/OnCallFreshness';
import { OnCallSummaryService } from './services/OnCallSummaryService';
import { PagingService } from './services/PagingService';
import { RotationCollationService } from './services/RotationCollationService';
import { RotationReader } from './services/RotationReader';
import { DatabaseOnCallStore } from './DatabaseOnCallStore';
import { DIRECTORY_SCOPE, OnCallSync } from './OnCallSync';
import { scheduleShardedTask } from '../lib/shards';

/** How long a built rotation is served from the cache at most (never past its next handoff). */
const ROTATION_CACHE_TTL_MS = 30_000;

/**
 * Builds the on-call feature from the plugin's shared services: the Opsgenie provider, the
 * store, the sync (scheduled, cluster-locked) and the router. Without Opsgenie config
 * the routes answer "not configured".
 */
export async function createOnCall(
  options: FeatureOptions & {
    cache: CacheService;
    auth: AuthService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    auditor: AuditorService;
    paging: PagingConfig;
    discovery: DiscoveryService;
    /** The root config: `oncall.jsm`, `oncall.pagerduty`, `oncall.providers[]`, `oncall.migration`. */
    rootConfig?: Config;
  },
): Promise<express.Router> {
  const { config, logger } = options;
  const configured = readOnCallProviders(
    options.rootConfig?.getOptionalConfig('oncall'),
  );
  const multi =
    configured.providers.length > 1
      ? new MultiOnCallProvider({
          providers: configured.providers.map(section => ({
            id: section.id,
            type: section.type,
            provider: createProvider(section, options),
          })),
          prefer: configured.prefer,
          teamProviders: configured.teamProviders,
          logger: logger.child({ task: 'oncall-sync-on-call' }),
          onSuccess: named => {
            if (named.provider.id !== multiDefaultVendor(configured)) {
              void options.syncState
                .recordSuccess(named.provider.id, DIRECTORY_SCOPE, new Date())
                .catch(error => logSyncStateError(logger, named.id, error));
            }
          },
          onFailure: (named, error) => {
            if (named.provider.id !== multiDefaultVendor(configured)) {
              void options.syncState
                .recordFailure(
                  named.provider.id,
                  DIRECTORY_SCOPE,
                  error instanceof Error ? error.message : String(error),
                  new Date(),
                )
                .catch(e => logSyncStateError(logger, named.id, e));
            }
          },
        })
      : undefined;
  if (!multi && !config.opsgenie) {
    logger.info('On-call is not configured: oncall.opsgenie is absent');
    return withCalendar(createNotConfiguredOnCallRouter(options), options);
  }
  const provider: OnCallProvider =
    multi ?? createOpsgenie(config.opsgenie!, 'opsgenie', options);
  const store = DatabaseOnCallStore.create({ knex: options.knex });
  const sync = new OnCallSync({
    provider,
    store,
    syncState: options.syncState,
    logger: logger.child({ task: 'oncall-sync-on-call' }),
    checks: config.onCallChecks,
  });
  const resolver = new OwnerResolver({
    teamMappings: config.teamMappings,
    teamExists: name => sync.teamExists(name),
  });
  const rotations = new RotationReader({
    store,
    sync,
    provider,
    cache: options.cache.withOptions({ defaultTtl: ROTATION_CACHE_TTL_MS }),
    cacheTtlMs: ROTATION_CACHE_TTL_MS,
    sourceOf: multi && (schedule => multi.sourceOf(schedule)),
  });
  const groups = CallerGroups.create({ catalog: options.catalog });
  const freshness = OnCallFreshness.create({
    syncState: options.syncState,
    source: provider.id,
    otherSources: multi
      ? [
          ...new Set(
            configured.providers
              .map(p => p.type)
              .filter(type => type !== provider.id),
          ),
        ]
      : undefined,
    staleAfterMs: config.staleAfterMs,
  });
  await scheduleShardedTask(options.scheduler, {
    id: 'oncall-sync-on-call',
    ...config.refresh.onCall,
    shards: config.shards,
    fn: async shard => {
      await sync.refresh(shard);
    },
  });
  const myOnCall = MyOnCallService.create({
    userInfo: options.userInfo,
    catalog: options.catalog,
    store,
    syncState: options.syncState,
    sync,
    provider,
    freshness,
  });
  const onCallRouter = createOnCallRouter({
    summary: OnCallSummaryService.create({
      entities: options.entityLoader,
      resolver,
      groups,
      rotations,
      freshness,
      incidentCommanderSchedule: config.incidentCommanderSchedule,
    }),
    myOnCall,
    coverage: CoverageService.create({
      catalog: options.catalog,
      resolver,
      groups,
      store,
      sync,
      freshness,
      provider: multi
        ? { providerId: configured.providers[0].id, provider: provider.id }
        : { providerId: 'opsgenie', provider: provider.id },
      scheduleUrl: schedule => provider.scheduleUrl(schedule),
      sourceOf: multi && (schedule => multi.sourceOf(schedule)),
      teamSource:
        multi && ((team, storedTeamId) => multi.teamSource(team, storedTeamId)),
    }),
    paging: PagingService.create({
      entities: options.entityLoader,
      resolver,
      groups,
      rotations,
      store,
      sync,
      provider,
    }),
    collation: RotationCollationService.create({
      catalog: options.catalog,
      auth: options.auth,
      resolver,
      rotations,
      store,
      sync,
      teamMappings: config.teamMappings,
    }),
    httpAuth: options.httpAuth,
    permissions: options.permissions,
    auditor: options.auditor,
    rateLimiter: new PagingRateLimiter({
      knex: options.knex,
      limit: options.paging.rateLimit,
      logger: logger.child({ use: 'paging' }),
    }),
  });
  return withCalendar(onCallRouter, options, myOnCall);
}

/** The on-call routes and the calendar feed of the user's shifts, read as `/me/on-call` reads them. */
function withCalendar(
  onCallRouter: express.Router,
  options: FeatureOptions & {
    userInfo: UserInfoService;
    discovery: DiscoveryService;
  },
  shifts?: ShiftReader,
): express.Router {
  const router = Router();
  router.use(createCalendar({ ...options, shifts }));
  router.use(onCallRouter);
  return router;
}

type ProviderOptions = FeatureOptions & {
  paging: PagingConfig;
  cache: CacheService;
};

function logSyncStateError(
  logger: LoggerService,
  providerId: string,
  error: unknown,
) {
  logger.warn('Could not record the on-call sync state', {
    provider: providerId,
    error: error instanceof Error ? error.message : String(error),
  });
}

/** The default provider's tool: its sync state is recorded by OnCallSync itself. */
function multiDefaultVendor(configured: { providers: ProviderSection[] }) {
  return configured.providers[0].type;
}

function createOpsgenie(
  opsgenie: OpsgenieConfig,
  account: string,
  options: ProviderOptions,
): OnCallProvider {
  const { config, logger } = options;
  return OpsgenieOnCallProvider.create({
    config: opsgenie,
    // shared with the health sync, which reads the same account
    policy: options.policies.forAccount('opsgenie', account, {
      requestsPerMinute: opsgenie.requestsPerMinute,
    }),
    pagingPolicy: createVendorPolicy(
      'opsgenie',
      logger.child({ upstream: 'opsgenie', use: 'paging' }),
      {
        timeoutMs: config.vendorTimeoutMs,
        concurrency: options.paging.vendor.concurrency,
        queue: options.paging.vendor.queue,
      },
    ),
  });
}

/** One configured provider, each under its own `createVendorPolicy(<vendor>, …)`. */
function createProvider(
  section: ProviderSection,
  options: ProviderOptions,
): OnCallProvider {
  const { config, logger } = options;
  const child = logger.child({ provider: section.id });
  const paging = {
    timeoutMs: config.vendorTimeoutMs,
    concurrency: options.paging.vendor.concurrency,
    queue: options.paging.vendor.queue,
  };
  switch (section.type) {
    case 'opsgenie':
      return createOpsgenie(
        section.id === 'opsgenie' && config.opsgenie
          ? config.opsgenie
          : readOpsgenie(section.config, section.key)!,
        section.id,
        { ...options, logger: child },
      );
    case 'jsm':
      return createJsmOnCallProvider({
        config: section.config,
        logger: child,
        configKey: section.key,
        timeoutMs: config.vendorTimeoutMs,
        pagingPolicy: createVendorPolicy(
          'jsm',
          child.child({ upstream: 'jsm', use: 'paging' }),
          paging,
        ),
      });
    case 'pagerduty':
      return createPagerDutyOnCallProvider({
        config: section.config,
        logger: child,
        cache: options.cache,
        configPrefix: section.key,
        policy: createVendorPolicy(
          'pagerduty',
          child.child({ upstream: 'pagerduty' }),
          { timeoutMs: config.vendorTimeoutMs },
        ),
      });
    default:
      throw new Error(`Unknown on-call provider type ${section.type}`);
  }
}
