/*
 * The backend as Backstage's "host build" deploys it, on this machine: the same steps as
 * packages/backend/Dockerfile, in a directory of its own instead of an image.
 */
import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HarnessRun, backendDir, repoRoot } from '../harness';

const run = promisify(execFile);

/** A deployment directory made from `yarn build:backend`'s output. */
export interface HostDeployment {
  /** The root of the deployment (the image's /app). */
  dir: string;
  /** Milliseconds spent installing production dependencies. */
  installMs: number;
  /** Packages in the deployment's node_modules (top level, scopes expanded). */
  installedPackages: number;
}

/** The build output `yarn build:backend` leaves in packages/backend/dist. */
export const BUILD_OUTPUT = {
  skeleton: join(backendDir, 'dist', 'skeleton.tar.gz'),
  bundle: join(backendDir, 'dist', 'bundle.tar.gz'),
};

const MEMORY_FS = '/dev/shm';
const MEMORY_FS_MIN_FREE = 2 * 1024 ** 3;

/**
 * Where the deployment directory goes: `ONCALL_PROD_DEPLOY_PARENT` when set, else a memory file
 * system when there is one with room, else the run's directory. The production install writes
 * some 51,000 files (474 MB): on a disk shared with other jobs that took 71 s and deleting them
 * 83 s; in memory 12 s and under 1 s.
 */
function deploymentParent(harnessRun: HarnessRun): string {
  const configured = process.env.ONCALL_PROD_DEPLOY_PARENT;
  if (configured) return configured;
  try {
    const fs = statfsSync(MEMORY_FS);
    if (fs.bavail * fs.bsize >= MEMORY_FS_MIN_FREE) {
      accessSync(MEMORY_FS, constants.W_OK);
      return MEMORY_FS;
    }
  } catch {
    // no memory file system here
  }
  return harnessRun.dir;
}

/** `app-config*.yaml` of the repository root, as the Dockerfile copies them (no `*.local.yaml`). */
export function appConfigFiles(): string[] {
  return readdirSync(repoRoot)
    .filter(f => /^app-config.*\.yaml$/.test(f) && !f.endsWith('.local.yaml'))
    .sort();
}

function countPackages(nodeModules: string): number {
  let count = 0;
  for (const entry of readdirSync(nodeModules)) {
    if (entry.startsWith('.')) continue;
    count += entry.startsWith('@')
      ? readdirSync(join(nodeModules, entry)).length
      : 1;
  }
  return count;
}

/**
 * Lays out the build output the way packages/backend/Dockerfile does: Yarn's release and
 * settings, the skeleton (every workspace's package.json) with yarn.lock, production
 * dependencies only (`yarn workspaces focus --all --production`), the demo catalog files, then
 * the bundle and the app-config files. Fails when the build output is missing.
 */
export async function prepareHostDeployment(
  harnessRun: HarnessRun,
): Promise<HostDeployment> {
  for (const file of Object.values(BUILD_OUTPUT)) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: run \`yarn build:backend\` first`);
    }
  }
  const dir = join(deploymentParent(harnessRun), `deployment-${harnessRun.id}`);
  try {
    const installMs = await layOut(harnessRun, dir);
    return {
      dir,
      installMs,
      installedPackages: countPackages(join(dir, 'node_modules')),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** The Dockerfile's steps in `dir`; returns the milliseconds the install took. */
async function layOut(harnessRun: HarnessRun, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  cpSync(join(repoRoot, '.yarn', 'releases'), join(dir, '.yarn', 'releases'), {
    recursive: true,
  });
  for (const file of [
    '.yarnrc.yml',
    'backstage.json',
    'yarn.lock',
    'package.json',
  ]) {
    copyFileSync(join(repoRoot, file), join(dir, file));
  }
  await run('tar', ['xzf', BUILD_OUTPUT.skeleton], { cwd: dir });

  const started = Date.now();
  const log = join(harnessRun.dir, 'production-install.log');
  try {
    const { stdout } = await run(
      'yarn',
      ['workspaces', 'focus', '--all', '--production'],
      {
        cwd: dir,
        env: { ...process.env, NODE_ENV: 'production' },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    writeFileSync(log, stdout);
  } catch (error) {
    const output =
      error instanceof Error && 'stdout' in error ? error.stdout : '';
    writeFileSync(log, String(output));
    throw new Error(
      `yarn workspaces focus --all --production failed (${log}):\n${String(
        output,
      ).slice(-3000)}`,
    );
  }
  const installMs = Date.now() - started;

  cpSync(join(repoRoot, 'examples'), join(dir, 'examples'), {
    recursive: true,
  });
  await run('tar', ['xzf', BUILD_OUTPUT.bundle], { cwd: dir });
  for (const file of appConfigFiles()) {
    copyFileSync(join(repoRoot, file), join(dir, file));
  }
  return installMs;
}
