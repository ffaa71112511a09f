/*
 * The production build, end to end (scripts/prod-smoke.sh runs this after `yarn build:backend`):
 *   - the build output laid out as packages/backend/Dockerfile lays it out (skeleton, production
 *     dependencies only, bundle, app-config files), started with plain `node packages/backend`
 *     and app-config.yaml + app-config.production.yaml: sandbox off, PostgreSQL (databases of
 *     this run, dropped at the end) and Redis (a namespace of this run), the vendors pointed at a
 *     standalone `yarn sandbox` through the production config's environment variables;
 *   - signed in as a production operator would: a static external-access token, in the demo
 *     overlay (examples/app-config.demo.yaml) that also adds the demo catalog files;
 *   - the on-call, incidents and SLOs routes of a demo service answer with what the sandbox's
 *     own vendor APIs say at the same moment;
 *   - with a Docker engine, the image and docker-compose.yaml (+ docker-compose.demo.yaml)
 *     answer the same; without one, that part says so and is skipped.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  HarnessRun,
  ManagedProcess,
  SandboxClient,
  clearRedisNamespace,
  createRun,
  entityRoutes,
  freePort,
  recordFigure,
  redisKeys,
  repoRoot,
  request,
  startProcess,
} from '../harness';
import { BuiltBackend, startBuiltBackend } from './backend';
import {
  countRows,
  databasePrefix,
  databasesWithPrefix,
  dropDatabasesWithPrefix,
} from './databases';
import { HostDeployment, prepareHostDeployment } from './deployment';
import { dockerUnavailable, startComposeStack } from './docker';
import {
  DEMO_SERVICE,
  checkIncidents,
  checkOnCall,
  checkSlos,
  eventually,
  waitForDemoCatalog,
} from './entityChecks';

/** The heap limit packages/backend/Dockerfile sets. */
function dockerfileNodeOptions(): string {
  const dockerfile = readFileSync(
    join(repoRoot, 'packages', 'backend', 'Dockerfile'),
    'utf8',
  );
  const match = dockerfile.match(/^ENV NODE_OPTIONS="([^"]+)"/m);
  assert.ok(match, 'packages/backend/Dockerfile sets NODE_OPTIONS');
  return match[1];
}

/** Resident memory of a process from /proc, in MiB: now and at its peak. */
function memoryMiB(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) =>
    Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
  return {
    rss: Math.round(kib('VmRSS') / 102.4) / 10,
    peak: Math.round(kib('VmHWM') / 102.4) / 10,
  };
}

/** `yarn sandbox --port P`, as the README starts it. */
async function startStandaloneSandbox(harnessRun: HarnessRun) {
  const port = await freePort();
  const child = startProcess({
    name: 'sandbox',
    command: 'yarn',
    args: ['sandbox', '--port', String(port)],
    cwd: repoRoot,
    logFile: join(harnessRun.dir, 'sandbox.log'),
  });
  const line = await child.waitForLine(/sandbox listening on http/, 60_000);
  const url = line.match(/listening on (http:\/\/[^\s]+)/)?.[1];
  assert.ok(url, `sandbox URL in "${line}"`);
  return { url, process: child };
}

const SYNC_TIMEOUT_MS = 120_000;

