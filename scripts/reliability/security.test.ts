/*
 * Security and input hardening of the on-call API, on the portal backend composed with the
 * harness's test-only permission policy and sign-in (scripts/harness/backend-main.ts) and the
 * embedded sandbox (the default portal config):
 *   - every route but /health answers 401 without (or with bad) credentials;
 *   - a user the catalog hides an entity from gets 404 for its on-call, incidents and SLOs,
 *     and no search document of it;
 *   - paging without oncall.page.create is 403; with it, 202 and an audit record in the log;
 *   - fuzzing: ≥ 1,000 generated bad requests over every route → only 4xx, each with a
 *     message naming the problem; bad input (a malformed body, a long key or value) never
 *     comes back in full;
 *   - the sandbox's control routes: with oncall-sandbox.controlKey set, 403 without the key
 *     (X-Forwarded-For changes nothing), served with it;
 *   - no vendor key in any response, log line, frontend code or frontend-visible config.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadConfig, loadConfigSchema } from '@backstage/config-loader';
import {
  BackendProcess,
  Exchange,
  HarnessRun,
  RequestOptions,
  SANDBOX_KEYS,
  createRun,
  entityRoutes,
  fastRefreshConfig,
  guestToken,
  harnessUserToken,
  recordFigure,
  repoRoot,
  request as rawRequest,
  requestRawPath,
  sleep,
  startBackend,
  waitForCatalog,
} from '../harness';
import { DEMO_ENTITIES, concretePath, discoverRoutes, hasData } from './lib';

const HIDDEN = {
  kind: 'component',
  namespace: 'default',
  name: 'payment-gateway',
};
const HIDDEN_REF = `component:default/${HIDDEN.name}`;
const VISIBLE = DEMO_ENTITIES[0];
const RESTRICTED_USER = 'restricted';
const FUZZ_SEED = Number(process.env.ONCALL_FUZZ_SEED ?? 20261127);
const FUZZ_MIN_CASES = 1000;
const KEYS = Object.values(SANDBOX_KEYS);
/** oncall-sandbox.controlKey of this file's backend. */
const CONTROL_KEY = 'security-suite-control-key';

let run: HarnessRun;
let backend: BackendProcess;
let guest: string;
let restricted: string;
/** Every exchange of this file, scanned for vendor keys at the end. */
const exchanges: Exchange[] = [];

async function request(
  url: string,
  options?: RequestOptions,
): Promise<Exchange> {
  const exchange = await rawRequest(url, options);
  exchanges.push(exchange);
  return exchange;
}

before(async () => {
  run = createRun('security');
  backend = await startBackend(run, {
    name: 'backend',
    entry: 'harness',
    sandbox: 'embedded',
    config: {
      ...fastRefreshConfig({ frequencySeconds: 30 }),
      'oncall-sandbox': { controlKey: CONTROL_KEY },
      reliabilityHarness: {
        policy: [
          {
            user: `user:default/${RESTRICTED_USER}`,
            hide: [HIDDEN_REF],
            deny: ['oncall.page.create'],
          },
        ],
      },
    },
  });
  await waitForCatalog(backend, { min: 10 });
  guest = await guestToken(backend.url);
  restricted = await harnessUserToken(backend.url, RESTRICTED_USER);
});

after(async () => {
  await backend?.stop();
});

