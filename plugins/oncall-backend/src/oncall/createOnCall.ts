import {
  AuditorService,
  AuthService,
  CacheService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import express from 'express';
import { FeatureOptions } from '../features';
import { createVendorPolicy } from '../lib/resilience';
import { OpsgenieOnCallProvider } from './opsgenie/OpsgenieOnCallProvider';
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
import { OnCallSync } from './OnCallSync';

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
  },
): Promise<express.Router> {
  const { config, logger } = options;
  if (!config.opsgenie) {
    logger.info('On-call is not configured: oncall.opsgenie is absent');
    return createNotConfiguredOnCallRouter(options);
  }
  const provider = OpsgenieOnCallProvider.create({
    config: config.opsgenie,
    policy: createVendorPolicy(
      'opsgenie',
      logger.child({ upstream: 'opsgenie' }),
      {
        timeoutMs: config.vendorTimeoutMs,
      },
    ),
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
  const store = DatabaseOnCallStore.create({ knex: options.knex });
  const sync = new OnCallSync({
    provider,
    store,
    syncState: options.syncState,
    logger: logger.child({ task: 'oncall-sync-on-call' }),
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
  });
  const groups = CallerGroups.create({ catalog: options.catalog });
  const freshness = OnCallFreshness.create({
    syncState: options.syncState,
    source: provider.id,
    staleAfterMs: config.staleAfterMs,
  });
  await options.scheduler.scheduleTask({
    id: 'oncall-sync-on-call',
    ...config.refresh.onCall,
    fn: async () => {
      await sync.refreshAll();
    },
  });
  return createOnCallRouter({
    summary: OnCallSummaryService.create({
      entities: options.entityLoader,
      resolver,
      groups,
      rotations,
      freshness,
      incidentCommanderSchedule: config.incidentCommanderSchedule,
    }),
    myOnCall: MyOnCallService.create({
      userInfo: options.userInfo,
      catalog: options.catalog,
      store,
      syncState: options.syncState,
      sync,
      provider,
      freshness,
    }),
    coverage: CoverageService.create({
      catalog: options.catalog,
      resolver,
      groups,
      store,
      sync,
      freshness,
      provider: { providerId: 'opsgenie', provider: provider.id },
      scheduleUrl: schedule => provider.scheduleUrl(schedule),
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
}
