import { SyncStateStore } from '../database/SyncStateStore';
import { SingleFlight } from './singleFlight';
import { Vendor } from './Vendor';

/**
 * Runs one sync at a time per process: concurrent callers share the run in flight. Also
 * knows whether the source was ever tried, so page views can trigger a first sync without
 * queueing behind a vendor that is already known to fail.
 */
export class SingleFlightSync<T> {
  readonly #source: Vendor;
  readonly #scope: string;
  readonly #syncState: SyncStateStore;
  readonly #run: () => Promise<T>;
  readonly #flight = new SingleFlight<T>();
  /** The source was tried (sync states are never removed): page views skip the state read. */
  #tried = false;

  constructor(options: {
    source: Vendor;
    scope: string;
    syncState: SyncStateStore;
    run: () => Promise<T>;
  }) {
    this.#source = options.source;
    this.#scope = options.scope;
    this.#syncState = options.syncState;
    this.#run = options.run;
  }

  /** Runs a sync, or joins the one in flight. */
  run(): Promise<T> {
    return this.#flight.run(this.#scope, this.#run);
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
    const state = await this.#syncState.get(this.#source, this.#scope);
    if (state?.asOf || state?.lastError) {
      this.#tried = true;
      return;
    }
    await this.run().catch(() => undefined);
  }
}
