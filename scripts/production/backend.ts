/*
 * The built backend started with plain `node`, the way the image runs it
 * (`node packages/backend --config app-config.yaml --config app-config.production.yaml`), with
 * the variables app-config.production.yaml reads, the demo overlay and a per-run overlay.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  HarnessRun,
  ManagedProcess,
  SANDBOX_KEYS,
  postgresConnection,
  redisUrl,
  sleep,
  startProcess,
} from '../harness';

/** The variables app-config.production.yaml reads, pointed at a standalone sandbox. */
export function productionEnvironment(options: {
  backendUrl: string;
  /** Root of the standalone sandbox, e.g. `http://127.0.0.1:7070`. */
  sandboxUrl: string;
  backendSecret: string;
  postgres: { host: string; port: number; user: string; password: string };
  redisUrl: string;
}): Record<string, string> {
  const { sandboxUrl } = options;
  return {
    APP_BASE_URL: options.backendUrl,
    BACKEND_BASE_URL: options.backendUrl,
    BACKEND_SECRET: options.backendSecret,
    POSTGRES_HOST: options.postgres.host,
    POSTGRES_PORT: String(options.postgres.port),
    POSTGRES_USER: options.postgres.user,
    POSTGRES_PASSWORD: options.postgres.password,
    REDIS_URL: options.redisUrl,
    OPSGENIE_API_URL: `${sandboxUrl}/opsgenie`,
    OPSGENIE_API_KEY: SANDBOX_KEYS.opsgenie,
    OPSGENIE_WEB_URL: `${sandboxUrl}/opsgenie`,
    BLAMELESS_URL: `${sandboxUrl}/blameless`,
    BLAMELESS_API_KEY: SANDBOX_KEYS.blameless,
    DATADOG_API_URL: `${sandboxUrl}/datadog`,
    DATADOG_WEB_URL: `${sandboxUrl}/datadog`,
    DATADOG_API_KEY: SANDBOX_KEYS.datadogApi,
    DATADOG_APP_KEY: SANDBOX_KEYS.datadogApp,
    ONCALL_IC_SCHEDULE: 'sre_ic_schedule',
  };
}

/** Options of {@link startBuiltBackend}. */
export interface BuiltBackendOptions {
  /** The deployment directory (build output with production dependencies). */
  dir: string;
  port: number;
  sandboxUrl: string;
  /** Static token the demo overlay accepts (`DEMO_API_TOKEN`). */
  token: string;
  backendSecret: string;
  /** Prefix of the databases Backstage creates, one per plugin. */
  databasePrefix: string;
  /** Namespace of every cache key in Redis. */
  redisNamespace: string;
  /** `NODE_OPTIONS` as the image sets it. */
  nodeOptions: string;
}

/** A running built backend. */
export interface BuiltBackend {
  url: string;
  process: ManagedProcess;
  /** Milliseconds from spawn to a healthy /api/oncall/health. */
  startMs: number;
  stop(): Promise<void>;
}

/**
 * Starts `node packages/backend` in the deployment directory with app-config.yaml,
 * app-config.production.yaml, the demo overlay (catalog, static token) and a per-run overlay
 * (a free loopback port, the run's database prefix and Redis namespace), then waits until
 * /api/oncall/health answers.
 */
export async function startBuiltBackend(
  harnessRun: HarnessRun,
  options: BuiltBackendOptions,
): Promise<BuiltBackend> {
  const url = `http://127.0.0.1:${options.port}`;
  const runOverlay = join(harnessRun.dir, 'app-config.run.json');
  writeFileSync(
    runOverlay,
    JSON.stringify(
      {
        backend: {
          listen: `127.0.0.1:${options.port}`,
          database: { prefix: options.databasePrefix },
          cache: {
            redis: { client: { namespace: options.redisNamespace } },
          },
        },
      },
      null,
      2,
    ),
  );
  const env = {
    ...productionEnvironment({
      backendUrl: url,
      sandboxUrl: options.sandboxUrl,
      backendSecret: options.backendSecret,
      postgres: postgresConnection,
      redisUrl,
    }),
    DEMO_API_TOKEN: options.token,
    NODE_ENV: 'production',
    NODE_OPTIONS: options.nodeOptions,
  };
  const started = Date.now();
  const child = startProcess({
    name: 'built-backend',
    command: process.execPath,
    args: [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      'examples/app-config.demo.yaml',
      '--config',
      runOverlay,
    ],
    cwd: options.dir,
    env,
    logFile: join(harnessRun.dir, 'built-backend.log'),
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (!child.running) {
      throw new Error(
        `the built backend exited during start (${JSON.stringify(
          child.exit,
        )})\n${child.tail()}`,
      );
    }
    const healthy = await fetch(`${url}/api/oncall/health`, {
      signal: AbortSignal.timeout(2000),
    }).then(
      response => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(
        `the built backend did not become healthy\n${child.tail()}`,
      );
    }
    await sleep(250);
  }
  return {
    url,
    process: child,
    startMs: Date.now() - started,
    stop: () => child.stop(),
  };
}
