import { APIRequestContext, Locator, Page } from '@playwright/test';
import { expect, test } from './clock';

/** The demo portal's backend, with the vendor sandbox in it. */
export const backend =
  process.env.ONCALL_BACKEND_URL ?? 'http://localhost:7007';

/** Where screenshots go (`scripts/e2e.sh` sets a folder per instant). */
export const screenshots =
  process.env.ONCALL_E2E_SCREENSHOTS ?? 'test-results/screenshots';

/** Signs in as the demo guest when the portal asks; the guest session may already exist. */
export async function signIn(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const catalog = page.getByRole('link', { name: 'Catalog', exact: true });
  await expect(enter.or(catalog).first()).toBeVisible();
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(catalog).toBeVisible();
}

/** `test.describe` of tests that each start signed in as the demo guest. */
export function describeSignedIn(title: string, tests: () => void) {
  test.describe(title, () => {
    test.beforeEach(async ({ page }) => {
      await signIn(page);
    });
    tests();
  });
}

/** The rows of an on-call view (or one card of it) naming a current primary, not "Primary after …". */
export function primaryRows(scope: Page | Locator): Locator {
  return scope.getByRole('listitem').filter({ hasText: /^Primary(?! after)/ });
}

/** Expects each of `names` in a current-primary row of `scope`. */
export async function expectPrimaries(scope: Page | Locator, names: string[]) {
  const primaries = primaryRows(scope);
  for (const name of names) {
    await expect(primaries.filter({ hasText: name }).first()).toBeVisible();
  }
}

/** A full-page screenshot named `name` in {@link screenshots}. */
export async function shot(page: Page, name: string) {
  await page.screenshot({
    path: `${screenshots}/${name}.png`,
    fullPage: true,
  });
}

/** The demo guest's Backstage token, as request headers for the backend's API. */
export async function guestHeaders(request: APIRequestContext) {
  const response = await request.get(
    `${backend}/api/auth/guest/refresh?optional&env=development`,
  );
  const token: string = (await response.json()).backstageIdentity.token;
  return { Authorization: `Bearer ${token}` };
}
