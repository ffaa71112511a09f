import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { ManagedProcess, sleep, startProcess } from './proc';
import { backendDir, nodeTransform, repoRoot } from './paths';
import { freePort } from './ports';
import { ScratchDatabase } from './postgres';
import { redisUrl } from './redis';
import { HarnessRun } from './run';
import { SandboxClient } from './sandbox';

/** Options of {@link startBackend}. */
export interface BackendOptions {
  /** Names the log file and error messages; unique per run. */
  name: string;
  /**
   * `portal`: packages/backend/src/index.ts as is. `harness`: the same features plus the
   * harness sign-in provider and permission policy (scripts/harness/backend-main.ts).
   */
  entry?: 'portal' | 'harness';
  /** Vendor sandbox: a standalone one (its URL), or the one mounted in this backend. */
  sandbox?: { url: string } | 'embedded';
  /** SQLite in memory (default) or a PostgreSQL database (one schema per plugin). */
  database?: 'sqlite' | ScratchDatabase;
  /** Memory cache (default) or Redis with a namespace of its own. */
  cache?: 'memory' | { redisNamespace: string };
  /** Fixed port (e.g. to restart on the same address); default a free one. */
  port?: number;
  /** Extra config, merged last. */
  config?: Record<string, unknown>;
  /** Extra environment variables of the backend process. */
  env?: Record<string, string>;
  /** Static token for service-principal calls; default a random one. */
  serviceToken?: string;
  /** How long to wait for /api/oncall/health. */
  startTimeoutMs?: number;
  /**
   * V8 old-space limit of the backend process in MiB (`--max-old-space-size`), as a
   * deployment sets it to match its memory budget. Default: the `ONCALL_BACKEND_HEAP_MIB`
   * environment variable (0: V8's own sizing from the machine's RAM), else the limit the
   * backend's Dockerfile sets, so figures are those of the image a user builds.
   */
  heapMiB?: number;
}

/** A running backend process. */
export interface BackendProcess {
  name: string;
  url: string;
  port: number;
  process: ManagedProcess;
  /** Static external-access token (a service principal, subject `reliability-harness`). */
  serviceToken: string;
  /** The sandbox these settings point at. */
  sandbox: SandboxClient;
  /** Milliseconds from spawn to a healthy /api/oncall/health. */
  startMs: number;
  stop(): Promise<void>;
  /** SIGKILL: a crash, no graceful shutdown. */
  kill(): Promise<void>;
}

/** Config shared by every harness backend: short refreshes and timeouts so runs are quick. */
export function fastRefreshConfig(
  options: {
    frequencySeconds?: number;
    timeoutSeconds?: number;
    vendorTimeoutMs?: number;
    staleAfterMinutes?: number;
  } = {},
) {
  // config files merge objects key by key, so the units app-config.yaml sets are zeroed
  const schedule = {
    frequency: { minutes: 0, seconds: options.frequencySeconds ?? 10 },
    timeout: { minutes: 0, seconds: options.timeoutSeconds ?? 30 },
    initialDelay: { seconds: 1 },
  };
  return {
    oncall: {
      refresh: { onCall: schedule, incidents: schedule, slos: schedule },
      vendorTimeoutMs: options.vendorTimeoutMs ?? 2000,
      staleAfterMinutes: options.staleAfterMinutes ?? 1,
    },
  };
}

function backendConfig(
  options: BackendOptions,
  port: number,
  serviceToken: string,
) {
  const url = `http://localhost:${port}`;
  const config: Record<string, any> = {
    app: { baseUrl: url },
    backend: {
      baseUrl: url,
      listen: { port },
      cors: { origin: url },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: serviceToken, subject: 'reliability-harness' },
          },
        ],
      },
    },
  };
  if (options.database && options.database !== 'sqlite') {
    config.backend.database = {
      client: 'pg',
      connection: options.database.connection,
      pluginDivisionMode: 'schema',
      ensureSchemaExists: true,
      // every plugin has a pool of its own; several backends share one PostgreSQL server
      // (max_connections 100 by default), so idle connections are given back
      knexConfig: { pool: { min: 0, max: 5, idleTimeoutMillis: 10_000 } },
    };
  }
  if (options.cache && options.cache !== 'memory') {
    config.backend.cache = {
      store: 'redis',
      connection: redisUrl,
      redis: { client: { namespace: options.cache.redisNamespace } },
    };
  }
  const sandbox = options.sandbox ?? 'embedded';
  const sandboxBase =
    sandbox === 'embedded' ? `${url}/api/oncall-sandbox` : sandbox.url;
  config.oncall = {
    opsgenie: { baseUrl: `${sandboxBase}/opsgenie` },
    blameless: { baseUrl: `${sandboxBase}/blameless` },
    datadog: { baseUrl: `${sandboxBase}/datadog` },
    // the demo's teams on JSM Operations and PagerDuty (app-config.yaml) read this sandbox too
    jsm: {
      baseUrl: `${sandboxBase}/atlassian`,
      jiraBaseUrl: `${sandboxBase}/jira`,
    },
    pagerduty: {
      baseUrl: `${sandboxBase}/pagerduty`,
      eventsBaseUrl: `${sandboxBase}/pagerduty-events`,
    },
  };
  config['oncall-sandbox'] = { enabled: sandbox === 'embedded' };
  return { config, sandboxBase };
}

