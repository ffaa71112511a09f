/*
 * Starting and stopping the sandbox and backends the reliability suite reads, and which of
 * them are talking to the sandbox.
 */
import { execFileSync } from 'node:child_process';
import {
  BackendOptions,
  BackendProcess,
  SandboxProcess,
  createRun,
  guestToken,
  startBackend,
  startSandbox,
  waitForCatalog,
} from '../harness';
import { waitUntilWarm } from './lib';

/** A sandbox, one backend reading it with its cache warm, and the guest's token for it. */
export interface WarmBackend {
  sandbox: SandboxProcess;
  backend: BackendProcess;
  token: string;
}

/**
 * Starts the sandbox of a new run named `runName` and a backend named `backend` on it with
 * `config`, waits for the catalog's demo components and a warm cache, and signs the guest
 * in. If a step fails, what had started is stopped before the error is thrown.
 */
export async function startWarmBackend(
  runName: string,
  config: BackendOptions['config'],
): Promise<WarmBackend> {
  const run = createRun(runName);
  const sandbox = await startSandbox(run);
  let backend: BackendProcess | undefined;
  try {
    backend = await startBackend(run, {
      name: 'backend',
      sandbox: { url: sandbox.url },
      config,
    });
    await waitForCatalog(backend, { min: 10 });
    const token = await guestToken(backend.url);
    await waitUntilWarm(backend.url, token);
    return { sandbox, backend, token };
  } catch (error) {
    await stopWarmBackend({ sandbox, backend });
    throw error;
  }
}

/** Clears the sandbox's faults (best effort), then stops the backend and the sandbox. */
export async function stopWarmBackend(
  started: Partial<Omit<WarmBackend, 'token'>>,
): Promise<void> {
  await started.sandbox?.client.clearFaults().catch(() => undefined);
  await started.backend?.stop();
  await started.sandbox?.stop();
}

/**
 * The backends holding an established connection to the sandbox right now (from `ss -tnp`):
 * the ones mid-sync. Undefined when `ss` is not available on this machine.
 */
export function talkingTo(
  sandbox: SandboxProcess,
  backends: BackendProcess[],
): BackendProcess[] | undefined {
  const port = new URL(sandbox.url).port;
  let out = '';
  try {
    out = execFileSync(
      'ss',
      ['-tnpH', 'state', 'established', `( dport = :${port} )`],
      { encoding: 'utf8' },
    );
  } catch {
    return undefined;
  }
  const pids = new Set([...out.matchAll(/pid=(\d+)/g)].map(m => Number(m[1])));
  return backends.filter(b => b.process.running && pids.has(b.process.pid));
}