const api = (path: string) => `${backend.url}/api/oncall${path}`;

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
        const e = await request(api(concretePath(route.path)), {
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
    const hidden = entityRoutes(backend.url, HIDDEN);
    const visible = entityRoutes(backend.url, VISIBLE);
    const rows: Record<string, number> = {};
    for (const view of ['onCall', 'incidents', 'slos'] as const) {
      const denied = await request(hidden[view], { token: restricted });
      rows[`restricted ${view} ${HIDDEN.name}`] = denied.status;
      assert.equal(
        denied.status,
        404,
        `${view} of a hidden entity: HTTP ${denied.status} ${denied.text.slice(
          0,
          200,
        )}`,
      );
      assert.ok(
        !denied.text.includes('rotations') && !denied.text.includes('"items"'),
        'a 404 carries no data',
      );
      const allowed = await request(visible[view], { token: restricted });
      rows[`restricted ${view} ${VISIBLE.name}`] = allowed.status;
      assert.equal(
        allowed.status,
        200,
        `${view} of a visible entity for the same user`,
      );
      const control = await request(hidden[view], { token: guest });
      rows[`guest ${view} ${HIDDEN.name}`] = control.status;
      assert.equal(
        control.status,
        200,
        `${view} of ${HIDDEN.name} for a user allowed to read it`,
      );
    }
    const page = await request(hidden.pages, {
      method: 'POST',
      token: restricted,
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
      request(
        `${backend.url}/api/search/query?term=${encodeURIComponent(
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
      guestHits = mentions(await search(guest));
      if (guestHits > 0) break;
      await sleep(2000);
    }
    const restrictedAnswer = await search(restricted);
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
    const routes = entityRoutes(backend.url, VISIBLE);
    const denied = await request(routes.pages, {
      method: 'POST',
      token: restricted,
      body: {
        message: 'Reliability suite: paging without permission',
        priority: 'P5',
      },
    });
    assert.equal(
      denied.status,
      403,
      `HTTP ${denied.status} ${denied.text.slice(0, 200)}`,
    );
    assert.match(denied.json?.error?.message ?? '', /page/i);

    const mark = backend.process.lines.length;
    const allowed = await request(routes.pages, {
      method: 'POST',
      token: guest,
      body: {
        message: 'Reliability suite: paging with permission',
        priority: 'P5',
      },
    });
    assert.equal(
      allowed.status,
      202,
      `HTTP ${allowed.status} ${allowed.text.slice(0, 300)}`,
    );
    assert.equal(typeof allowed.json?.requestId, 'string');
    const audit = await backend.process.waitForLine(
      /oncall\.oncall-page/,
      10_000,
      mark,
    );
    const auditLines = backend.process
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

/** A generated bad request and what a correct API answers. */
interface FuzzCase {
  category: string;
  method: string;
  url: string;
  token: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  /** Statuses that are correct for this input. */
  expect: number[];
  /** The message must mention one of these (case-insensitive); empty: any 4xx is fine. */
  names: string[];
  /** Send the path byte for byte (dot segments), not through fetch's URL normalisation. */
  rawPath?: boolean;
}

const ENTITY_KINDS = [
  'component',
  'api',
  'system',
  'resource',
  'group',
  'user',
];
const badSegment = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter(s => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(s) && !/^\.+$/.test(s)),
  fc.constantFrom(
    '.hidden',
    '-x',
    '_x',
    'a b',
    'a/b',
    'a\\b',
    'é',
    '\u0000',
    '%',
    'a?b',
    '<script>',
    "'; drop table x;--",
  ),
  fc
    .string({ minLength: 254, maxLength: 600 })
    .map(s => `a${s.replace(/[^A-Za-z0-9]/g, 'b')}`),
);
const badKind = fc
  .string({ minLength: 1, maxLength: 30 })
  .filter(
    s =>
      !ENTITY_KINDS.includes(s.toLowerCase()) &&
      s.trim() !== '' &&
      !s.includes('/'),
  );
const junk = fc.oneof(
  fc.string({ maxLength: 50 }),
  fc.constantFrom(
    '-1',
    '0',
    '1e3',
    '1.5',
    'NaN',
    'Infinity',
    'null',
    '[]',
    '{}',
    '%00',
    '\u202e',
    '9'.repeat(40),
  ),
  fc.string({ minLength: 2000, maxLength: 6000 }),
);
const badDate = fc.oneof(
  fc.constantFrom(
    'yesterday',
    '2026-13-01',
    '2026-02-30T99:00:00Z',
    '12/31/2026',
    '1e12',
    '',
    'now',
  ),
  // days and times that do not exist, which a lenient parser rolls over
  fc.constantFrom(
    '2024-02-30',
    '2023-02-29',
    '2026-04-31',
    '2026-11-31T10:00:00Z',
    '2026-11-29T24:30:00Z',
    '2026-11-29T10:00:00+25:00',
  ),
  fc.string({ maxLength: 30 }).filter(s => !/^\d{4}-\d{2}-\d{2}/.test(s)),
);
const badCursor = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.base64String({ minLength: 4, maxLength: 200 }),
  fc
    .jsonValue()
    .map(v => Buffer.from(JSON.stringify(v)).toString('base64url'))
    .filter(s => s.length > 0),
  fc
    .record({
      v: fc.constant(1),
      s: fc.integer(),
      i: fc.string({ minLength: 1, maxLength: 10 }),
      q: fc.string({ minLength: 16, maxLength: 16 }),
    })
    .map(v => Buffer.from(JSON.stringify(v)).toString('base64url')),
  fc.string({ minLength: 513, maxLength: 2000 }),
);
const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })),
);

function q(params: Array<[string, string]>): string {
  return params
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

function generateCases(): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const entity = VISIBLE;
  // dots encoded too, so `..` reaches the router as a parameter instead of being resolved
  // away by the URL parser
  const segment = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E');
  const base = (e: { kind: string; namespace: string; name: string }) =>
    api(`/entities/${[e.kind, e.namespace, e.name].map(segment).join('/')}`);
  const views = ['on-call', 'incidents', 'slos'];
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) =>
    fc.sample(arb, { numRuns: n, seed: FUZZ_SEED + salt });

  // bad entity refs on every entity route: a bad kind, namespace or name, one at a time
  for (const [field, arb, n, salt] of [
    ['kind', badKind, 90, 1],
    ['namespace', badSegment, 90, 2],
    ['name', badSegment, 120, 3],
  ] as const) {
    sample(fc.tuple(fc.constantFrom(...views), arb), n, salt).forEach(
      ([view, value]) =>
        cases.push({
          category: `bad ${field}`,
          method: 'GET',
          url: `${base({ ...entity, [field]: value })}/${view}`,
          token: guest,
          expect: [400],
          names: [field],
        }),
    );
  }
  for (const view of views) {
    for (const dots of ['..', '.', '%2E%2E', '%2e.']) {
      cases.push({
        category: 'dot segment',
        method: 'GET',
        url: `${api('/entities/component/')}${dots}/x/${view}`,
        token: guest,
        expect: [400, 404],
        names: [],
        rawPath: true,
      });
      cases.push({
        category: 'dot segment',
        method: 'GET',
        url: `${api('/entities/component/default/')}${dots}/${view}`,
        token: guest,
        expect: [400, 404],
        names: [],
        rawPath: true,
      });
    }
  }
  sample(
    fc.tuple(
      fc.constantFrom(...views),
      fc.stringMatching(/^[a-z][a-z0-9-]{2,30}$/),
    ),
    60,
    4,
  ).forEach(([view, name]) =>
    cases.push({
      category: 'unknown entity',
      method: 'GET',
      url: `${base({ ...entity, name: `zz-${name}` })}/${view}`,
      token: guest,
      expect: [404],
      names: [`zz-${name}`],
    }),
  );
  sample(
    fc.tuple(
      fc.constantFrom(...views),
      fc.constantFrom('%E0%A4%A', '%ZZ', '%', 'a%2', '%C0%80', '%FF'),
    ),
    30,
    5,
  ).forEach(([view, raw]) =>
    cases.push({
      category: 'broken encoding',
      method: 'GET',
      url: `${api('/entities/component/default/')}${raw}/${view}`,
      token: guest,
      expect: [400],
      names: [],
    }),
  );

  // incidents query parameters
  const incidents = `${base(entity)}/incidents`;
  sample(fc.tuple(fc.constantFrom('from', 'to'), badDate), 80, 6).forEach(
    ([field, value]) =>
      cases.push({
        category: 'bad date',
        method: 'GET',
        url: `${incidents}?${q([[field, value]])}`,
        token: guest,
        expect: [400],
        names: [field],
      }),
  );
  sample(
    fc.tuple(
      fc.constantFrom('severity', 'status'),
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter(
          s =>
            !/^(sev[0-3]|investigating|identified|monitoring|resolved|duplicated)?([ ,]*)$/i.test(
              s,
            ) && s.split(',').some(p => p.trim() !== ''),
        ),
    ),
    80,
    7,
  ).forEach(([field, value]) =>
    cases.push({
      category: 'bad enum',
      method: 'GET',
      url: `${incidents}?${q([[field, value]])}`,
      token: guest,
      expect: [400],
      names: [field],
    }),
  );
  sample(
    junk.filter(v => !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 500),
    80,
    8,
  ).forEach(value =>
    cases.push({
      category: 'bad limit',
      method: 'GET',
      url: `${incidents}?${q([['limit', value]])}`,
      token: guest,
      expect: [400],
      names: ['limit'],
    }),
  );
  sample(
    fc.tuple(
      fc.integer({ min: 1, max: 500 }),
      fc.integer({ min: 1, max: 500 }),
    ),
    20,
    9,
  ).forEach(([a, b]) =>
    cases.push({
      category: 'repeated limit',
      method: 'GET',
      url: `${incidents}?limit=${a}&limit=${b}`,
      token: guest,
      expect: [400],
      names: ['limit'],
    }),
  );
  sample(badCursor, 100, 10).forEach(cursor =>
    cases.push({
      category: 'forged cursor',
      method: 'GET',
      url: `${incidents}?${q([['cursor', cursor]])}`,
      token: guest,
      expect: [400],
      names: ['cursor'],
    }),
  );
  sample(
    fc.constantFrom(
      'severity[a]=sev1',
      'status[0][x]=resolved',
      'from[]=2026-01-01',
      'to[$gt]=1',
      'cursor[]=a&cursor[]=b',
    ),
    20,
    11,
  ).forEach(raw =>
    cases.push({
      category: 'wrong-typed param',
      method: 'GET',
      url: `${incidents}?${raw}`,
      token: guest,
      expect: [400],
      names: [raw.split('[')[0]],
    }),
  );
  sample(
    fc.tuple(
      fc.integer({ min: 2, max: 300 }),
      fc.integer({ min: 301, max: 1000 }),
    ),
    20,
    12,
  ).forEach(([toDaysAgo, fromDaysAgo]) => {
    const from = new Date(Date.now() - toDaysAgo * 86_400_000).toISOString();
    const to = new Date(Date.now() - fromDaysAgo * 86_400_000).toISOString();
    cases.push({
      category: 'from after to',
      method: 'GET',
      url: `${incidents}?${q([
        ['from', from],
        ['to', to],
      ])}`,
      token: guest,
      expect: [400],
      names: ['from'],
    });
  });

  // page bodies (the guest may page; every body below is invalid, so nobody is paged)
  const pages = `${base(entity)}/pages`;
  const badBody = fc.oneof(
    fc
      .record({ message: notAString })
      .map(b => ({ body: b, names: ['message'] })),
    fc
      .record({ priority: fc.constantFrom('P1', 'P3') })
      .map(b => ({ body: b, names: ['message'] })),
    fc
      .constantFrom('', '   ', '\n\t')
      .map(m => ({ body: { message: m }, names: ['message'] })),
    fc.string({ minLength: 131, maxLength: 1000 }).map(m => ({
      body: { message: `x${m}`.padEnd(131, 'x') },
      names: ['message'],
    })),
    fc
      .oneof(
        fc
          .string({ maxLength: 5 })
          .filter(p => !['P1', 'P2', 'P3', 'P4', 'P5'].includes(p)),
        fc.integer(),
        fc.constant(null),
      )
      .map(p => ({
        body: { message: 'ok', priority: p },
        names: ['priority'],
      })),
    notAString
      .map(d => ({
        body: { message: 'ok', description: d },
        names: ['description'],
      }))
      .filter(c => typeof c.body.description !== 'string'),
    fc
      .stringMatching(/^[a-z]{3,12}$/)
      .filter(k => !['message', 'priority', 'description'].includes(k))
      .map(k => ({ body: { message: 'ok', [k]: 1 }, names: [k] })),
    fc
      .oneof(
        fc.integer(),
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.constant('text'),
      )
      .map(b => ({ body: b, names: ['request', 'message', 'object', 'json'] })),
  );
  sample(badBody, 170, 13).forEach(({ body, names }) =>
    cases.push({
      category: 'bad page body',
      method: 'POST',
      url: pages,
      token: guest,
      body,
      expect: [400],
      names,
    }),
  );
  sample(
    fc.constantFrom(
      '{',
      '{"message":',
      '{"message":"x",}',
      'not json',
      '[1,2',
      '{"a":1}}',
    ),
    30,
    14,
  ).forEach(raw =>
    cases.push({
      category: 'malformed JSON',
      method: 'POST',
      url: pages,
      token: guest,
      rawBody: raw,
      contentType: 'application/json',
      expect: [400],
      names: ['json', 'unexpected', 'expected', 'body'],
    }),
  );
  sample(fc.integer({ min: 17, max: 200 }), 15, 15).forEach(kb =>
    cases.push({
      category: 'huge body',
      method: 'POST',
      url: pages,
      token: guest,
      body: { message: 'x', description: 'y'.repeat(kb * 1024) },
      expect: [413],
      names: ['large', 'limit', 'size'],
    }),
  );

  // collate routes (service credentials)
  for (const resource of ['incidents', 'rotations']) {
    sample(
      junk.filter(v => !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 500),
      25,
      16,
    ).forEach(value =>
      cases.push({
        category: 'bad collate limit',
        method: 'GET',
        url: api(`/collate/${resource}?${q([['limit', value]])}`),
        token: backend.serviceToken,
        expect: [400],
        names: ['limit'],
      }),
    );
    sample(fc.string({ minLength: 256, maxLength: 1200 }), 10, 17).forEach(
      cursor =>
        cases.push({
          category: 'bad collate cursor',
          method: 'GET',
          url: api(`/collate/${resource}?${q([['cursor', cursor]])}`),
          token: backend.serviceToken,
          expect: [400],
          names: ['cursor'],
        }),
    );
  }

  // methods a route does not have (another route may serve the same path with that method)
  const routes = discoverRoutes();
  const served = new Set(routes.map(r => `${r.method} ${r.path}`));
  for (const route of routes) {
    for (const method of [
      'PUT',
      'PATCH',
      'DELETE',
      route.method === 'GET' ? 'POST' : 'GET',
    ].filter(m => !served.has(`${m} ${route.path}`))) {
      cases.push({
        category: 'wrong method',
        method,
        url: api(concretePath(route.path)),
        token: guest,
        expect: [404, 405],
        names: [],
      });
    }
  }
  return cases;
}

describe('fuzzing', () => {
  test(`≥ ${FUZZ_MIN_CASES} generated bad requests: only 4xx, each naming the problem`, async t => {
    const cases = generateCases();
    assert.ok(cases.length >= FUZZ_MIN_CASES, `only ${cases.length} cases`);
    const byCategory: Record<
      string,
      { cases: number; ok: number; statuses: Record<number, number> }
    > = {};
    const failures: string[] = [];
    let fiveXX = 0;
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c = cases[next++];
        const e = c.rawPath
          ? await requestRawPath(backend.url, c.url.slice(backend.url.length), {
              method: c.method,
              token: c.token,
            }).then(x => {
              exchanges.push(x);
              return x;
            })
          : await request(c.url, {
              method: c.method,
              token: c.token,
              body: c.body,
              rawBody: c.rawBody,
              headers: c.contentType
                ? { 'content-type': c.contentType }
                : undefined,
            });
        const row = (byCategory[c.category] ??= {
          cases: 0,
          ok: 0,
          statuses: {},
        });
        row.cases++;
        row.statuses[e.status] = (row.statuses[e.status] ?? 0) + 1;
        if (e.status >= 500 || e.status === 0) fiveXX++;
        const message = String(e.json?.error?.message ?? '');
        const named =
          c.names.length === 0 ||
          c.names.some(n => message.toLowerCase().includes(n.toLowerCase()));
        if (c.expect.includes(e.status) && named) {
          row.ok++;
        } else if (failures.length < 40) {
          failures.push(
            `${c.category}: ${c.method} ${c.url.slice(
              backend.url.length,
              backend.url.length + 160,
            )} → HTTP ${e.status} ${e.text.slice(0, 200)}`,
          );
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    recordFigure(t.diagnostic.bind(t), 'fuzz', {
      seed: FUZZ_SEED,
      requests: cases.length,
      fiveXX,
      correct: Object.values(byCategory).reduce((a, r) => a + r.ok, 0),
      byCategory,
    });
    assert.equal(
      fiveXX,
      0,
      `5xx answers to bad input:\n${failures.join('\n')}`,
    );
    assert.deepEqual(
      failures,
      [],
      'every bad request gets its 4xx with a message naming the problem',
    );
  });
});

describe('reflected input', () => {
  test('bad input never comes back in full: malformed bodies, long keys and values', async t => {
    const marker = 'reflected-marker-5b1e';
    const tail = 'tail-marker-5b1e';
    const pages = entityRoutes(backend.url, VISIBLE).pages;
    const incidents = entityRoutes(backend.url, VISIBLE).incidents;
    const probes: Array<{ what: string; exchange: Promise<Exchange> }> = [
      ...[
        `{"message": "${marker}`,
        `{"message": ${marker}}`,
        `${marker}`,
        `{"message": "ok",} ${marker}`,
      ].map(raw => ({
        what: `malformed JSON ${raw.slice(0, 20)}`,
        exchange: request(pages, {
          method: 'POST',
          token: guest,
          rawBody: raw,
          headers: { 'content-type': 'application/json' },
        }),
      })),
      {
        what: 'a 10 kB unknown body key',
        exchange: request(pages, {
          method: 'POST',
          token: guest,
          body: { message: 'x', [`${marker}${'k'.repeat(10_000)}${tail}`]: 1 },
        }),
      },
      ...['severity', 'status', 'limit', 'from', 'cursor'].map(field => ({
        what: `a 5 kB ${field}`,
        exchange: request(
          `${incidents}?${q([[field, `${marker}${'v'.repeat(5000)}${tail}`]])}`,
          { token: guest },
        ),
      })),
    ];
    const rows: Record<
      string,
      { status: number; bytes: number; answerBytes: number }
    > = {};
    const failures: string[] = [];
    for (const probe of probes) {
      const e = await probe.exchange;
      if (e.status !== 400) {
        failures.push(`${probe.what}: HTTP ${e.status}`);
      }
      // what the plugin says; Backstage's error handler adds the request line (the caller's
      // own URL) and, outside production, the stack
      const answer = e.json
        ? JSON.stringify({
            ...e.json,
            error: { ...e.json.error, stack: undefined },
            request: undefined,
          })
        : e.text;
      rows[probe.what] = {
        status: e.status,
        bytes: e.text.length,
        answerBytes: answer.length,
      };
      const repeated = probe.what.startsWith('malformed')
        ? answer.includes(marker)
        : answer.includes(tail);
      if (repeated || answer.length > 1000) {
        failures.push(
          `${probe.what}: the answer repeats the input (${
            answer.length
          } bytes): ${answer.slice(0, 200)}`,
        );
      }
    }
    recordFigure(t.diagnostic.bind(t), 'reflected-input', rows);
    assert.deepEqual(failures, []);
  });
});

