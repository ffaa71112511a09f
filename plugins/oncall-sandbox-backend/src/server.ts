import { createServer } from 'node:http';
import { createSandbox } from './app';
import { DemoOrg } from './org/types';
import {
  SANDBOX_DEFAULT_KEYS,
  SANDBOX_DEFAULT_SEED,
  SandboxOptions,
} from './options';
import { SandboxState } from './shared/runtime';

/** A running standalone sandbox. @public */
export interface RunningSandbox {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:7099`. */
  url: string;
  close(): Promise<void>;
  org: DemoOrg;
  state: SandboxState;
}

/**
 * Starts the sandbox on its own HTTP server (port 0 = random). Defaults: seed 42, the default
 * keys, control routes open.
 *
 * @public
 */
export async function startSandboxServer(
  options: Partial<SandboxOptions> & { port?: number; host?: string } = {},
): Promise<RunningSandbox> {
  const sandbox = createSandbox({
    seed: options.seed ?? SANDBOX_DEFAULT_SEED,
    now: options.now,
    keys: options.keys ?? SANDBOX_DEFAULT_KEYS,
    control: options.control ?? true,
    controlKey: options.controlKey,
    scale: options.scale,
    quota: options.quota,
  });
  const server = createServer(sandbox.app);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const address = server.address();
  const port =
    typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    org: sandbox.org,
    state: sandbox.state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close(err => (err ? reject(err) : resolve()));
      }),
  };
}
