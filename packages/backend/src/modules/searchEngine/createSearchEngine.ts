import { DatabaseService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import {
  LunrSearchEngine,
  SearchEngine,
} from '@backstage/plugin-search-backend-node';
import { OnCallAnswersSearchEngine } from '@oncall-for-backstage/plugin-search-backend-module-oncall';

/** The search engines the portal can run. */
export const SEARCH_ENGINES = ['lunr', 'postgres'] as const;

export type SearchEngineName = (typeof SEARCH_ENGINES)[number];

const isSearchEngineName = (value: string): value is SearchEngineName =>
  SEARCH_ENGINES.some(name => name === value);

/** Reads `search.engine`: `lunr` (in memory, the default) or `postgres`. */
export function readSearchEngineName(config: Config): SearchEngineName {
  const value = config.getOptionalString('search.engine') ?? 'lunr';
  if (!isSearchEngineName(value)) {
    throw new InputError(
      `Invalid search.engine, expected one of ${SEARCH_ENGINES.join(
        ', ',
      )} but got "${value}"`,
    );
  }
  return value;
}

/**
 * The portal's search engine as `search.engine` selects it, wrapped so that on-call
 * questions ("who is on call for payments") list the rotations that answer them first.
 * PostgreSQL keeps the index in the search plugin's database, shared by every backend
 * replica; it needs that database to be PostgreSQL 12 or later.
 */
export async function createSearchEngine(options: {
  config: Config;
  database: DatabaseService;
  logger: LoggerService;
}): Promise<SearchEngine> {
  const { config, database, logger } = options;
  const name = readSearchEngineName(config);
  if (name === 'postgres' && !(await PgSearchEngine.supported(database))) {
    throw new InputError(
      'search.engine is "postgres" but the search database is not PostgreSQL 12 or later; set backend.database.client to pg',
    );
  }
  const engine =
    name === 'postgres'
      ? await PgSearchEngine.fromConfig(config, { database, logger })
      : new LunrSearchEngine({ logger });
  logger.info('Search engine selected', { engine: name });
  return OnCallAnswersSearchEngine.wrap(engine);
}
