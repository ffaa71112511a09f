import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SANDBOX_DEFAULT_KEYS } from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { oncallPlugin } from '../plugin';
import { reliabilityEntities } from '../__testUtils__/reliabilityEntities';
import { collateIncidents } from '../__testUtils__/collateIncidents';
import { useIncidentRoutesBackend } from '../__testUtils__/incidentRoutesBackend';
import { runScheduledTask } from '../__testUtils__/useOncallTestBackend';

describe('incident routes', () => {
  const backend = useIncidentRoutesBackend();

  it('after each sync run, looks up a few of the retrospectives still pending, newest first, without any view', async () => {
    const ownScheduler = mockServices.scheduler.mock();
    const own = await startTestBackend({
      features: [
        oncallPlugin,
        catalogServiceMock.factory({
          entities: reliabilityEntities(backend.sandbox.org),
        }),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              blameless: {
                baseUrl: `${backend.sandbox.url}/blameless`,
                apiKey: SANDBOX_DEFAULT_KEYS.blameless,
                retrospectiveLookupsPerRun: 5,
              },
              vendorTimeoutMs: 1000,
            },
          },
        }),
        ownScheduler.factory,
      ],
    });
    const pending = async () => {
      const items = await collateIncidents(own.server, 100);
      return items
        .filter(i => i.retrospective?.pending)
        .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt))
        .map(i => i.id);
    };
    const sync = () => runScheduledTask(ownScheduler, 'oncall-sync-incidents');
    /** The pending ids once no lookup changes them any more. */
    const settled = async () => {
      let ids = await pending();
      for (;;) {
        await new Promise(resolve => setTimeout(resolve, 300));
        const again = await pending();
        if (again.join() === ids.join()) return ids;
        ids = again;
      }
    };

    // the first run fills the empty store, then looks up the five newest pending
    await sync();
    const afterFirst = await settled();
    expect(afterFirst.length).toBeGreaterThan(10);
    await sync();
    const afterSecond = await settled();
    expect(afterSecond).toEqual(afterFirst.slice(5));
    await own.stop();
  });
});
