import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import {
  LunrSearchEngine,
  SearchEngine,
  TestPipeline,
} from '@backstage/plugin-search-backend-node';
import { SearchQuery } from '@backstage/plugin-search-common';
import { fixtureIndex } from '../__testUtils__/searchFixtures';
import { OnCallAnswersSearchEngine } from './OnCallAnswersSearchEngine';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

/** The engines the portal can run, each with the fixture organisation indexed. */
const engines: Array<[string, () => Promise<SearchEngine>]> = [
  [
    'lunr',
    async () => new LunrSearchEngine({ logger: mockServices.logger.mock() }),
  ],
  ...databases
    .eachSupportedId()
    .map(([id]): [string, () => Promise<SearchEngine>] => [
      `postgres (${id})`,
      async () =>
        PgSearchEngine.fromConfig(new ConfigReader({}), {
          database: mockServices.database({ knex: await databases.init(id) }),
          logger: mockServices.logger.mock(),
        }),
    ]),
];

async function index(engine: SearchEngine) {
  for (const [type, documents] of Object.entries(fixtureIndex)) {
    const { error } = await TestPipeline.fromIndexer(
      await engine.getIndexer(type),
    )
      .withDocuments(documents())
      .execute();
    expect(error).toBeUndefined();
  }
}

const phrasings = [
  (x: string) => `who is on call for ${x}`,
  (x: string) => `on call ${x}`,
  (x: string) => `${x} on-call`,
  (x: string) => `${x} oncall`,
];

/** Subjects (a team, a Group, a service, an inherited service, a schedule) and their rotation. */
const subjects: Array<[string, string]> = [
  ['payments', '/catalog/default/group/payments?schedule=pay'],
  ['payments-team', '/catalog/default/group/payments?schedule=pay'],
  ['payments-api', '/catalog/default/group/payments?schedule=pay'],
  ['fraud-detector', '/catalog/default/group/payments?schedule=pay'],
  ['payments_schedule', '/catalog/default/group/payments?schedule=pay'],
  ['checkout-api', '/catalog/default/group/checkout?schedule=co-weekend'],
  ['storefront-web', '/catalog/default/group/commerce?schedule=com'],
  ['commerce', '/catalog/default/group/commerce?schedule=com'],
  ['sre', '/catalog/default/group/sre?schedule=sre'],
  ['data-platform', '/catalog/default/group/data-platform?schedule=data'],
];

describe.each(engines)('on-call answers on %s', (_name, create) => {
  let inner: SearchEngine;
  let engine: SearchEngine;

  beforeAll(async () => {
    inner = await create();
    await index(inner);
    engine = OnCallAnswersSearchEngine.wrap(inner);
  });

  const search = (query: SearchQuery) => engine.query(query);

  it.each(
    subjects.flatMap(([subject, location]) =>
      phrasings.map(phrase => [phrase(subject), location]),
    ),
  )(
    '%j lists the rotation first with no type filter',
    async (term, location) => {
      const { results } = await search({ term });

      expect(results[0]).toMatchObject({
        type: 'oncall-rotation',
        document: { location },
        rank: 1,
      });
    },
  );

  it('puts the rotation with someone on call now before the one with nobody', async () => {
    const { results } = await search({ term: 'who is on call for checkout' });

    expect(results.slice(0, 2).map(r => r.document.location)).toEqual([
      '/catalog/default/group/checkout?schedule=co-weekend',
      '/catalog/default/group/checkout?schedule=co-weekday',
    ]);
  });

  it('follows the answers with what the engine finds for the subject, without repeating them', async () => {
    const { results } = await search({
      term: 'who is on call for payments-api',
    });

    const locations = results.map(r => r.document.location);
    expect(new Set(locations).size).toBe(locations.length);
    expect(locations).toContain('/catalog/default/component/payments-api');
    expect(locations).toContain(
      '/catalog/default/component/payments-api/incidents?incident=INC-1001',
    );
    expect(results.map(r => r.rank)).toEqual(results.map((_r, i) => i + 1));
  });

  it('finds incidents by the words of their titles', async () => {
    const sev1 = (await search({ term: 'sev1 checkout-api' })).results.find(
      r => r.type === 'oncall-incident',
    );
    expect(sev1?.document.title).toBe('Elevated 5xx errors on checkout-api');

    const crash = (
      await search({ term: 'crash-looping fraud-detector' })
    ).results.find(r => r.type === 'oncall-incident');
    expect(crash?.document.title).toBe(
      'fraud-detector pods crash-looping after deploy',
    );
  });

  it('leaves any other query to the engine', async () => {
    for (const query of [
      { term: 'latency spike in payments-api' },
      // a question no rotation answers
      { term: 'on call handbook' },
      // a filtered search
      {
        term: 'who is on call for payments',
        filters: { severity: 'sev1' },
        types: ['oncall-incident'],
      },
    ]) {
      expect(await search(query)).toEqual(await inner.query(query));
    }
  });

  it('searches the other types for the subject when rotations are left out', async () => {
    const query = {
      term: 'who is on call for payments-api',
      types: ['oncall-incident'],
    };

    const { results } = await search(query);

    expect(results.length).toBeGreaterThan(0);
    expect(results).toEqual(
      (
        await inner.query({ term: 'payments-api', types: ['oncall-incident'] })
      ).results.map((result, i) => ({ ...result, rank: i + 1 })),
    );
  });

  it('pages through the rest without repeating the answers', async () => {
    const pageThrough = async (each: SearchEngine, term: string) => {
      const locations: string[] = [];
      let pageCursor: string | undefined;
      do {
        const page = await each.query({ term, pageLimit: 5, pageCursor });
        locations.push(...page.results.map(r => r.document.location));
        pageCursor = page.nextPageCursor;
      } while (pageCursor && locations.length < 500);
      return locations;
    };
    const answer = '/catalog/default/group/payments?schedule=pay';

    const seen = await pageThrough(engine, 'payments oncall');

    expect(seen.length).toBeGreaterThan(5);
    expect(seen[0]).toBe(answer);
    expect(seen.filter(location => location === answer)).toHaveLength(1);
    // every page of the engine's own results for the subject is reached
    expect(new Set(seen)).toEqual(
      new Set(await pageThrough(inner, 'payments')),
    );
  });
});

describe('on-call answers before the rotations are indexed', () => {
  it('answers from the other indices on Lunr', async () => {
    const inner = new LunrSearchEngine({ logger: mockServices.logger.mock() });
    const { error } = await TestPipeline.fromIndexer(
      await inner.getIndexer('oncall-incident'),
    )
      .withDocuments(fixtureIndex['oncall-incident']())
      .execute();
    expect(error).toBeUndefined();
    const engine = OnCallAnswersSearchEngine.wrap(inner);

    const query = { term: 'who is on call for payments-api' };
    expect(await engine.query(query)).toEqual(await inner.query(query));
  });
});