/** Merges `source` into `target`, object by object (a null or an array replaces), as config files merge. */
export function deepMerge(
  target: Record<string, any>,
  source: Record<string, any>,
) {
  for (const [key, value] of Object.entries(source)) {
    if (
      value &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      target[key] &&
      typeof target[key] === 'object' &&
      !Array.isArray(target[key])
    ) {
      deepMerge(target[key], value);
    } else {
      target[key] = value;
    }
  }
  return target;
}

/**
 * Starts a real backend process (the portal's, or the harness entry) with app-config.yaml plus
 * generated config, and waits until /api/oncall/health answers.
 */
export async function startBackend(
  run: HarnessRun,
  options: BackendOptions,
): Promise<BackendProcess> {
  const port = options.port ?? (await freePort());
  const serviceToken =
    options.serviceToken ?? `harness-${randomBytes(18).toString('hex')}`;
  const { config, sandboxBase } = backendConfig(options, port, serviceToken);
  if (options.entry === 'harness') {
    deepMerge(config, {
      auth: {
        providers: { harness: { description: 'reliability harness sign-in' } },
      },
    });
  }
  deepMerge(config, options.config ?? {});
  const configFile = join(run.dir, `${options.name}.config.json`);
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  const entry =
    options.entry === 'harness'
      ? join(__dirname, 'backend-main.ts')
      : join(backendDir, 'src', 'index.ts');
  const heapMiB = options.heapMiB ?? defaultBackendHeapMiB();
  const started = Date.now();
  const child = startProcess({
    name: options.name,
    command: process.execPath,
    args: [
      ...(heapMiB ? [`--max-old-space-size=${heapMiB}`] : []),
      '--require',
      nodeTransform,
      entry,
      '--config',
      join(repoRoot, 'app-config.yaml'),
      '--config',
      configFile,
    ],
    cwd: backendDir,
    env: {
      NODE_ENV: 'development',
      NO_COLOR: '1',
      FORCE_COLOR: '0',
      ...options.env,
    },
    logFile: join(run.dir, `${options.name}.log`),
  });
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + (options.startTimeoutMs ?? 120_000);
  for (;;) {
    if (!child.running) {
      throw new Error(
        `${options.name} exited during start (${JSON.stringify(
          child.exit,
        )})\n${child.tail()}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/oncall/health`, {
        signal: AbortSignal.timeout(2000),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(
        `${options.name} did not become healthy\n${child.tail()}`,
      );
    }
    await sleep(250);
  }
  return {
    name: options.name,
    url,
    port,
    process: child,
    serviceToken,
    sandbox: new SandboxClient(sandboxBase),
    startMs: Date.now() - started,
    stop: () => child.stop(),
    kill: () => child.kill(),
  };
}

/**
 * Waits until the catalog serves at least `min` entities of a kind (the demo org is loaded
 * from files right after start).
 */
export async function waitForCatalog(
  backend: BackendProcess,
  options: { kind?: string; min?: number; timeoutMs?: number } = {},
): Promise<number> {
  const kind = options.kind ?? 'component';
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let count = 0;
  while (Date.now() < deadline) {
    const response = await fetch(
      `${backend.url}/api/catalog/entities?filter=kind=${kind}&fields=metadata.name`,
      { headers: { authorization: `Bearer ${backend.serviceToken}` } },
    ).catch(() => undefined);
    if (response?.ok) {
      const body = (await response.json()) as unknown[];
      count = body.length;
      if (count >= (options.min ?? 1)) return count;
    }
    await sleep(500);
  }
  throw new Error(
    `${backend.name}: catalog has ${count} ${kind} entities after waiting`,
  );
}

/**
 * The backend's heap limit unless a caller sets one: `ONCALL_BACKEND_HEAP_MIB` (0: V8's own
 * sizing), else the Dockerfile's.
 */
export function defaultBackendHeapMiB(): number {
  return process.env.ONCALL_BACKEND_HEAP_MIB !== undefined
    ? Number(process.env.ONCALL_BACKEND_HEAP_MIB)
    : dockerfileHeapMiB();
}

/** The `--max-old-space-size` the backend's Dockerfile sets in `NODE_OPTIONS`. */
export function dockerfileHeapMiB(): number {
  const dockerfile = readFileSync(join(backendDir, 'Dockerfile'), 'utf8');
  const match = /^ENV NODE_OPTIONS=".*--max-old-space-size=(\d+)/m.exec(
    dockerfile,
  );
  if (!match) {
    throw new Error('packages/backend/Dockerfile sets no --max-old-space-size');
  }
  return Number(match[1]);
}
