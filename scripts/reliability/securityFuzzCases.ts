/*
 * The bad requests of the fuzzing test (security-input.test.ts), generated with a fixed seed
 * (ONCALL_FUZZ_SEED) over every route: bad entity refs, incidents query parameters, page
 * bodies, collate parameters and methods a route does not have.
 */
import fc from 'fast-check';
import {
  FuzzCase,
  badCursor,
  badDate,
  badKind,
  badPageBody,
  badSegment,
  junk,
} from './securityArbitraries';
import { VISIBLE, q } from './securityKit';
import { concretePath, discoverRoutes } from './routes';

export const FUZZ_SEED = Number(process.env.ONCALL_FUZZ_SEED ?? 20261127);

/** What the cases need of the running backend. */
export interface FuzzContext {
  api(path: string): string;
  guest: string;
  serviceToken: string;
}

const views = ['on-call', 'incidents', 'slos'];
const sample = <T>(arb: fc.Arbitrary<T>, n: number, salt: number) =>
  fc.sample(arb, { numRuns: n, seed: FUZZ_SEED + salt });
// dots encoded too, so `..` reaches the router as a parameter instead of being resolved
// away by the URL parser
const segment = (s: string) => encodeURIComponent(s).replace(/\./g, '%2E');
const entityBase =
  (api: FuzzContext['api']) =>
  (e: { kind: string; namespace: string; name: string }) =>
    api(`/entities/${[e.kind, e.namespace, e.name].map(segment).join('/')}`);

export function generateCases(ctx: FuzzContext): FuzzCase[] {
  const entity = entityBase(ctx.api)(VISIBLE);
  return [
    ...entityRefCases(ctx),
    ...incidentQueryCases(ctx.guest, `${entity}/incidents`),
    ...pageBodyCases(ctx.guest, `${entity}/pages`),
    ...collateAndMethodCases(ctx),
  ];
}

/** Bad entity refs on every entity route, dot segments, unknown entities, broken encoding. */
function entityRefCases(ctx: FuzzContext): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const { api, guest } = ctx;
  const base = entityBase(api);
  const entity = VISIBLE;
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
  return cases;
}

/** Incidents query parameters; `incidents`: the incidents route of an entity. */
function incidentQueryCases(guest: string, incidents: string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  /** A bad value of one parameter: 400 naming it. */
  const badParam =
    (category: string) =>
    ([field, value]: readonly [string, string]) =>
      cases.push({
        category,
        method: 'GET',
        url: `${incidents}?${q([[field, value]])}`,
        token: guest,
        expect: [400],
        names: [field],
      });
  sample(fc.tuple(fc.constantFrom('from', 'to'), badDate), 80, 6).forEach(
    badParam('bad date'),
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
  ).forEach(badParam('bad enum'));
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
  return cases;
}

/**
 * Page bodies (the guest may page; every body below is invalid, so nobody is paged); `pages`:
 * the pages route of an entity.
 */
function pageBodyCases(guest: string, pages: string): FuzzCase[] {
  const cases: FuzzCase[] = [];
  sample(badPageBody, 170, 13).forEach(({ body, names }) =>
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
  return cases;
}

function collateAndMethodCases(ctx: FuzzContext): FuzzCase[] {
  const cases: FuzzCase[] = [];
  const { api, guest } = ctx;
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
        token: ctx.serviceToken,
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
          token: ctx.serviceToken,
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
  return cases;
}
