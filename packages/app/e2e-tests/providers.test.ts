import { APIRequestContext } from '@playwright/test';
import { expect, test } from './clock';
import {
  backend,
  expectPrimaries,
  guestHeaders,
  shot,
  describeSignedIn,
} from './portal';

/**
 * Teams on JSM Operations and PagerDuty, and the coverage page with the migration tracker, on
 * the running demo portal. Each answer is checked against what that sandbox's own vendor API
 * says at the same moment, never against demo data written down here.
 * Screenshots are saved to test-results/screenshots/ (or $ONCALL_E2E_SCREENSHOTS).
 */
const sandbox = `${backend}/api/oncall-sandbox`;

/** The sandbox's JSM Operations site (its default keys, as in app-config.yaml). */
const jsm = {
  cloudId: '5e0b1c7a-3f2d-4a9e-8b6c-1d2e3f4a5b6c',
  auth: {
    Authorization: `Basic ${Buffer.from(
      'oncall-bot@example.com:sandbox-jsm-api-token',
    ).toString('base64')}`,
  },
};
/** How the portal names each on-call tool. */
const TOOL_NAMES: Record<string, string> = {
  opsgenie: 'Opsgenie',
  jsm: 'JSM Operations',
  pagerduty: 'PagerDuty',
};
const pagerDutyAuth = {
  Authorization: 'Token token=sandbox-pagerduty-token',
  Accept: 'application/vnd.pagerduty+json;version=2',
};

/** Display names of everyone JSM Operations has on call for a schedule right now. */
async function jsmOnCallNames(
  request: APIRequestContext,
  scheduleName: string,
): Promise<string[]> {
  const base = `${sandbox}/atlassian/jsm/ops/api/${jsm.cloudId}/v1`;
  const list = await request.get(`${base}/schedules?size=50`, {
    headers: jsm.auth,
  });
  expect(list.ok(), `${list.status()} ${await list.text()}`).toBe(true);
  const schedules: Array<{ id: string; name: string }> = (await list.json())
    .values;
  const schedule = schedules.find(s => s.name === scheduleName);
  expect(schedule, `JSM has ${scheduleName}`).toBeDefined();
  const onCalls = await request.get(
    `${base}/schedules/${schedule!.id}/on-calls?flat=true`,
    { headers: jsm.auth },
  );
  expect(onCalls.ok()).toBe(true);
  const accountIds: string[] = (await onCalls.json()).onCallUsers ?? [];
  if (accountIds.length === 0) {
    return [];
  }
  const query = accountIds
    .map(id => `accountId=${encodeURIComponent(id)}`)
    .join('&');
  const users = await request.get(
    `${sandbox}/jira/rest/api/3/user/bulk?${query}`,
    { headers: jsm.auth },
  );
  expect(users.ok()).toBe(true);
  return ((await users.json()).values as Array<{ displayName: string }>).map(
    u => u.displayName,
  );
}

/** Names of whom PagerDuty has on call at the first escalation level of a team's policies. */
async function pagerDutyFirstLevelNames(
  request: APIRequestContext,
  teamName: string,
): Promise<string[]> {
  const teams = await request.get(
    `${sandbox}/pagerduty/teams?query=${encodeURIComponent(teamName)}`,
    { headers: pagerDutyAuth },
  );
  expect(teams.ok()).toBe(true);
  const team = (
    (await teams.json()).teams as Array<{
      id: string;
      name: string;
    }>
  ).find(t => t.name === teamName);
  expect(team, `PagerDuty has team ${teamName}`).toBeDefined();
  const policies = await request.get(
    `${sandbox}/pagerduty/escalation_policies?team_ids[]=${team!.id}`,
    { headers: pagerDutyAuth },
  );
  expect(policies.ok()).toBe(true);
  const policyIds = (
    (await policies.json()).escalation_policies as Array<{ id: string }>
  ).map(p => p.id);
  expect(policyIds.length).toBeGreaterThan(0);
  const onCalls = await request.get(
    `${sandbox}/pagerduty/oncalls?${policyIds
      .map(id => `escalation_policy_ids[]=${id}`)
      .join('&')}&include[]=users&limit=100`,
    { headers: pagerDutyAuth },
  );
  expect(onCalls.ok()).toBe(true);
  const entries: Array<{
    escalation_level: number;
    user: { name?: string; summary: string };
  }> = (await onCalls.json()).oncalls;
  return [
    ...new Set(
      entries
        .filter(e => e.escalation_level === 1)
        .map(e => e.user.name ?? e.user.summary),
    ),
  ];
}

