import express from 'express';
import { FeatureOptions, featureServiceOptions } from '../features';
import { createVendorPolicy } from '../lib/resilience';
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
  const store = DatabaseSloStore.create({ knex: options.knex });
  const sync = await startSloSync(options, store);
  return createSloRouter({
    service: new SloService({
      ...featureServiceOptions(options),
      store,
      sync,
      webUrl: options.config.datadog?.webUrl,
    }),
    httpAuth: options.httpAuth,
  });
}

/** The SLO snapshot from DataDog, scheduled; none without `oncall.datadog`. */
async function startSloSync(
  options: FeatureOptions,
  store: DatabaseSloStore,
): Promise<SloSync | undefined> {
  const { config, logger } = options;
  if (!config.datadog) {
    logger.info('SLOs are off: oncall.datadog is not configured');
    return undefined;
  }
  const sync = new SloSync({
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
  await scheduleShardedTask(options.scheduler, {
    id: 'oncall-sync-slos',
    ...config.refresh.slos,
    shards: config.shards,
    fn: shard => sync.run(shard),
  });
  return sync;
}