describe('the built backend, started with node and the production config', () => {
  let run: HarnessRun;
  let deployment: HostDeployment;
  let sandbox: { url: string; process: ManagedProcess };
  let backend: BuiltBackend;
  let truth: SandboxClient;
  let prefix: string;
  let namespace: string;
  let catalogMs: number;
  const token = randomBytes(24).toString('hex');

  before(async () => {
    run = createRun('prod');
    prefix = databasePrefix(`p_${run.id}`);
    namespace = `oncall-prod-${run.id}`;
    deployment = await prepareHostDeployment(run);
    sandbox = await startStandaloneSandbox(run);
    truth = new SandboxClient(sandbox.url);
    assert.deepEqual(await databasesWithPrefix(prefix), []);
    backend = await startBuiltBackend(run, {
      dir: deployment.dir,
      port: await freePort(),
      sandboxUrl: sandbox.url,
      token,
      backendSecret: randomBytes(24).toString('hex'),
      databasePrefix: prefix,
      redisNamespace: namespace,
      nodeOptions: dockerfileNodeOptions(),
    });
    catalogMs = await waitForDemoCatalog(backend.url, token, SYNC_TIMEOUT_MS);
  });

  after(async () => {
    await backend?.stop();
    await sandbox?.process.stop();
    if (prefix) await dropDatabasesWithPrefix(prefix);
    if (namespace) await clearRedisNamespace(namespace);
    if (deployment) rmSync(deployment.dir, { recursive: true, force: true });
  });

  test('runs from the build output alone: production dependencies, no sources', () => {
    const backendPackage = JSON.parse(
      readFileSync(
        join(deployment.dir, 'packages/backend/package.json'),
        'utf8',
      ),
    );
    assert.equal(backendPackage.main, './dist/index.cjs.js');
    assert.ok(existsSync(join(deployment.dir, 'packages/backend/dist')));
    assert.ok(!existsSync(join(deployment.dir, 'packages/backend/src')));
    // development dependencies (jest, the Backstage CLI, better-sqlite3) are not installed
    for (const dev of ['jest', '@backstage/cli', 'better-sqlite3']) {
      assert.ok(!existsSync(join(deployment.dir, 'node_modules', dev)), dev);
    }
  });

  test('production refuses the guest sign-in', async () => {
    for (const env of ['production', 'development']) {
      const answer = await request(
        `${backend.url}/api/auth/guest/refresh?optional&env=${env}`,
      );
      assert.equal(answer.status, 403, answer.text.slice(0, 300));
    }
  });

  test('the entity routes need credentials and the vendor sandbox is not mounted', async () => {
    const routes = entityRoutes(backend.url, DEMO_SERVICE);
    for (const url of [routes.onCall, routes.incidents, routes.slos]) {
      assert.equal((await request(url)).status, 401, url);
    }
    // not even a signed-in caller reaches vendor fakes: production has none
    const sandboxRoute = await request(
      `${backend.url}/api/oncall-sandbox/opsgenie/v2/schedules`,
      { token },
    );
    assert.equal(sandboxRoute.status, 404, sandboxRoute.text.slice(0, 300));
  });

  for (const [name, check] of [
    ['on-call names who the sandbox’s Opsgenie has on call now', checkOnCall],
    [
      'incidents are the sandbox’s Blameless incidents of the service',
      checkIncidents,
    ],
    ['SLOs are the sandbox’s DataDog SLOs of the service', checkSlos],
  ] as const) {
    test(name, async t => {
      const { value, waitedMs } = await eventually(
        () => check(backend.url, token, truth),
        SYNC_TIMEOUT_MS,
      );
      t.diagnostic(`${value} (after ${waitedMs} ms)`);
    });
  }

  test('the data is in this run’s PostgreSQL databases and Redis namespace', async t => {
    const databases = await databasesWithPrefix(prefix);
    for (const plugin of ['catalog', 'oncall']) {
      assert.ok(databases.includes(`${prefix}${plugin}`), databases.join(', '));
    }
    assert.ok((await countRows(`${prefix}oncall`, 'oncall_incidents')) > 0);
    assert.ok((await countRows(`${prefix}oncall`, 'oncall_slos')) > 0);
    // a rotation read is cached for 30 s
    await request(entityRoutes(backend.url, DEMO_SERVICE).onCall, { token });
    const keys = await redisKeys(namespace);
    assert.ok(keys.length > 0, `no cache keys under ${namespace}`);
    recordFigure(m => t.diagnostic(m), 'production-smoke', {
      productionInstallS: Math.round(deployment.installMs / 100) / 10,
      productionPackages: deployment.installedPackages,
      backendStartS: Math.round(backend.startMs / 100) / 10,
      catalogS: Math.round(catalogMs / 100) / 10,
      backendMiB: memoryMiB(backend.process.pid),
      databases: databases.length,
    });
  });
});

describe('the backend image with docker compose', () => {
  test('the image of packages/backend/Dockerfile serves the entity routes', async t => {
    const reason = await dockerUnavailable();
    if (reason) {
      // eslint-disable-next-line no-console
      console.log(`docker: ${reason}, skipping image build`);
      t.skip(`docker: ${reason}, skipping image build`);
      return;
    }
    const run = createRun('prod_docker');
    const stack = await startComposeStack(run);
    try {
      const truth = new SandboxClient(stack.sandboxUrl);
      await waitForDemoCatalog(stack.backendUrl, stack.token, SYNC_TIMEOUT_MS);
      for (const check of [checkOnCall, checkIncidents, checkSlos]) {
        const { value } = await eventually(
          () => check(stack.backendUrl, stack.token, truth),
          SYNC_TIMEOUT_MS,
        );
        t.diagnostic(value);
      }
      assert.equal(
        (
          await request(
            `${stack.backendUrl}/api/auth/guest/refresh?optional&env=production`,
          )
        ).status,
        403,
      );
      recordFigure(m => t.diagnostic(m), 'production-docker', {
        imageBuildS: Math.round(stack.buildMs / 100) / 10,
        composeUpS: Math.round(stack.upMs / 100) / 10,
      });
    } finally {
      await stack.down();
    }
  });
});
