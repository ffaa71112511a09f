/*
 * Access to the on-call API, on the portal backend composed with the harness's test-only
 * permission policy and sign-in and the embedded sandbox (securityKit.ts):
 *   - every route but /health answers 401 without (or with bad) credentials;
 *   - a user the catalog hides an entity from gets 404 for its on-call, incidents and SLOs,
 *     and no search document of it;
 *   - paging without oncall.page.create is 403; with it, 202 and an audit record in the log;
 *   - the sandbox's control routes: with oncall-sandbox.controlKey set, 403 without the key
 *     (X-Forwarded-For changes nothing), served with it;
 *   - no vendor key in any response or log line of this file (checked after the tests).
 * Fuzzing, reflected input and the full vendor-key scan: security-input.test.ts.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  Exchange,
  SANDBOX_KEYS,
  entityRoutes,
  recordFigure,
  sleep,
} from '../harness';
import { hasData } from './lib';
import { concretePath, discoverRoutes } from './routes';
import {
  CONTROL_KEY,
  HIDDEN,
  HIDDEN_REF,
  VISIBLE,
  responseAndLogLeaks,
  securitySuite,
} from './securityKit';

const suite = securitySuite('security-access');

// the vendor-key scan of security-input.test.ts sees only that file's answers and log lines
after(() => {
  if (!suite.backend) return;
  assert.deepEqual(
    responseAndLogLeaks(suite.exchanges, suite.backend).slice(0, 20),
    [],
    'no vendor key in any response or log line',
  );
});

/**
 * Routes reached without Backstage credentials, and their answer to a request without any
 * valid credential: the health check, and the calendar feed, whose URL carries its own per-user
 * secret (calendar apps cannot send Backstage tokens) and answers 404 without a valid one.
 */
const WITHOUT_BACKSTAGE_CREDENTIALS: Record<string, number> = {
  '/health': 200,
  '/me/calendar.ics': 404,
};

describe('authentication', () => {
  test('every route but /health and the calendar feed answers 401 without credentials', async t => {
    const routes = discoverRoutes();
    assert.ok(
      routes.length >= 7,
      `found only ${routes.length} routes in the plugin source`,
    );
    const results: string[] = [];
    let checked = 0;
    const badCredentials: Array<Record<string, string> | undefined> = [
      undefined,
      { authorization: 'Bearer not-a-token' },
      { authorization: `GenieKey ${SANDBOX_KEYS.opsgenie}` },
      {
        authorization:
          'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ1c2VyOmRlZmF1bHQvZ3Vlc3QifQ.',
      },
    ];
    for (const route of routes) {
      for (const headers of badCredentials) {
        const e = await suite.request(suite.api(concretePath(route.path)), {
          method: route.method,
          headers,
          body:
            route.method === 'POST'
              ? { message: 'unauthenticated page' }
              : undefined,
        });
        checked++;
        const expected = WITHOUT_BACKSTAGE_CREDENTIALS[route.path] ?? 401;
        if (e.status !== expected) {
          results.push(
            `${route.method} ${route.path} (${
              headers
                ? Object.values(headers)[0].slice(0, 12)
                : 'no credentials'
            }): HTTP ${e.status}, expected ${expected}`,
          );
        }
      }
    }
    recordFigure(t.diagnostic.bind(t), 'auth-401', {
      routes: routes.map(r => `${r.method} ${r.path}`),
      requests: checked,
      unexpected: results.length,
    });
    assert.deepEqual(results, []);
  });
});

