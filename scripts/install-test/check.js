#!/usr/bin/env node
/* eslint-disable no-console */
// Checks a freshly installed app the way its users meet it: signs in as the guest, asks the
// On-call, Incidents and SLOs routes about a demo service, and opens the service's On-call tab
// in Chromium, where the primary must be whoever the sandbox's Opsgenie says is on call at that
// moment (asked just before and just after the page is read, so a handoff in between passes).
//
// Usage: node check.js <base URL> <entity ref kind/namespace/name>
const path = require('node:path');
const { HEADLESS_CHROMIUM_ARGS } = require('./chromiumArgs');

const [baseUrl, entity] = process.argv.slice(2);
if (!baseUrl || !entity) {
  console.error('usage: check.js <base URL> <kind/namespace/name>');
  process.exit(2);
}
const root = path.resolve(__dirname, '../..');
const { chromium } = require(require.resolve('playwright-core', {
  paths: [root],
}));

const sandbox = `${baseUrl}/api/oncall-sandbox`;
const genieKey = { Authorization: 'GenieKey sandbox-opsgenie-key' };

async function getJson(url, headers = {}) {
  const res = await fetch(url, { headers });
  const body = await res.text();
  if (!res.ok) {
    throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 500)}`);
  }
  return JSON.parse(body);
}

async function eventually(what, fn, seconds) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`${what} within ${seconds} s: ${error.message}`);
      }
      await new Promise(r => setTimeout(r, 2000));
    }
  }
}

/** A guest's token, fetched as the app's sign-in page does. */
async function guestToken() {
  const body = await getJson(`${baseUrl}/api/auth/guest/refresh`, {
    'X-Requested-With': 'XMLHttpRequest',
  });
  return body.backstageIdentity.token;
}

/** Full names of everyone the sandbox's Opsgenie has on call for a schedule right now. */
async function sandboxOnCall(schedule) {
  const onCalls = await getJson(
    `${sandbox}/opsgenie/v2/schedules/${encodeURIComponent(
      schedule,
    )}/on-calls?scheduleIdentifierType=name&flat=true`,
    genieKey,
  );
  const names = [];
  for (const username of onCalls.data.onCallRecipients) {
    const user = await getJson(
      `${sandbox}/opsgenie/v2/users/${encodeURIComponent(username)}`,
      genieKey,
    );
    names.push(user.data.fullName);
  }
  return names;
}

async function main() {
  const started = Date.now();
  const token = await eventually('a guest token', guestToken, 60);
  const auth = { Authorization: `Bearer ${token}` };
  const [kind, namespace, name] = entity.split('/');
  await eventually(
    `${entity} in the catalog`,
    () =>
      getJson(
        `${baseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
        auth,
      ),
    180,
  );
  const api = `${baseUrl}/api/oncall/entities/${kind}/${namespace}/${name}`;
  const onCall = await getJson(`${api}/on-call`, auth);
  if (onCall.notConfigured || onCall.rotations.length === 0) {
    throw new Error(`on-call for ${entity}: ${JSON.stringify(onCall)}`);
  }
  const schedule = onCall.rotations[0].schedule.name;
  const incidents = await getJson(`${api}/incidents`, auth);
  if (!Array.isArray(incidents.items) || !incidents.freshness) {
    throw new Error(`incidents for ${entity}: ${JSON.stringify(incidents)}`);
  }
  const slos = await getJson(`${api}/slos`, auth);
  if (!Array.isArray(slos.items) || !slos.freshness) {
    throw new Error(`SLOs for ${entity}: ${JSON.stringify(slos)}`);
  }
  console.log(
    `routes: on-call (${schedule}), ${incidents.items.length} incidents, ${slos.items.length} SLOs for ${entity}`,
  );

  const before = await sandboxOnCall(schedule);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: HEADLESS_CHROMIUM_ARGS,
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(baseUrl);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page
      .getByRole('link', { name: 'Catalog', exact: true })
      .first()
      .waitFor();
    await page.goto(`${baseUrl}/catalog/${namespace}/${kind}/${name}/on-call`);
    await page
      .getByRole('tab', { name: 'On-call' })
      .or(page.getByRole('link', { name: 'On-call', exact: true }))
      .first()
      .waitFor();
    await page
      .getByText(/^Primary/)
      .first()
      .waitFor();
    await page
      .waitForFunction(
        names => names.some(n => document.body.innerText.includes(n)),
        before,
        { timeout: 60_000 },
      )
      .catch(() => undefined);
    const text = await page.locator('body').innerText();
    const after = await sandboxOnCall(schedule);
    const shown = [...new Set([...before, ...after])].filter(n =>
      text.includes(n),
    );
    if (shown.length === 0) {
      await page.screenshot({
        path: 'install-test-on-call.png',
        fullPage: true,
      });
      throw new Error(
        `the On-call tab of ${entity} shows none of ${JSON.stringify(
          before,
        )} / ${JSON.stringify(
          after,
        )}, whom the sandbox has on call for ${schedule}`,
      );
    }
    console.log(
      `Chromium: the On-call tab of ${entity} shows ${shown.join(
        ', ',
      )}, on call for ${schedule} by the sandbox`,
    );
  } finally {
    await browser.close();
  }
  console.log(`checks took ${Math.round((Date.now() - started) / 1000)} s`);
}

main().catch(error => {
  console.error(`install test: ${error.message}`);
  process.exit(1);
});
