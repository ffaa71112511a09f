import { APIRequestContext } from '@playwright/test';
import { expect, test } from './clock';
import {
  backend,
  guestHeaders,
  primaryRows,
  shot,
  signIn,
  describeSignedIn,
} from './portal';

/**
 * The on-call views on the running demo portal, checked against what the sandbox's own vendor
 * APIs say at the same moment (so nothing here is hard-coded demo data).
 * Screenshots of each view are saved to test-results/screenshots/ (or $ONCALL_E2E_SCREENSHOTS).
 */
const sandbox = `${backend}/api/oncall-sandbox`;
const genieKey = { Authorization: 'GenieKey sandbox-opsgenie-key' };
const ddKeys = {
  'DD-API-KEY': 'sandbox-datadog-api-key',
  'DD-APPLICATION-KEY': 'sandbox-datadog-app-key',
};

/** Full names of everyone Opsgenie says is on call for a schedule right now. */
async function onCallNames(request: APIRequestContext, schedule: string) {
  const onCalls = await request.get(
    `${sandbox}/opsgenie/v2/schedules/${schedule}/on-calls?scheduleIdentifierType=name&flat=true`,
    { headers: genieKey },
  );
  expect(onCalls.ok()).toBe(true);
  const usernames: string[] = (await onCalls.json()).data.onCallRecipients;
  const names: string[] = [];
  for (const username of usernames) {
    const user = await request.get(
      `${sandbox}/opsgenie/v2/users/${encodeURIComponent(username)}`,
      { headers: genieKey },
    );
    names.push((await user.json()).data.fullName);
  }
  return names;
}

async function latestIncidentTitle(
  request: APIRequestContext,
  service: string,
) {
  const token = await request.post(
    `${sandbox}/blameless/api/v2/identity/token`,
    { headers: { Authorization: 'sandbox-blameless-key' } },
  );
  const { access_token: accessToken } = await token.json();
  const list = await request.get(
    `${sandbox}/blameless/api/v1/incidents?limit=100&services=${service}`,
    { headers: { Authorization: `Bearer ${accessToken}` } },
  );
  const incidents: Array<{ description: string; created: { $date: number } }> =
    (await list.json()).incidents;
  incidents.sort((a, b) => b.created.$date - a.created.$date);
  return incidents[0].description;
}

async function sloNames(request: APIRequestContext, service: string) {
  const list = await request.get(
    `${sandbox}/datadog/api/v1/slo?tags_query=${encodeURIComponent(
      `service:${service}`,
    )}`,
    { headers: ddKeys },
  );
  return ((await list.json()).data as Array<{ name: string }>).map(s => s.name);
}

describeSignedIn('on-call views on the demo portal', () => {
  test('On-call tab shows the live escalation chain and the Incident Commander', async ({
    page,
    request,
  }) => {
    const responders = await onCallNames(request, 'payments_schedule');
    const commanders = await onCallNames(request, 'sre_ic_schedule');
    await page.goto('/catalog/default/component/payments-api/on-call');
    for (const name of responders) {
      await expect(page.getByText(name).first()).toBeVisible();
    }
    await expect(page.getByText(commanders[0]).first()).toBeVisible();
    await expect(page.getByText(/secondary/i).first()).toBeVisible();
    await shot(page, 'on-call-tab');
  });

  test('the 14-day timelines label their days without overlap, narrow and wide', async ({
    page,
  }) => {
    for (const [name, size] of [
      ['phone', { width: 390, height: 900 }],
      ['laptop', { width: 1280, height: 900 }],
      ['wide', { width: 1920, height: 1080 }],
    ] as const) {
      await page.setViewportSize(size);
      await page.goto('/catalog/default/component/payments-api/on-call');
      await expect(
        page.getByRole('figure', { name: 'Upcoming 14 days' }).first(),
      ).toBeVisible();
      await expect(page.locator('[data-day-label]').first()).toBeVisible();
      const axes = await page.locator('[data-day-label]').evaluateAll(labels =>
        labels.map(label => {
          const box = label.getBoundingClientRect();
          const axis = label.parentElement?.getBoundingClientRect();
          return {
            axis: `${axis?.left},${axis?.top}`,
            axisRight: axis?.right ?? 0,
            left: box.left,
            right: box.right,
            text: label.textContent ?? '',
            clipped: label.scrollWidth > label.clientWidth,
          };
        }),
      );
      const byAxis = new Map<string, typeof axes>();
      for (const label of axes) {
        byAxis.set(label.axis, [...(byAxis.get(label.axis) ?? []), label]);
      }
      for (const labels of byAxis.values()) {
        labels.sort((a, b) => a.left - b.left);
        labels.forEach((label, i) => {
          expect(label.clipped, `${name}: "${label.text}" is cut`).toBe(false);
          expect(label.right).toBeLessThanOrEqual(label.axisRight + 0.5);
          if (i > 0) {
            expect(
              label.left,
              `${name}: "${labels[i - 1].text}" and "${label.text}" overlap`,
            ).toBeGreaterThanOrEqual(labels[i - 1].right);
          }
        });
      }
      await shot(page, `on-call-timeline-${name}`);
    }
  });

  test('On-call tab shows whom each checkout schedule has on call, or that nobody is', async ({
    page,
    request,
  }) => {
    // checkout's weekday rotation covers Monday 09:00 to Friday 18:00 and its weekend rotation
    // the rest of the week: at any instant one of them has nobody on call
    const schedules = ['checkout_weekday', 'checkout_weekend'];
    const truth = new Map<string, string[]>();
    for (const schedule of schedules) {
      truth.set(schedule, await onCallNames(request, schedule));
    }
    expect([...truth.values()].filter(names => names.length > 0)).toHaveLength(
      1,
    );
    await page.goto('/catalog/default/component/checkout-api/on-call');
    const primaries = primaryRows(page);
    for (const [schedule, names] of truth) {
      if (names.length === 0) {
        await expect(
          page.getByText(`Nobody is on call now in ${schedule}`),
        ).toBeVisible();
      }
      for (const name of names) {
        await expect(primaries.filter({ hasText: name }).first()).toBeVisible();
      }
    }
    // the empty schedule's primary level says so; the other's and the Incident Commander's name someone
    await expect(primaries.filter({ hasText: 'Nobody on call' })).toHaveCount(
      1,
    );
    await shot(page, 'on-call-tab-checkout');
  });

  test('Incidents tab lists the latest incident', async ({ page, request }) => {
    const title = await latestIncidentTitle(request, 'payments-api');
    await page.goto('/catalog/default/component/payments-api/incidents');
    await expect(page.getByText(title).first()).toBeVisible();
    await expect(page.getByText(/MTTR/).first()).toBeVisible();
    await expect(
      page.getByRole('figure', { name: 'Incidents per week by severity' }),
    ).toBeVisible();
    await shot(page, 'incidents-tab');
  });

  test('SLOs tab shows every SLO of the service', async ({ page, request }) => {
    const names = await sloNames(request, 'payments-api');
    expect(names.length).toBeGreaterThan(0);
    await page.goto('/catalog/default/component/payments-api/slos');
    for (const name of names) {
      await expect(page.getByText(name).first()).toBeVisible();
      await expect(
        page.getByRole('figure', {
          name: `Error budget burn-down for ${name}`,
        }),
      ).toBeVisible();
    }
    await shot(page, 'slos-tab');
  });

  test('a Group page shows the team on-call card', async ({
    page,
    request,
  }) => {
    const responders = await onCallNames(request, 'payments_schedule');
    await page.goto('/catalog/default/group/payments');
    await expect(page.getByText(responders[0]).first()).toBeVisible();
    await shot(page, 'group-card');
  });

  test('a service of a team on PagerDuty shows its rotation from PagerDuty', async ({
    page,
  }) => {
    await page.goto('/catalog/default/component/newsletter-service/on-call');
    await expect(page.getByText('From').first()).toBeVisible();
    await expect(page.getByText(/PagerDuty/).first()).toBeVisible();
    await shot(page, 'pagerduty');
  });

  test('the home page shows my on-call card', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByText('My on-call').first()).toBeVisible();
    await shot(page, 'home');
  });
});

