import express from 'express';
import { FeatureOptions } from '../features';
import { createVendorPolicy } from '../lib/resilience';
import { EntityScope } from '../lib/EntityScope';
import { scheduleShardedTask } from '../lib/shards';
import { DatadogSloProvider } from './datadog/DatadogSloProvider';
import { createSloRouter } from './router';
import { SloService } from './SloService';
import { DatabaseSloStore } from './DatabaseSloStore';
import { SloSync } from './SloSync';

/**
 * Builds the SLO feature: the DataDog provider, the store, the snapshot (scheduled with
 * `oncall.refresh.slos`, cluster-locked) and the route. Without `oncall.datadog` the route
 * still answers, from whatever the store holds.
 */
export async function createSlos(
  options: FeatureOptions,
): Promise<express.Router> {
  const { config, logger } = options;
  const store = DatabaseSloStore.create({ knex: options.knex });
  let sync: SloSync | undefined;
  if (config.datadog) {
    sync = new SloSync({
      provider: DatadogSloProvider.create({
        config: config.datadog,
        policy: createVendorPolicy(
          'datadog',
          logger.child({ upstream: 'datadog' }),
          {
            timeoutMs: config.vendorTimeoutMs,
            requestsPerMinute: config.datadog.requestsPerMinute,
          },
        ),
      }),
      store,
      syncState: options.syncState,
      logger: logger.child({ task: 'slo-sync' }),
      burnRateMaxAgeMs: config.datadog.burnRateMaxAgeMs,
      historyReadsPerMinute: config.datadog.requestsPerMinute,
      shards: config.shards,
    });
    const task = sync;
    await scheduleShardedTask(options.scheduler, {
      id: 'oncall-sync-slos',
      ...config.refresh.slos,
      shards: config.shards,
      fn: async shard => {
        await task.run(shard);
      },
    });
  } else {
    logger.info('SLOs are off: oncall.datadog is not configured');
  }
  return createSloRouter({
    service: new SloService({
      store,
      syncState: options.syncState,
      sync,
      entities: options.entityLoader,
      scope: new EntityScope(options.catalog),
      webUrl: config.datadog?.webUrl,
      staleAfterMs: config.staleAfterMs,
    }),
    httpAuth: options.httpAuth,
  });
}
