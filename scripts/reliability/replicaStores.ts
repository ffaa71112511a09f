/*
 * What the replicas of one reliability run share: the run, a standalone vendor sandbox, a
 * PostgreSQL database and a Redis namespace; starting replicas on them, and removing it all
 * at the end.
 */
import {
  BackendOptions,
  BackendProcess,
  HarnessRun,
  SandboxProcess,
  ScratchDatabase,
  clearRedisNamespace,
  createDatabase,
  createRun,
  startBackend,
  startSandbox,
} from '../harness';

export interface ReplicaStores {
  run: HarnessRun;
  sandbox: SandboxProcess;
  db: ScratchDatabase;
  /** The Redis namespace of the replicas' cache. */
  namespace: string;
}

/**
 * Creates the run `runName`, its database `<database>_<run id>` and Redis namespace
 * `<redis>-<run id>`, and starts the run's sandbox. If the sandbox does not start,
 * the database is dropped before the error is thrown.
 */
export async function createReplicaStores(
  runName: string,
  prefixes: { database: string; redis: string },
): Promise<ReplicaStores> {
  const run = createRun(runName);
  const namespace = `${prefixes.redis}-${run.id}`;
  const db = await createDatabase(`${prefixes.database}_${run.id}`);
  try {
    return { run, db, namespace, sandbox: await startSandbox(run) };
  } catch (error) {
    await db.drop();
    throw error;
  }
}

/** Starts a replica named `name` on the shared sandbox, database and cache, with `config`. */
export function startReplicaOn(
  stores: ReplicaStores,
  name: string,
  config: BackendOptions['config'],
): Promise<BackendProcess> {
  return startBackend(stores.run, {
    name,
    sandbox: { url: stores.sandbox.url },
    database: stores.db,
    cache: { redisNamespace: stores.namespace },
    config,
  });
}

/**
 * Stops the replicas (best effort) and the sandbox, clears the Redis namespace (best effort)
 * and drops the database.
 */
export async function removeReplicaStores(
  stores: ReplicaStores | undefined,
  replicas: BackendProcess[],
): Promise<void> {
  for (const replica of replicas) await replica.stop().catch(() => undefined);
  if (!stores) return;
  await stores.sandbox.stop();
  await clearRedisNamespace(stores.namespace).catch(() => undefined);
  await stores.db.drop();
}
