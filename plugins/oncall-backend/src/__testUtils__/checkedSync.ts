import { mockServices } from '@backstage/backend-test-utils';
import { OnCallProvider } from '../oncall/OnCallProvider';
import { OnCallChecks, OnCallSync } from '../oncall/OnCallSync';
import { MultiOnCallProvider } from '../oncall/providers/MultiOnCallProvider';
import { TestStores } from './createTestStores';
import { FakeCheckedVendor } from './fakeCheckedVendor';

export const MINUTE = 60_000;

/** The change checks the sync tests run with: a quarter hour's staleness, an hourly re-read. */
export const CHECKS: OnCallChecks = {
  maxStaleMs: 15 * MINUTE,
  rereadMs: 60 * MINUTE,
};

/** Where the sync tests' clock starts: a Sunday evening, two days before a weekly handoff. */
export const T0 = new Date('2026-11-29T18:00:00Z').getTime();

/** A sync into `stores` reading `provider`, on the test's clock `now` (ms), logging nowhere. */
export function checkedSync(options: {
  stores: TestStores;
  provider: OnCallProvider;
  now: () => number;
  checks?: OnCallChecks;
}): OnCallSync {
  return new OnCallSync({
    provider: options.provider,
    store: options.stores.onCall,
    syncState: options.stores.syncState,
    logger: mockServices.logger.mock(),
    now: () => new Date(options.now()),
    checks: options.checks,
  });
}

/** Two fake tools behind one provider, as `oncall.opsgenie` and `oncall.jsm` configure them. */
export function opsgenieAndJsm(
  opsgenie: FakeCheckedVendor,
  jsm: FakeCheckedVendor,
): MultiOnCallProvider {
  return new MultiOnCallProvider({
    providers: [
      { id: 'opsgenie', type: 'opsgenie', provider: opsgenie.provider() },
      { id: 'jsm', type: 'jsm', provider: jsm.provider() },
    ],
  });
}
