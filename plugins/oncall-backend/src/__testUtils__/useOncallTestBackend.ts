import { useBeforeAll } from './useBeforeAll';
import {
  OncallTestBackend,
  startOncallTestBackend,
} from './startOncallTestBackend';

/**
 * Registers the calling block's hooks: before all its tests, {@link startOncallTestBackend}
 * with `options`; after all, its sandbox closed. The backend is read from the returned object
 * once the tests run.
 */
export function useOncallTestBackend(
  options: Parameters<typeof startOncallTestBackend>[0],
): OncallTestBackend {
  return useBeforeAll(
    'the test backend has not started',
    () => startOncallTestBackend(options),
    async started => {
      await started?.sandbox.close();
    },
  );
}

/**
 * Runs the task `id` that the plugin scheduled on the mocked `scheduler` once, now. Throws at
 * once (not as a rejection) when the plugin scheduled no such task, so that a test expecting
 * the run to fail does not pass for that.
 */
export function runScheduledTask(
  scheduler: OncallTestBackend['scheduler'],
  id: string,
): Promise<void> {
  const task = scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id);
  if (!task) {
    throw new Error(`The plugin scheduled no task ${id}`);
  }
  return Promise.resolve(task[0].fn(new AbortController().signal));
}
