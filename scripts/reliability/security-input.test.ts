/*
 * Input hardening of the on-call API, on the portal backend composed with the harness's
 * test-only permission policy and sign-in and the embedded sandbox (securityKit.ts):
 *   - fuzzing: ≥ 1,000 generated bad requests over every route → only 4xx, each with a
 *     message naming the problem (securityFuzzCases.ts); bad input (a malformed body, a long
 *     key or value) never comes back in full;
 *   - no vendor key in any response, log line, frontend code or frontend-visible config.
 * Authentication, authorization and the sandbox's control routes: security-access.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, loadConfigSchema } from '@backstage/config-loader';
import {
  Exchange,
  entityRoutes,
  recordFigure,
  repoRoot,
  requestRawPath,
} from '../harness';
import { DEMO_ENTITIES, hasData } from './lib';
import { FUZZ_SEED, generateCases } from './securityFuzzCases';
import {
  KEYS,
  VISIBLE,
  filesUnder,
  q,
  responseAndLogLeaks,
  scanText,
  securitySuite,
} from './securityKit';

const FUZZ_MIN_CASES = 1000;

const suite = securitySuite('security-input');

describe('fuzzing', () => {
  test(`≥ ${FUZZ_MIN_CASES} generated bad requests: only 4xx, each naming the problem`, async t => {
    const cases = generateCases({
      api: suite.api,
      guest: suite.guest,
      serviceToken: suite.backend.serviceToken,
    });
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
          ? await requestRawPath(
              suite.backend.url,
              c.url.slice(suite.backend.url.length),
              {
                method: c.method,
                token: c.token,
              },
            ).then(x => {
              suite.exchanges.push(x);
              return x;
            })
          : await suite.request(c.url, {
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
              suite.backend.url.length,
              suite.backend.url.length + 160,
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
    const pages = entityRoutes(suite.backend.url, VISIBLE).pages;
    const incidents = entityRoutes(suite.backend.url, VISIBLE).incidents;
    const probes: Array<{ what: string; exchange: Promise<Exchange> }> = [
      ...[
        `{"message": "${marker}`,
        `{"message": ${marker}}`,
        `${marker}`,
        `{"message": "ok",} ${marker}`,
      ].map(raw => ({
        what: `malformed JSON ${raw.slice(0, 20)}`,
        exchange: suite.request(pages, {
          method: 'POST',
          token: suite.guest,
          rawBody: raw,
          headers: { 'content-type': 'application/json' },
        }),
      })),
      {
        what: 'a 10 kB unknown body key',
        exchange: suite.request(pages, {
          method: 'POST',
          token: suite.guest,
          body: { message: 'x', [`${marker}${'k'.repeat(10_000)}${tail}`]: 1 },
        }),
      },
      ...['severity', 'status', 'limit', 'from', 'cursor'].map(field => ({
        what: `a 5 kB ${field}`,
        exchange: suite.request(
          `${incidents}?${q([[field, `${marker}${'v'.repeat(5000)}${tail}`]])}`,
          { token: suite.guest },
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

describe('vendor keys never leave the backend', () => {
  test('no vendor key in any response, log line, frontend code or frontend config', async t => {
    // exercise the data routes once more so their answers are part of the scan
    for (const entity of DEMO_ENTITIES) {
      const routes = entityRoutes(suite.backend.url, entity);
      for (const view of ['onCall', 'incidents', 'slos'] as const) {
        const e = await suite.request(routes[view], { token: suite.guest });
        assert.ok(
          e.status === 200 && hasData(view, e.json),
          `${view} of ${entity.name}: HTTP ${e.status}`,
        );
      }
    }
    await suite.request(suite.api('/me/on-call'), { token: suite.guest });
    await suite.request(suite.api('/coverage'), { token: suite.guest });
    await suite.request(suite.api('/collate/incidents?limit=500'), {
      token: suite.backend.serviceToken,
    });
    await suite.request(suite.api('/collate/rotations?limit=500'), {
      token: suite.backend.serviceToken,
    });
    // what the app backend serves to browsers
    for (const path of [
      '/',
      '/index.html',
      '/api/app',
      '/api/app/index.html',
      '/api/app/.config',
    ]) {
      await suite.request(`${suite.backend.url}${path}`);
    }

    const leaks = responseAndLogLeaks(suite.exchanges, suite.backend);
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
      responses: suite.exchanges.length,
      logLines: suite.backend.process.lines.length,
      frontendFiles: bundleFiles.length,
      bundleFiles: distFiles,
      frontendSourceFiles: bundleFiles.length - distFiles,
      frontendConfigBytes: frontendConfig.length,
      leaks: leaks.length,
    });
    assert.deepEqual(leaks.slice(0, 20), []);
  });
});