describe('authorization', () => {
  test('a user who may not read an entity gets 404 for its data', async t => {
    const hidden = entityRoutes(suite.backend.url, HIDDEN);
    const visible = entityRoutes(suite.backend.url, VISIBLE);
    const rows: Record<string, number> = {};
    /** Reads `url` with `token`, records its status as `row` and asserts it is `status`. */
    const expectStatus = async (
      row: string,
      url: string,
      token: string,
      status: number,
      message: (e: Exchange) => string,
    ) => {
      const exchange = await suite.request(url, { token });
      rows[row] = exchange.status;
      assert.equal(exchange.status, status, message(exchange));
      return exchange;
    };
    for (const view of ['onCall', 'incidents', 'slos'] as const) {
      const denied = await expectStatus(
        `restricted ${view} ${HIDDEN.name}`,
        hidden[view],
        suite.restricted,
        404,
        e =>
          `${view} of a hidden entity: HTTP ${e.status} ${e.text.slice(
            0,
            200,
          )}`,
      );
      assert.ok(
        !denied.text.includes('rotations') && !denied.text.includes('"items"'),
        'a 404 carries no data',
      );
      await expectStatus(
        `restricted ${view} ${VISIBLE.name}`,
        visible[view],
        suite.restricted,
        200,
        () => `${view} of a visible entity for the same user`,
      );
      await expectStatus(
        `guest ${view} ${HIDDEN.name}`,
        hidden[view],
        suite.guest,
        200,
        () => `${view} of ${HIDDEN.name} for a user allowed to read it`,
      );
    }
    const page = await suite.request(hidden.pages, {
      method: 'POST',
      token: suite.restricted,
      body: { message: 'hidden entity' },
    });
    rows[`restricted page ${HIDDEN.name}`] = page.status;
    assert.ok(
      [403, 404].includes(page.status),
      `paging a hidden entity: HTTP ${page.status}`,
    );
    recordFigure(t.diagnostic.bind(t), 'authz-404', rows);
  });

  test('no search document of a hidden entity reaches the user', async t => {
    const search = (token: string) =>
      suite.request(
        `${suite.backend.url}/api/search/query?term=${encodeURIComponent(
          HIDDEN.name,
        )}&types%5B0%5D=oncall-incident&pageLimit=100`,
        { token },
      );
    const mentions = (e: Exchange) =>
      (e.json?.results ?? []).filter(
        (r: any) =>
          r.document?.entityRef === HIDDEN_REF ||
          String(r.document?.location ?? '').includes(`/${HIDDEN.name}/`),
      ).length;
    // the collators run after start; wait until the allowed user finds the documents
    let guestHits = 0;
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      guestHits = mentions(await search(suite.guest));
      if (guestHits > 0) break;
      await sleep(2000);
    }
    const restrictedAnswer = await search(suite.restricted);
    assert.equal(restrictedAnswer.status, 200);
    const restrictedHits = mentions(restrictedAnswer);
    recordFigure(t.diagnostic.bind(t), 'authz-search', {
      term: HIDDEN.name,
      guestDocuments: guestHits,
      restrictedDocuments: restrictedHits,
      restrictedResults: restrictedAnswer.json?.results?.length,
    });
    assert.ok(
      guestHits > 0,
      'the allowed user finds incident documents of the entity (collation ran)',
    );
    assert.equal(restrictedHits, 0, 'the restricted user finds none');
  });

  test('paging: 403 without oncall.page.create; with it 202 and an audit record', async t => {
    const routes = entityRoutes(suite.backend.url, VISIBLE);
    /** Pages the visible entity at P5 as the user of `token`, asserting the answer's `status`. */
    const page = async (token: string, message: string, status: number) => {
      const answer = await suite.request(routes.pages, {
        method: 'POST',
        token,
        body: { message, priority: 'P5' },
      });
      assert.equal(
        answer.status,
        status,
        `HTTP ${answer.status} ${answer.text.slice(0, 300)}`,
      );
      return answer;
    };
    const denied = await page(
      suite.restricted,
      'Reliability suite: paging without permission',
      403,
    );
    assert.match(denied.json?.error?.message ?? '', /page/i);

    const mark = suite.backend.process.lines.length;
    const allowed = await page(
      suite.guest,
      'Reliability suite: paging with permission',
      202,
    );
    assert.equal(typeof allowed.json?.requestId, 'string');
    const audit = await suite.backend.process.waitForLine(
      /oncall\.oncall-page/,
      10_000,
      mark,
    );
    const auditLines = suite.backend.process
      .linesSince(mark)
      .filter(l => /oncall\.oncall-page/.test(l));
    const succeeded = auditLines.find(l => /succeeded/.test(l));
    recordFigure(t.diagnostic.bind(t), 'paging-audit', {
      deniedStatus: denied.status,
      allowedStatus: allowed.status,
      auditLines: auditLines.length,
      auditRecord: (succeeded ?? audit).slice(0, 400),
    });
    assert.ok(
      succeeded,
      `no succeeded audit record:\n${auditLines.join('\n')}`,
    );
    assert.ok(
      succeeded.includes('user:default/guest'),
      'the audit record names the actor',
    );
    assert.ok(
      succeeded.includes(allowed.json.requestId),
      'the audit record names the request id',
    );
  });
});

describe('sandbox control', () => {
  test('with oncall-sandbox.controlKey, control needs X-Sandbox-Control-Key; X-Forwarded-For changes nothing', async t => {
    const control = `${suite.backend.url}/api/oncall-sandbox/__sandbox`;
    const attempts: Array<[string, Record<string, string>]> = [
      ['no key', {}],
      ['wrong key', { 'x-sandbox-control-key': 'not-the-control-key' }],
      ['empty key', { 'x-sandbox-control-key': '' }],
      [
        'forwarded for loopback',
        { 'x-forwarded-for': '127.0.0.1', forwarded: 'for=127.0.0.1' },
      ],
    ];
    const rows: Record<string, number> = {};
    for (const [what, headers] of attempts) {
      const put = await suite.request(`${control}/faults/opsgenie`, {
        method: 'PUT',
        headers,
        body: { mode: 'hang' },
      });
      const stats = await suite.request(`${control}/stats`, { headers });
      const clear = await suite.request(`${control}/faults`, {
        method: 'DELETE',
        headers,
      });
      rows[`${what}: PUT faults`] = put.status;
      rows[`${what}: GET stats`] = stats.status;
      rows[`${what}: DELETE faults`] = clear.status;
      assert.equal(put.status, 403, `${what}: PUT faults HTTP ${put.status}`);
      assert.match(put.json?.error?.message ?? '', /X-Sandbox-Control-Key/);
      assert.equal(
        stats.status,
        403,
        `${what}: GET stats HTTP ${stats.status}`,
      );
      assert.equal(clear.status, 403, `${what}: DELETE HTTP ${clear.status}`);
    }
    const withKey = { 'x-sandbox-control-key': CONTROL_KEY };
    const faults = await suite.request(`${control}/faults`, {
      headers: withKey,
    });
    rows['with the key: GET faults'] = faults.status;
    assert.equal(faults.status, 200);
    assert.deepEqual(
      faults.json?.faults,
      {},
      'no refused call injected a fault',
    );
    const stats = await suite.request(`${control}/stats`, { headers: withKey });
    rows['with the key: GET stats'] = stats.status;
    assert.equal(stats.status, 200);
    assert.equal(typeof stats.json?.vendors?.opsgenie?.total, 'number');
    // the vendors keep answering: the on-call view still has its data
    const onCall = await suite.request(
      entityRoutes(suite.backend.url, VISIBLE).onCall,
      {
        token: suite.guest,
      },
    );
    rows['on-call view'] = onCall.status;
    assert.ok(onCall.status === 200 && hasData('onCall', onCall.json));
    recordFigure(t.diagnostic.bind(t), 'sandbox-control', rows);
  });
});
