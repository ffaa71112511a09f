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
