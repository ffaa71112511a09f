import { test as base } from '@playwright/test';

/**
 * Playwright's `test` with the browser on the same clock as the portal.
 *
 * `scripts/e2e.sh --at <instant>` runs the portal and this runner under libfaketime (the
 * `FAKETIME` variable is then set); the browser does not run under it (playwright.config.ts
 * leaves it out of the browser's environment), so every page gets the runner's time through
 * Playwright's clock API instead, from which it keeps ticking. Without `FAKETIME` the browser
 * keeps its own, real clock.
 */
export const test = base.extend({
  context: async ({ context }, provide) => {
    if (process.env.FAKETIME) {
      await context.clock.install({ time: Date.now() });
    }
    await provide(context);
  },
});

export { expect } from '@playwright/test';
