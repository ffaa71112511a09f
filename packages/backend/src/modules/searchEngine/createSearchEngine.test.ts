import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createSearchEngine, readSearchEngineName } from './createSearchEngine';

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

const config = (search?: object) => new ConfigReader(search ? { search } : {});

describe('readSearchEngineName', () => {
  it('keeps the index in memory with Lunr unless told otherwise', () => {
    expect(readSearchEngineName(config())).toBe('lunr');
    expect(readSearchEngineName(config({ engine: 'lunr' }))).toBe('lunr');
    expect(readSearchEngineName(config({ engine: 'postgres' }))).toBe(
      'postgres',
    );
  });

  it('names the key and the choices for anything else', () => {
    expect(() => readSearchEngineName(config({ engine: 'elastic' }))).toThrow(
      'Invalid search.engine, expected one of lunr, postgres but got "elastic"',
    );
    expect(() => readSearchEngineName(config({ engine: 5 }))).toThrow(
      /search\.engine/,
    );
  });
});

describe('createSearchEngine', () => {
  it('refuses postgres on a database that is not PostgreSQL, saying what to set', async () => {
    const database = mockServices.database({
      knex: await databases.init('SQLITE_3'),
    });

    await expect(
      createSearchEngine({
        config: config({ engine: 'postgres' }),
        database,
        logger: mockServices.logger.mock(),
      }),
    ).rejects.toThrow(
      'search.engine is "postgres" but the search database is not PostgreSQL 12 or later; set backend.database.client to pg',
    );
  });

  it.each(databases.eachSupportedId().filter(([id]) => id !== 'SQLITE_3'))(
    'keeps the index in the search database on %s',
    async id => {
      const knex = await databases.init(id);
      const engine = await createSearchEngine({
        config: config({ engine: 'postgres' }),
        database: mockServices.database({ knex }),
        logger: mockServices.logger.mock(),
      });

      expect(await knex.schema.hasTable('documents')).toBe(true);
      await expect(engine.query({ term: 'payments' })).resolves.toEqual(
        expect.objectContaining({ results: [] }),
      );
    },
  );
});
