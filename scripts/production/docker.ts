/*
 * The image of packages/backend/Dockerfile and the stack of docker-compose.yaml with its demo
 * override (the standalone sandbox as the vendors), for the production smoke test.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessRun, freePort, repoRoot, sleep } from '../harness';

const run = promisify(execFile);

/** Why Docker cannot be used here, or undefined when its engine answers. */
export async function dockerUnavailable(): Promise<string | undefined> {
  try {
    await run('docker', ['info', '--format', '{{.ServerVersion}}'], {
      timeout: 30_000,
    });
    return undefined;
  } catch (error) {
    const code =
      error instanceof Error && 'code' in error ? error.code : undefined;
    return code === 'ENOENT' ? 'no docker CLI' : 'no engine';
  }
}

async function docker(
  harnessRun: HarnessRun,
  logName: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<void> {
  const log = join(harnessRun.dir, `${logName}.log`);
  try {
    const { stdout, stderr } = await run('docker', args, {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 20 * 60_000,
    });
    writeFileSync(log, `${stdout}${stderr}`);
  } catch (error) {
    const output =
      error instanceof Error && 'stdout' in error && 'stderr' in error
        ? `${error.stdout}${error.stderr}`
        : String(error);
    writeFileSync(log, output);
    throw new Error(
      `docker ${args.slice(0, 3).join(' ')} failed (${log}):\n${output.slice(
        -3000,
      )}`,
    );
  }
}

/** A running compose stack: backend image, PostgreSQL, Redis and the sandbox. */
export interface ComposeStack {
  backendUrl: string;
  sandboxUrl: string;
  token: string;
  down(): Promise<void>;
}

/**
 * Builds the backend image from the host build (`docker image build . -f
 * packages/backend/Dockerfile`) and starts docker-compose.yaml with docker-compose.demo.yaml
 * under a project of this run, on free loopback ports; waits for every health check.
 */
export async function startComposeStack(
  harnessRun: HarnessRun,
): Promise<ComposeStack & { buildMs: number; upMs: number }> {
  const project = `oncall-${harnessRun.id.replace(/[^a-z0-9]/g, '-')}`;
  const image = `oncall-backstage:${project}`;
  const registry = process.env.YARN_NPM_REGISTRY_SERVER;
  const buildStarted = Date.now();
  await docker(harnessRun, 'docker-build', [
    'image',
    'build',
    '.',
    '--file',
    'packages/backend/Dockerfile',
    '--tag',
    image,
    ...(registry ? ['--build-arg', `NPM_REGISTRY=${registry}`] : []),
  ]);
  const buildMs = Date.now() - buildStarted;

  const backendPort = await freePort();
  const sandboxPort = await freePort();
  const token = randomBytes(24).toString('hex');
  const env = {
    BACKEND_IMAGE: image,
    BACKEND_PORT: String(backendPort),
    APP_BASE_URL: `http://localhost:${backendPort}`,
    BACKEND_BASE_URL: `http://localhost:${backendPort}`,
    SANDBOX_PORT: String(sandboxPort),
    BACKEND_SECRET: randomBytes(24).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(16).toString('hex'),
    DEMO_API_TOKEN: token,
  };
  const compose = [
    'compose',
    '--project-name',
    project,
    '--file',
    'docker-compose.yaml',
    '--file',
    'docker-compose.demo.yaml',
  ];
  const down = async () => {
    await docker(
      harnessRun,
      'compose-down',
      [...compose, 'down', '--volumes', '--remove-orphans'],
      env,
    ).catch(() => undefined);
    await docker(harnessRun, 'docker-image-rm', ['image', 'rm', image]).catch(
      () => undefined,
    );
  };
  const upStarted = Date.now();
  try {
    await docker(
      harnessRun,
      'compose-up',
      [...compose, 'up', '--detach', '--wait', '--wait-timeout', '300'],
      env,
    );
  } catch (error) {
    await docker(harnessRun, 'compose-logs', [...compose, 'logs'], env).catch(
      () => undefined,
    );
    await down();
    throw error;
  }
  const upMs = Date.now() - upStarted;
  // the published ports may lag the health checks by a moment
  await sleep(500);
  return {
    backendUrl: `http://127.0.0.1:${backendPort}`,
    sandboxUrl: `http://127.0.0.1:${sandboxPort}`,
    token,
    buildMs,
    upMs,
    down,
  };
}