describe('sandbox control', () => {
  test('with oncall-sandbox.controlKey, control needs X-Sandbox-Control-Key; X-Forwarded-For changes nothing', async t => {
    const control = `${backend.url}/api/oncall-sandbox/__sandbox`;
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
      const put = await request(`${control}/faults/opsgenie`, {
        method: 'PUT',
        headers,
        body: { mode: 'hang' },
      });
      const stats = await request(`${control}/stats`, { headers });
      const clear = await request(`${control}/faults`, {
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
    const faults = await request(`${control}/faults`, { headers: withKey });
    rows['with the key: GET faults'] = faults.status;
    assert.equal(faults.status, 200);
    assert.deepEqual(
      faults.json?.faults,
      {},
      'no refused call injected a fault',
    );
    const stats = await request(`${control}/stats`, { headers: withKey });
    rows['with the key: GET stats'] = stats.status;
    assert.equal(stats.status, 200);
    assert.equal(typeof stats.json?.vendors?.opsgenie?.total, 'number');
    // the vendors keep answering: the on-call view still has its data
    const onCall = await request(entityRoutes(backend.url, VISIBLE).onCall, {
      token: guest,
    });
    rows['on-call view'] = onCall.status;
    assert.ok(onCall.status === 200 && hasData('onCall', onCall.json));
    recordFigure(t.diagnostic.bind(t), 'sandbox-control', rows);
  });
});

function scanText(text: string): string[] {
  return KEYS.filter(key => text.includes(key));
}

function filesUnder(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path, pattern));
    else if (pattern.test(entry.name) && statSync(path).size < 20_000_000)
      out.push(path);
  }
  return out;
}