describeSignedIn('a rotation kept on New York time, seen from New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('On-call tab shows Opsgenie’s on-call and the Monday 09:00 local handoff, daylight saving included', async ({
    page,
    request,
  }) => {
    const responders = await onCallNames(request, 'storefront-us_schedule');
    expect(responders).toHaveLength(1);
    await page.goto('/catalog/default/component/product-catalog/on-call');
    await expect(
      page.getByText('Schedule time zone: America/New_York'),
    ).toBeVisible();
    const primary = page
      .getByRole('listitem')
      .filter({ hasText: /^Primary/ })
      .filter({ hasText: responders[0] });
    // the shift ends and the next one starts at 09:00 on New York's clock, EST or EDT
    await expect(primary.getByText(/until Mon .*09:00 E[SD]T/)).toBeVisible();
    await expect(
      page.getByText(/Next handoff: Mon .*09:00 E[SD]T \(in /).first(),
    ).toBeVisible();
    await shot(page, 'on-call-tab-new-york');
  });
});

test.describe('on-call answers in the portal search', () => {
  test('"who is on call for payments" lists the payments rotation first', async ({
    page,
    request,
  }) => {
    const headers = await guestHeaders(request);
    // the rotations the on-call backend says are on call for the payments Group
    const onCall = await request.get(
      `${backend}/api/oncall/entities/group/default/payments/on-call`,
      { headers },
    );
    expect(onCall.ok()).toBe(true);
    const schedules: string[] = (await onCall.json()).rotations.map(
      (r: { schedule: { name: string } }) => r.schedule.name,
    );
    expect(schedules.length).toBeGreaterThan(0);

    const query = 'who is on call for payments';
    // the collators run shortly after start; wait until the index has the rotations
    let first: {
      type?: string;
      document?: { title: string; location: string; scheduleName?: string };
    } = {};
    await expect
      .poll(
        async () => {
          // no type filter: every document type competes
          const answer = await request.get(
            `${backend}/api/search/query?term=${encodeURIComponent(query)}`,
            { headers },
          );
          first = (await answer.json()).results?.[0] ?? {};
          return first.type;
        },
        { timeout: 90_000, intervals: [2_000] },
      )
      .toBe('oncall-rotation');
    expect(schedules).toContain(first.document?.scheduleName);
    const title = first.document!.title;

    await signIn(page);
    await page.goto('/search');
    const box = page.getByRole('textbox').first();
    await box.fill(query);
    await box.press('Enter');
    // every result links to a catalog page; the first one is the rotation's
    const resultLinks = page.locator('a[href^="/catalog/"]');
    await expect(resultLinks.first()).toHaveText(title);
    await expect(resultLinks.first()).toHaveAttribute(
      'href',
      first.document!.location,
    );
    expect(await resultLinks.count()).toBeGreaterThan(1);
    await shot(page, 'search');
  });
});
