import { LoggerService } from '@backstage/backend-plugin-api';
import { SyncStateStore } from '../database/SyncStateStore';
import { SingleFlight } from './singleFlight';
import { Vendor } from './Vendor';

/** What a {@link SingleFlightSync} runs, and where it records how its runs went. */
export interface SingleFlightSyncOptions<T> {
  source: Vendor;
  scope: string;
  syncState: SyncStateStore;
  logger: LoggerService;
  /** The sync as the log names it, e.g. `Health sync`. */
  name: string;
  run: () => Promise<T>;
}

/**
 * Runs one sync at a time per process: concurrent callers share the run in flight. Also
 * knows whether the source was ever tried, so page views can trigger a first sync without
 * queueing behind a vendor that is already known to fail.
 */
export class SingleFlightSync<T> {
  readonly #flight = new SingleFlight<T>();
  /** The source was tried (sync states are never removed): page views skip the state read. */
  #tried = false;

  constructor(private readonly options: SingleFlightSyncOptions<T>) {}

  /** Runs a sync, or joins the one in flight. */
  run(): Promise<T> {
    return this.#flight.run(this.options.scope, this.options.run);
  }

  /**
   * Runs a sync when the source has never been tried (a failed attempt waits for the
   * schedule, so page views do not queue behind a failing vendor); never throws — a failure
   * is recorded in the sync state by the run, and the caller answers from the store.
   */
  async ensureSynced(): Promise<void> {
    if (this.#tried) {
      return;
    }
    const state = await this.options.syncState.get(
      this.options.source,
      this.options.scope,
    );
    if (state?.asOf || state?.lastError) {
      this.#tried = true;
      return;
    }
    await this.run().catch(() => undefined);
  }

  /** Records a (partly) successful run at `at` in the sync state of the scope. */
  succeeded(at: Date, watermark?: string): Promise<void> {
    const { source, scope, syncState } = this.options;
    return syncState.recordSuccess(source, scope, at, watermark);
  }

  /**
   * A run that failed: records the error at `at` in the sync state of the scope and warns
   * (with `fields`) that the store keeps serving what it had. Answers the error, for the run
   * to rethrow.
   */
  async failed(
    error: unknown,
    at: Date,
    fields: Record<string, unknown> = {},
  ): Promise<unknown> {
    const { source, scope, syncState, logger, name } = this.options;
    const message = error instanceof Error ? error.message : String(error);
    await syncState.recordFailure(source, scope, message, at);
    logger.warn(`${name} failed; the store keeps serving`, {
      source,
      ...fields,
      error: message,
    });
    return error;
  }
}
