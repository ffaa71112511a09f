import { TestDatabaseId } from '@backstage/backend-test-utils';
import { TestStores, createTestStores } from './createTestStores';
import { useBeforeAll } from './useBeforeAll';

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
  const stores = useBeforeAll('the test stores have not been created', () =>
    createTestStores(databaseId),
  );
  afterEach(async () => {
    for (const table of options.emptyAfterEach) {
      await stores.knex(table).delete();
    }
  });
  return stores;
}
