import { TestDatabaseId } from '@backstage/backend-test-utils';
import { TestStores, createTestStores } from './createTestStores';

/**
 * Registers the calling block's hooks: before all its tests, {@link createTestStores} on a
 * fresh database of the given kind; after each, the rows of `emptyAfterEach` deleted, in
 * that order (children before their parents). The stores are read from the returned object
 * once the tests run.
 */
export function useTestStores(
  databaseId: TestDatabaseId,
  options: { emptyAfterEach: string[] },
): TestStores {
  let stores: TestStores | undefined;
  beforeAll(async () => {
    stores = await createTestStores(databaseId);
  });
  afterEach(async () => {
    for (const table of options.emptyAfterEach) {
      await stores?.knex(table).delete();
    }
  });
  const ready = () => {
    if (!stores) throw new Error('the test stores have not been created');
    return stores;
  };
  return {
    get knex() {
      return ready().knex;
    },
    get onCall() {
      return ready().onCall;
    },
    get incidents() {
      return ready().incidents;
    },
    get slos() {
      return ready().slos;
    },
    get syncState() {
      return ready().syncState;
    },
  };
}
