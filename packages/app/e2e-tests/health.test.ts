import { APIRequestContext } from '@playwright/test';
import { expect, test } from './clock';
import { backend, guestHeaders, shot, describeSignedIn } from './portal';

/**
 * On-call health on the running demo portal: the health card on a team page and the last
 * shift on the home page, each checked against the figures the backend serves at the same
 * moment (which its acceptance test checks against the sandbox's alerts and timelines).
 * Screenshots are saved to test-results/screenshots/ (or $ONCALL_E2E_SCREENSHOTS).
 */

/** Weeks overloaded out of the weeks shown, once the health sync has pages for the team. */
async function overloadedWeeks(request: APIRequestContext, group: string) {
  const headers = await guestHeaders(request);
  let body: {
    weeks: Array<{ overloaded: boolean }>;
    totals: { pages: number };
    freshness?: { asOf?: string };
  } = { weeks: [], totals: { pages: 0 } };
  // the health sync runs 30 s after start: wait until it has landed
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `${backend}/api/oncall/entities/group/default/${group}/health?weeks=12`,
          { headers },
        );
        body = await response.json();
        return response.ok() && Boolean(body.freshness?.asOf);
      },
      { timeout: 90_000 },
    )
    .toBe(true);
  expect(body.weeks).toHaveLength(12);
  return {
    overloaded: body.weeks.filter(w => w.overloaded).length,
    weeks: body.weeks.length,
    pages: body.totals.pages,
  };
}

describeSignedIn('on-call health', () => {
  test('the overloaded team’s page shows its health card with the overloaded weeks; the quiet team’s has none', async ({
    page,
    request,
  }) => {
    const payments = await overloadedWeeks(request, 'payments');
    const quiet = await overloadedWeeks(request, 'data-platform');
    expect(payments.overloaded).toBeGreaterThan(0);
    expect(quiet.overloaded).toBe(0);

    await page.goto('/catalog/default/group/payments');
    await expect(page.getByText('On-call health').first()).toBeVisible();
    await expect(
      page.getByRole('figure', {
        name: `Pages per week by hours; ${payments.overloaded} of ${payments.weeks} weeks overloaded`,
      }),
    ).toBeVisible();
    await page.getByText('On-call health').first().scrollIntoViewIfNeeded();
    await shot(page, 'health-card-payments');

    await page.goto('/catalog/default/group/data-platform');
    await expect(page.getByText('On-call health').first()).toBeVisible();
    if (quiet.pages === 0) {
      await expect(page.getByText('No pages in 12 weeks.')).toBeVisible();
    } else {
      await expect(
        page.getByRole('figure', {
          name: `Pages per week by hours; 0 of ${quiet.weeks} weeks overloaded`,
        }),
      ).toBeVisible();
    }
  });

  test('the home page’s My on-call card sums up my last shift', async ({
    page,
    request,
  }) => {
    const headers = await guestHeaders(request);
    // the guest (data-platform) takes a primary week in the demo rotation; the health sync
    // (30 s after start) stores the shifts: wait until the last one is there
    let mine: { lastShift?: { pages: number; sleepHours: number } } = {};
    await expect
      .poll(
        async () => {
          const response = await request.get(
            `${backend}/api/oncall/me/last-shift`,
            { headers },
          );
          mine = await response.json();
          return response.ok() && Boolean(mine.lastShift);
        },
        { timeout: 90_000 },
      )
      .toBe(true);
    const { pages, sleepHours } = mine.lastShift!;
    await page.goto('/');
    await expect(page.getByText('My on-call').first()).toBeVisible();
    await expect(
      page.getByLabel('Your last shift').filter({
        hasText: `${pages} ${
          pages === 1 ? 'page' : 'pages'
        }, ${sleepHours} at night`,
      }),
    ).toBeVisible();
    await shot(page, 'home-last-shift');
  });
});