describe('vendor keys never leave the backend', () => {
  test('no vendor key in any response, log line, frontend code or frontend config', async t => {
    // exercise the data routes once more so their answers are part of the scan
    for (const entity of DEMO_ENTITIES) {
      const routes = entityRoutes(backend.url, entity);
      for (const view of ['onCall', 'incidents', 'slos'] as const) {
        const e = await request(routes[view], { token: guest });
        assert.ok(
          e.status === 200 && hasData(view, e.json),
          `${view} of ${entity.name}: HTTP ${e.status}`,
        );
      }
    }
    await request(api('/me/on-call'), { token: guest });
    await request(api('/coverage'), { token: guest });
    await request(api('/collate/incidents?limit=500'), {
      token: backend.serviceToken,
    });
    await request(api('/collate/rotations?limit=500'), {
      token: backend.serviceToken,
    });
    // what the app backend serves to browsers
    for (const path of [
      '/',
      '/index.html',
      '/api/app',
      '/api/app/index.html',
      '/api/app/.config',
    ]) {
      await request(`${backend.url}${path}`);
    }

    const leaks: string[] = [];
    for (const e of exchanges) {
      const headerText = [...e.headers]
        .map(([k, v]) => `${k}: ${v}`)
        .join('\n');
      for (const key of scanText(`${e.text}\n${headerText}`))
        leaks.push(`response ${e.method} ${e.url.slice(0, 120)} holds ${key}`);
    }
    for (const line of backend.process.lines) {
      for (const key of scanText(line))
        leaks.push(`log line holds ${key}: ${line.slice(0, 200)}`);
    }
    // the built bundle when there is one, and always the frontend sources
    const appDist = join(repoRoot, 'packages', 'app', 'dist');
    const bundleFiles = [
      ...filesUnder(appDist, /\.(js|html|json|map|css)$/),
      ...filesUnder(
        join(repoRoot, 'packages', 'app', 'src'),
        /\.(tsx?|jsx?|json)$/,
      ),
      ...filesUnder(
        join(repoRoot, 'plugins', 'oncall', 'src'),
        /\.(tsx?|jsx?|json)$/,
      ),
      ...filesUnder(
        join(repoRoot, 'plugins', 'oncall-common', 'src'),
        /\.(tsx?|jsx?|json)$/,
      ),
    ];
    const distFiles = filesUnder(appDist, /\.(js|html|json|map|css)$/).length;
    for (const file of bundleFiles) {
      for (const key of scanText(readFileSync(file, 'utf8')))
        leaks.push(`${file.slice(repoRoot.length + 1)} holds ${key}`);
    }
    // the config the app backend injects into the frontend: app-config.yaml filtered to
    // frontend visibility by the config schema of the backend's and the app's packages
    const schema = await loadConfigSchema({ dependencies: ['backend', 'app'] });
    const { appConfigs } = await loadConfig({
      configRoot: repoRoot,
      configTargets: [{ path: join(repoRoot, 'app-config.yaml') }],
    });
    const frontendConfig = JSON.stringify(
      schema.process(appConfigs, { visibility: ['frontend'] }),
    );
    for (const key of scanText(frontendConfig))
      leaks.push(`frontend-visible config holds ${key}`);

    recordFigure(t.diagnostic.bind(t), 'key-scan', {
      keys: KEYS.length,
      responses: exchanges.length,
      logLines: backend.process.lines.length,
      frontendFiles: bundleFiles.length,
      bundleFiles: distFiles,
      frontendSourceFiles: bundleFiles.length - distFiles,
      frontendConfigBytes: frontendConfig.length,
      leaks: leaks.length,
    });
    assert.deepEqual(leaks.slice(0, 20), []);
  });
});
