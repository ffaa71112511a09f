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
  waitForCatalog,
} from '../harness';
import { SCHEDULER_JANITOR_SECONDS } from './lib';

export class ReplicaStores {
  /** How often the replicas run each sync task. */
  static readonly refreshSeconds = 10;
  /** A sync run's timeout on the replicas: past it, the scheduler may free a dead replica's run. */
  static readonly taskTimeoutSeconds = 20;
  /** The replicas' refresh config: `fastRefreshConfig` of these. */
  static readonly refresh = {
    frequencySeconds: ReplicaStores.refreshSeconds,
    timeoutSeconds: ReplicaStores.taskTimeoutSeconds,
  };

  /**
   * How long a survivor may take to run a task a killed replica held: the run is released
   * once its timeout has passed and the scheduler's janitor clears it, then the next interval
   * runs it, taking up to `runSeconds`.
   */
  static takeoverBoundMs(runSeconds: number): number {
    return (
      (ReplicaStores.taskTimeoutSeconds +
        SCHEDULER_JANITOR_SECONDS +
        ReplicaStores.refreshSeconds +
        runSeconds) *
      1000
    );
  }

  private constructor(
    readonly run: HarnessRun,
    readonly sandbox: SandboxProcess,
    readonly db: ScratchDatabase,
    /** The Redis namespace of the replicas' cache. */
    readonly namespace: string,
  ) {}

  /**
   * Creates the run `runName`, its database `<database>_<run id>` and Redis namespace
   * `<redis>-<run id>`, and starts the run's sandbox. If the sandbox does not start, the
   * database is dropped before the error is thrown.
   */
  static async create(
    runName: string,
    prefixes: { database: string; redis: string },
  ): Promise<ReplicaStores> {
    const run = createRun(runName);
    const db = await createDatabase(`${prefixes.database}_${run.id}`);
    try {
      const sandbox = await startSandbox(run);
      return new ReplicaStores(run, sandbox, db, `${prefixes.redis}-${run.id}`);
    } catch (error) {
      await db.drop();
      throw error;
    }
  }

  /** Starts a replica named `name` on the shared sandbox, database and cache, with `config`. */
  startReplica(
    name: string,
    config: BackendOptions['config'],
  ): Promise<BackendProcess> {
    return startBackend(this.run, {
      name,
      sandbox: { url: this.sandbox.url },
      database: this.db,
      cache: { redisNamespace: this.namespace },
      config,
    });
  }

  /**
   * Stops the replicas (best effort) and the sandbox, clears the Redis namespace (best
   * effort) and drops the database.
   */
  async remove(replicas: BackendProcess[]): Promise<void> {
    for (const replica of replicas) await replica.stop().catch(() => undefined);
    await this.sandbox.stop();
    await clearRedisNamespace(this.namespace).catch(() => undefined);
    await this.db.drop();
  }
}

/**
 * Starts the replicas named `names` with `start` one after the other, as a rolling deployment
 * does: replicas started at the same instant on an empty database race for the plugins' knex
 * migration locks, and the loser's catalog fails to start ("Migration table is already
 * locked"). Then waits until each one's catalog has the demo entities.
 */
export async function startInTurn(
  names: string[],
  start: (name: string) => Promise<BackendProcess>,
): Promise<BackendProcess[]> {
  const started: BackendProcess[] = [];
  for (const name of names) started.push(await start(name));
  await Promise.all(started.map(r => waitForCatalog(r, { min: 10 })));
  return started;
}
