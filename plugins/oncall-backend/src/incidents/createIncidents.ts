import express from 'express';
import { FeatureOptions, featureServiceOptions } from '../features';
import { createVendorPolicy } from '../lib/resilience';
import { IncidentService } from './IncidentService';
import { DatabaseIncidentStore } from './DatabaseIncidentStore';
import { IncidentSync } from './IncidentSync';
import { RetrospectiveHydrator } from './RetrospectiveHydrator';
import { BlamelessIncidentProvider } from './blameless/BlamelessIncidentProvider';
import { createIncidentsRouter } from './router';
import { IncidentEntityIndex } from './live/IncidentEntityIndex';
import { OpenIncidentPublisher } from './live/OpenIncidentPublisher';
import { IncidentNotifier } from '../notifications/IncidentNotifier';

/**
 * Builds the incidents feature: the Blameless provider, the store, the incremental sync
 * (scheduled with `oncall.refresh.incidents`, cluster-locked), the background lookup of
 * retrospectives the sync left pending (those a view shows first, then
 * `oncall.blameless.retrospectiveLookupsPerRun` more after each run), and the routes. Without
 * `oncall.blameless` the routes still answer, from whatever the store holds. After each check
 * of the open incidents, `incidentNotifier` (when given) notifies the owners of new severe ones.
 */
export async function createIncidents(
  options: FeatureOptions & { incidentNotifier?: IncidentNotifier },
): Promise<express.Router> {
  const { config, logger } = options;
  const store = DatabaseIncidentStore.create({ knex: options.knex });
  let sync: IncidentSync | undefined;
  let hydrator: RetrospectiveHydrator | undefined;
  if (config.blameless) {
    const provider = BlamelessIncidentProvider.create({
      config: config.blameless,
      logger,
      policy: createVendorPolicy(
        'blameless',
        logger.child({ upstream: 'blameless' }),
        {
          timeoutMs: config.vendorTimeoutMs,
          requestsPerMinute: config.blameless.requestsPerMinute,
        },
      ),
    });
    hydrator = new RetrospectiveHydrator({
      provider,
      store,
      logger: logger.child({ task: 'retrospective-lookup' }),
    });
    sync = new IncidentSync({
      provider,
      store,
      syncState: options.syncState,
      logger: logger.child({ task: 'incident-sync' }),
      backfillDays: config.blameless.backfillDays,
      retentionDays: config.blameless.retentionDays,
    });
    const task = sync;
    const lookups = hydrator;
    const lookupsPerRun = config.blameless.retrospectiveLookupsPerRun ?? 0;
    const publisher = new OpenIncidentPublisher({
      store,
      entities: new IncidentEntityIndex(options),
      signals: options.signals,
      logger: logger.child({ task: 'open-incident-signals' }),
    });
    const notifier = options.incidentNotifier;
    const check = async () => {
      const { open } = await publisher.publishChanges();
      await notifier?.notifyOpen(open);
    };
    await options.scheduler.scheduleTask({
      id: 'oncall-sync-incidents',
      ...config.refresh.incidents,
      fn: async () => {
        await task.run();
        await check();
        // the retrospectives the sync left pending, a few per run, newest first, after the run
        lookups.enqueue(await store.pendingRetrospectives(lookupsPerRun));
      },
    });
    // the same incremental sync on a faster cadence, so the live banner follows open incidents
    await options.scheduler.scheduleTask({
      id: 'oncall-sync-open-incidents',
      ...config.refresh.openIncidents,
      fn: async () => {
        await task.run('open-incidents');
        await check();
      },
    });
  } else {
    logger.info('Incidents are off: oncall.blameless is not configured');
  }
  return createIncidentsRouter({
    service: new IncidentService({
      ...featureServiceOptions(options),
      store,
      sync,
      hydrator,
    }),
    httpAuth: options.httpAuth,
  });
}
