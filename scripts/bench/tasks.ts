/*
 * The scheduler's task endpoint of a bench backend: list the sync tasks, trigger one, and tell
 * when its run ended (scripts/bench/*.ts).
 */
import { BackendProcess, sleep } from '../harness';

/** One task as the scheduler's `/.backstage/scheduler/v1/tasks` endpoint reports it. */
export interface TaskInfo {
  taskId: string;
  taskState: {
    status: 'idle' | 'running';
    startedAt?: string;
    startsAt?: string;
    lastRunEndedAt?: string;
    lastRunError?: string;
  } | null;
}

export const SYNC_TASKS = [
  'oncall-sync-on-call',
  'oncall-sync-incidents',
  'oncall-sync-slos',
] as const;
export type SyncTask = (typeof SYNC_TASKS)[number];

export async function tasks(
  backend: BackendProcess,
): Promise<Map<string, TaskInfo>> {
  const response = await fetch(
    `${backend.url}/api/oncall/.backstage/scheduler/v1/tasks`,
    { headers: { authorization: `Bearer ${backend.serviceToken}` } },
  );
  if (!response.ok) {
    throw new Error(
      `scheduler tasks: HTTP ${response.status} ${await response.text()}`,
    );
  }
  const body = (await response.json()) as { tasks: TaskInfo[] };
  return new Map(body.tasks.map(t => [t.taskId, t]));
}

/** Triggers a task; returns how many times it had to wait for a run already in progress. */
export async function triggerTask(
  backend: BackendProcess,
  id: string,
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(
      `${backend.url}/api/oncall/.backstage/scheduler/v1/tasks/${id}/trigger`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${backend.serviceToken}` },
      },
    );
    if (response.ok) return attempt;
    // 409 while the task is running (e.g. its first scheduled run)
    if (response.status !== 409 || attempt > 600) {
      throw new Error(
        `trigger ${id}: HTTP ${response.status} ${await response.text()}`,
      );
    }
    await sleep(500);
  }
}

/**
 * Waits until a task has finished a run that ended after `since` (ms epoch) and returns the
 * time it ended and the error of that run, if any.
 */
export async function waitForRunEnd(
  backend: BackendProcess,
  id: string,
  since: number,
  timeoutMs = 900_000,
  pollMs = 100,
): Promise<{ endedAt: number; error?: string }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const state = (await tasks(backend)).get(id)?.taskState;
    const ended = state?.lastRunEndedAt ? Date.parse(state.lastRunEndedAt) : 0;
    if (state?.status === 'idle' && state.lastRunEndedAt && ended >= since) {
      return { endedAt: ended, error: state.lastRunError };
    }
    if (!backend.process.running) {
      throw new Error(`${backend.name} exited\n${backend.process.tail()}`);
    }
    await sleep(pollMs);
  }
  throw new Error(`${id} did not finish a run within ${timeoutMs} ms`);
}

/** Triggers a sync task and returns its wall time (trigger → that run ended). */
export async function timedSync(
  backend: BackendProcess,
  id: string,
  timeoutMs = 900_000,
): Promise<{
  ms: number;
  error?: string;
  waitedForRunningRun: boolean;
  /** The run alone: from the first poll that sees it running to the one that sees it end. */
  run: { startedAt: number; endedAt: number; ms: number };
}> {
  // start from an idle task, so the run measured is the one triggered here
  while ((await tasks(backend)).get(id)?.taskState?.status === 'running')
    await sleep(100);
  const previous = (await tasks(backend)).get(id)?.taskState?.lastRunEndedAt;
  const started = Date.now();
  const waited = await triggerTask(backend, id);
  const deadline = started + timeoutMs;
  let runStartedAt: number | undefined;
  while (Date.now() < deadline) {
    const polled = Date.now();
    const state = (await tasks(backend)).get(id)?.taskState;
    if (state?.status === 'running') {
      runStartedAt ??= polled;
    }
    if (
      state?.status === 'idle' &&
      state.lastRunEndedAt &&
      state.lastRunEndedAt !== previous
    ) {
      const endedAt = Date.now();
      // a run shorter than one poll is never seen running: counted from the trigger
      const runStart = runStartedAt ?? started;
      return {
        ms: endedAt - started,
        error: state.lastRunError,
        waitedForRunningRun: waited > 0,
        run: { startedAt: runStart, endedAt, ms: endedAt - runStart },
      };
    }
    if (!backend.process.running) {
      throw new Error(`${backend.name} exited\n${backend.process.tail()}`);
    }
    await sleep(50);
  }
  throw new Error(`${id} did not finish within ${timeoutMs} ms`);
}
