import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
// The test wires the real on-call backend and its vendor sandbox, so it imports both plugins.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import oncallPlugin from '@oncall-for-backstage/plugin-oncall-backend';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import {
  RunningSandbox,
  sandboxDemoOnCallConfig,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import request from 'supertest';
import { demoEntities } from './__testUtils__/demoEntities';
import { manualScheduler } from './__testUtils__/manualScheduler';
import searchModuleOnCallCollators from './index';

jest.setTimeout(60_000);

type SearchResult = {
  type: string;
  document: { title: string; text: string; location: string };
};

describe('collating from the on-call backend and its sandbox', () => {
  let sandbox: RunningSandbox;

  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0 });
  });

  afterAll(async () => {
    await sandbox.close();
  });

  afterEach(async () => {
    await request(sandbox.url).delete('/__sandbox/faults').expect(204);
  });

  async function startBackend() {
    const { scheduler, factory: schedulerFactory } = manualScheduler();
    const { server } = await startTestBackend({
      features: [
        searchPlugin,
        searchModuleOnCallCollators,
        oncallPlugin,
        catalogServiceMock.factory({ entities: demoEntities(sandbox.org) }),
        schedulerFactory,
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              ...sandboxDemoOnCallConfig(sandbox.url),
              vendorTimeoutMs: 5000,
            },
            search: { collators: { oncall: { batchSize: 50 } } },
          },
        }),
      ],
    });
    const search = async (term: string, type: string) => {
      const response = await request(server)
        .get('/api/search/query')
        .query({ term, types: [type] })
        .set('Authorization', mockCredentials.user.header());
      expect(response.status).toBe(200);
      const results: SearchResult[] = response.body.results;
      return results;
    };
    const syncOnCallStore = async () => {
      for (const task of await scheduler.getScheduledTasks()) {
        if (!task.id.startsWith('search_index_')) {
          await scheduler.triggerTask(task.id);
        }
      }
    };
    return { scheduler, search, syncOnCallStore };
  }

  it('answers "who is on call for payments" with the payments rotation', async () => {
    const { scheduler, search } = await startBackend();

    await scheduler.triggerTask('search_index_oncall_rotation');

    const results = await search(
      'who is on call for payments',
      'oncall-rotation',
    );
    const payments = sandbox.org.schedules.find(
      s => s.name === 'payments_schedule',
    );
    expect(results[0].document).toMatchObject({
      title: 'On call for payments-team',
      location: `/catalog/default/group/payments?schedule=${payments?.id}`,
      text: expect.stringMatching(
        /^On call for payments-team: .+ \(primary\), .+ \(secondary\)/,
      ),
    });
  });

  it('finds a demo incident by the words of its title', async () => {
    const { scheduler, search, syncOnCallStore } = await startBackend();
    // the on-call backend's own sync fills the store the collator reads
    await syncOnCallStore();

    await scheduler.triggerTask('search_index_oncall_incident');

    const incident = sandbox.org.incidents.find(i => i.severity === 1);
    expect(incident).toBeDefined();
    const results = await search(incident!.title, 'oncall-incident');
    expect(results.map(r => r.document)).toContainEqual(
      expect.objectContaining({
        title: incident!.title,
        location: expect.stringMatching(
          new RegExp(`/incidents\\?incident=${incident!.id}$`),
        ),
        text: expect.stringMatching(/^SEV1 · /),
      }),
    );
  });

  it('indexes the stored data while the vendors are failing', async () => {
    const { scheduler, search, syncOnCallStore } = await startBackend();
    await syncOnCallStore();
    for (const vendor of ['opsgenie', 'blameless']) {
      await request(sandbox.url)
        .put(`/__sandbox/faults/${vendor}`)
        .send({ mode: 'error' })
        .expect(200);
    }

    await scheduler.triggerTask('search_index_oncall_incident');
    await scheduler.triggerTask('search_index_oncall_rotation');

    const incident = sandbox.org.incidents[0];
    const incidents = await search(incident.title, 'oncall-incident');
    expect(incidents.map(r => r.document.title)).toContain(incident.title);
    const rotations = await search('on call for sre', 'oncall-rotation');
    expect(rotations[0].document.title).toBe('On call for sre');
  });
});
