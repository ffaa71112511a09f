import { TestDatabaseId } from '@backstage/backend-test-utils';
import { OnCallProvider } from '../oncall/OnCallProvider';
import { OnCallSync } from '../oncall/OnCallSync';
import { CHECKS, MINUTE, T0, checkedSync } from './checkedSync';
import { TestStores, createTestStores } from './createTestStores';

/** The plugin's stores with a test clock, and the syncs that write them on that clock. */
export interface ClockedStores {
  stores: TestStores;
  /** The clock's time in ms; it starts at {@link T0}. */
  now(): number;
  /** Moves the clock on by `minutes`. */
  advance(minutes: number): void;
  /** A sync into the stores reading `provider`, on the clock, with the change checks {@link CHECKS}. */
  sync(provider: OnCallProvider): OnCallSync;
}

/** {@link createTestStores} on a fresh database of the given kind, with a clock at {@link T0}. */
export async function clockedStores(
  databaseId: TestDatabaseId,
): Promise<ClockedStores> {
  const stores = await createTestStores(databaseId);
  let now = T0;
  return {
    stores,
    now: () => now,
    advance: minutes => {
      now += minutes * MINUTE;
    },
    sync: provider =>
      checkedSync({ stores, provider, now: () => now, checks: CHECKS }),
  };
}
