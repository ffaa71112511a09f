import { test as base } from '@playwright/test';

/** How far the portal's clock is from the real one (`scripts/e2e.sh` sets it), in ms. */
const offsetMs = Number(process.env.ONCALL_E2E_CLOCK_OFFSET_MS ?? 0);

/**
 * Playwright's `test` with the browser on the portal's clock.
 *
 * `scripts/e2e.sh --at <instant>` runs the portal's backend under libfaketime, shifted from the
 * real clock by `ONCALL_E2E_CLOCK_OFFSET_MS`; the runner and the browser keep the real clock,
 * and every page gets the shifted one through Playwright's clock API, from which it keeps
 * ticking. Without an offset the browser keeps its own clock.
 */
export const test = base.extend({
  context: async ({ context }, provide) => {
    if (Number.isFinite(offsetMs) && offsetMs !== 0) {
      await context.clock.install({ time: Date.now() + offsetMs });
    }
    await provide(context);
  },
});

export { expect } from '@playwright/test';
