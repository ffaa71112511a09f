import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import oncallPlugin from '@oncall-for-backstage/plugin-oncall-backend';
import {
  RunningSandbox,
  sandboxDemoOnCallConfig,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { pinDate } from '@oncall-for-backstage/plugin-oncall-common/testing';
import searchModuleOnCallCollators from '@oncall-for-backstage/plugin-search-backend-module-oncall';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { searchModuleEngine } from './module';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** The demo catalog exactly as the portal loads it. */
function demoCatalog(): Entity[] {
  const examples = resolve(__dirname, '../../../../../examples');
  return ['org.yaml', 'entities.yaml'].flatMap(file =>
    parseAllDocuments(readFileSync(resolve(examples, file), 'utf8'))
      .map(document => document.toJS() as Entity | null)
      .filter((entity): entity is Entity => entity !== null)
      .map(entity => ({
        ...entity,
        metadata: { namespace: 'default', ...entity.metadata },
      })),
  );
}

/** A Saturday night and a Wednesday morning (UTC): the weekday rotations differ. */
const instants = ['2026-12-05T03:00:00Z', '2026-12-02T10:00:00Z'];

const engines = [
  'lunr',
  ...(databases.supports('POSTGRES_15') ? ['postgres'] : []),
];

const phrasings = [
  (x: string) => `who is on call for ${x}`,
  (x: string) => `on call ${x}`,
  (x: string) => `${x} on-call`,
  (x: string) => `${x} oncall`,
];

/** Groups, services (owned, inherited through a parent, mapped in config) and an API. */
const entitySubjects = [
  'group:default/payments',
  'group:default/data-platform',
  'group:default/commerce',
  'component:default/payments-api',
  'component:default/checkout-api',
  'component:default/storefront-web',
  'component:default/search-api',
  'component:default/incident-bot',
];

type Hit = {
  type: string;
  document: {
    title: string;
    text: string;
    location: string;
    scheduleName?: string;
    responders?: string[];
  };
};

describe.each(
  engines.flatMap(engine => instants.map(instant => [engine, instant])),
)('the portal search on %s at %s', (engine, instant) => {
  let sandbox: RunningSandbox;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const search = async (term: string): Promise<Hit[]> => {
    const response = await request(server)
      .get('/api/search/query')
      .query({ term })
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.results;
  };

  /** The schedules the on-call backend says are on call for an entity. */
  const schedulesOf = async (entityRef: string): Promise<string[]> => {
    const [kind, rest] = entityRef.split(':');
    const response = await request(server)
      .get(`/api/oncall/entities/${kind}/${rest}/on-call`)
      .set('Authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    return response.body.rotations.map(
      (r: { schedule: { name: string } }) => r.schedule.name,
    );
  };

  /** What the collators indexed for each schedule. */
  let rotations: Hit[];

  beforeAll(async () => {
    pinDate(instant);
    sandbox = await startSandboxServer({ port: 0 });
    const scheduler = mockServices.scheduler();
    const pgSearch =
      engine === 'postgres' ? await databases.init('POSTGRES_15') : undefined;
    const backend = await startTestBackend({
      features: [
        searchPlugin,
        searchModuleEngine,
        searchModuleCatalogCollator,
        searchModuleOnCallCollators,
        oncallPlugin,
        catalogServiceMock.factory({ entities: demoCatalog() }),
        createServiceFactory({
          service: coreServices.scheduler,
          deps: {},
          factory: () => scheduler,
        }),
        ...(pgSearch
          ? [
              // the search plugin on PostgreSQL, the others on SQLite
              createServiceFactory({
                service: coreServices.database,
                deps: { plugin: coreServices.pluginMetadata },
                factory: async ({ plugin }) =>
                  mockServices.database({
                    knex:
                      plugin.getId() === 'search'
                        ? pgSearch
                        : await databases.init('SQLITE_3'),
                  }),
              }),
            ]
          : []),
        mockServices.rootConfig.factory({
          data: {
            oncall: {
              ...sandboxDemoOnCallConfig(sandbox.url),
              vendorTimeoutMs: 5000,
            },
            search: { engine, collators: { oncall: { batchSize: 50 } } },
          },
        }),
      ],
    });
    server = backend.server;
    // the on-call backend's own sync fills its store, then every collator runs
    const tasks = await scheduler.getScheduledTasks();
    for (const task of tasks.filter(t => !t.id.startsWith('search_index_'))) {
      await scheduler.triggerTask(task.id);
    }
    for (const task of tasks.filter(t => t.id.startsWith('search_index_'))) {
      await scheduler.triggerTask(task.id);
    }
    const indexed = await request(server)
      .get('/api/search/query')
      .query({ term: 'on call', types: ['oncall-rotation'], pageLimit: 100 })
      .set('Authorization', mockCredentials.user.header());
    rotations = indexed.body.results;
  });

  afterAll(async () => {
    await sandbox?.close();
    jest.useRealTimers();
  });

  it('indexes a rotation for every schedule of a team a Group maps to', () => {
    expect(rotations.length).toBeGreaterThanOrEqual(6);
  });

  it.each(
    entitySubjects.flatMap(ref =>
      phrasings.map(phrase => [phrase(ref.split('/')[1]), ref]),
    ),
  )('answers %j with a rotation of %s first', async (term, entityRef) => {
    const expected = await schedulesOf(entityRef);
    expect(expected.length).toBeGreaterThan(0);

    const [first] = await search(term);

    expect(first.type).toBe('oncall-rotation');
    expect(expected).toContain(first.document.scheduleName);
    // of the rotations that answer, one with someone on call now comes first
    const staffed = rotations.filter(
      r =>
        expected.includes(r.document.scheduleName ?? '') &&
        r.document.responders?.length,
    );
    expect(Boolean(first.document.responders?.length)).toBe(staffed.length > 0);
  });

  it.each(phrasings.map((phrase, i) => [i + 1, phrase]))(
    'answers about a team and a schedule by their Opsgenie names (phrasing %i)',
    async (_i, phrase) => {
      const team = sandbox.org.teams.find(t =>
        sandbox.org.groups.some(
          g => g.opsgenieAnnotation === t.name && g.name !== t.name,
        ),
      );
      expect(team).toBeDefined();
      const schedules = sandbox.org.schedules.filter(
        s => s.ownerTeamId === team!.id,
      );
      const byTeam = (await search(phrase(team!.name)))[0];
      expect(byTeam.type).toBe('oncall-rotation');
      expect(schedules.map(s => s.name)).toContain(
        byTeam.document.scheduleName,
      );

      const byName = (await search(phrase(schedules[0].name)))[0];
      expect(byName).toMatchObject({
        type: 'oncall-rotation',
        document: { scheduleName: schedules[0].name },
      });
    },
  );

  it('still finds an incident by the words of its title', async () => {
    const incident = sandbox.org.incidents.find(i => i.severity === 1);
    expect(incident).toBeDefined();

    const results = await search(incident!.title);

    expect(results.map(r => r.document.location)).toContainEqual(
      expect.stringMatching(new RegExp(`\\?incident=${incident!.id}$`)),
    );
  });

  it('finds a service’s sev1 incidents for "sev1 <service>"', async () => {
    const incident = sandbox.org.incidents.find(i => i.severity === 1);
    const results = await search(`sev1 ${incident!.service}`);

    expect(results).toContainEqual(
      expect.objectContaining({
        type: 'oncall-incident',
        document: expect.objectContaining({
          text: expect.stringMatching(
            new RegExp(`^SEV1 · ${incident!.service}`),
          ),
        }),
      }),
    );
  });
});