describeSignedIn('teams that moved off Opsgenie', () => {
  test('a service of a team on JSM Operations shows whom JSM has on call, from JSM', async ({
    page,
    request,
  }) => {
    const names = await jsmOnCallNames(request, 'discovery-ops_schedule');
    expect(names.length).toBeGreaterThan(0);
    await page.goto('/catalog/default/component/search-api/on-call');
    const card = page
      .locator('.MuiCard-root')
      .filter({ hasText: 'discovery-ops_schedule' })
      .first();
    await expect(card.getByText('JSM Operations').first()).toBeVisible();
    await expectPrimaries(card, names);
    await expect(
      card.getByRole('link', { name: /Open schedule in JSM Operations/ }),
    ).toBeVisible();
    await shot(page, 'on-call-tab-jsm');
  });

  test('a service of a team on PagerDuty shows whom PagerDuty has on call first', async ({
    page,
    request,
  }) => {
    const names = await pagerDutyFirstLevelNames(request, 'growth');
    expect(names.length).toBeGreaterThan(0);
    await page.goto('/catalog/default/component/newsletter-service/on-call');
    await expect(page.getByText('PagerDuty').first()).toBeVisible();
    await expectPrimaries(page, names);
    await shot(page, 'on-call-tab-pagerduty');
  });

  test('the coverage page lists every Group with its provider, and the migration tracker counts them', async ({
    page,
    request,
  }) => {
    const headers = await guestHeaders(request);
    const response = await request.get(`${backend}/api/oncall/coverage`, {
      headers,
    });
    expect(response.ok()).toBe(true);
    const report: {
      groups: Array<{
        entityRef: string;
        team?: string;
        provider?: { provider: string; providerId: string };
      }>;
      migration: { teams: number; teamsOffOpsgenie: number; daysLeft: number };
    } = await response.json();
    // the report agrees with the vendors: every Group it puts on JSM is a JSM team
    const jsmTeams = await request.get(
      `${sandbox}/atlassian/jsm/ops/api/${jsm.cloudId}/v1/teams?size=100`,
      { headers: jsm.auth },
    );
    const jsmTeamNames = (
      (await jsmTeams.json()).platformTeams as Array<{ teamName: string }>
    ).map(t => t.teamName);
    const onJsm = report.groups.filter(g => g.provider?.provider === 'jsm');
    const onPagerDuty = report.groups.filter(
      g => g.provider?.provider === 'pagerduty',
    );
    expect(onJsm.length).toBeGreaterThan(0);
    expect(onPagerDuty.length).toBeGreaterThan(0);
    for (const group of onJsm) {
      expect(jsmTeamNames).toContain(group.team);
    }
    expect(report.migration.teamsOffOpsgenie).toBe(
      onJsm.length + onPagerDuty.length,
    );

    await page.goto('/oncall/coverage');
    await expect(
      page.getByText(
        `${report.migration.teamsOffOpsgenie} of ${report.migration.teams} teams`,
      ),
    ).toBeVisible();
    await expect(
      page.getByText(`${report.migration.daysLeft} days left`),
    ).toBeVisible();
    for (const group of report.groups) {
      // the row links the Group by the name the catalog shows for it
      const name = group.entityRef.split('/').pop()!;
      const entity = await request.get(
        `${backend}/api/catalog/entities/by-name/group/default/${name}`,
        { headers },
      );
      expect(entity.ok()).toBe(true);
      const shown: string =
        (await entity.json()).spec?.profile?.displayName ?? name;
      const row = page
        .getByRole('row')
        .filter({ has: page.getByRole('link', { name: shown, exact: true }) })
        .first();
      await expect(row).toBeVisible();
      if (group.provider) {
        await expect(
          row
            .getByText(TOOL_NAMES[group.provider.provider], { exact: true })
            .first(),
        ).toBeVisible();
      }
    }
    await shot(page, 'coverage-page');
  });
});
