import {
  RunningSandbox,
  startSandboxServer,
} from '@oncall-for-backstage/plugin-oncall-sandbox-backend';
import { useBeforeAll } from './useBeforeAll';

/**
 * Registers the calling block's hooks: before all its tests, a sandbox started on a free port
 * with `options`; after all, closed. The sandbox is read from the returned object once the
 * tests run.
 */
export function useSandbox(
  options: Omit<Parameters<typeof startSandboxServer>[0], 'port'> = {},
): RunningSandbox {
  return useBeforeAll(
    'the sandbox has not started',
    () => startSandboxServer({ ...options, port: 0 }),
    async sandbox => {
      await sandbox?.close();
    },
  );
}
