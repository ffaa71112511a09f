import {
  AuthService,
  HttpAuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { Knex } from 'knex';
import { OnCallConfig } from './config';
import { SyncStateStore } from './database/SyncStateStore';
import { EntityLoader } from './lib/EntityLoader';
import { EntityScope } from './lib/EntityScope';
import { VendorPolicies } from './lib/VendorPolicies';

/** What plugin.ts hands every feature (on-call, incidents, SLOs) to build itself from. */
export interface FeatureOptions {
  config: OnCallConfig;
  logger: LoggerService;
  knex: Knex;
  syncState: SyncStateStore;
  entityLoader: EntityLoader;
  catalog: CatalogService;
  scheduler: SchedulerService;
  httpAuth: HttpAuthService;
  auth: AuthService;
  signals: SignalsService;
  /** The read policy of each vendor account, shared across features. */
  policies: VendorPolicies;
}

/**
 * What the incidents and SLO services read besides their own store and sync: the sync state,
 * the catalog (an entity and the entities in its scope) and when stored data counts as stale.
 */
export function featureServiceOptions(options: FeatureOptions) {
  return {
    syncState: options.syncState,
    entities: options.entityLoader,
    scope: new EntityScope(options.catalog),
    staleAfterMs: options.config.staleAfterMs,
  };
}
