import { LoggerService } from '@backstage/backend-plugin-api';
import { IncidentProvider } from './IncidentProvider';
import { IncidentStore } from './IncidentStore';

const DEFAULT_CONCURRENCY = 4;
/** Ids waiting beyond this are dropped; a later view asks for them again. */
const DEFAULT_MAX_QUEUED = 1000;

/**
 * Looks up, in the background, the retrospectives of incidents a view has shown as pending and
 * writes each result to the store, which clears the mark; the next view shows the real state.
 * A view never waits on it. An id queued or in flight is not requested twice, at most
 * `concurrency` lookups run at a time, and a failed lookup is logged and leaves the incident
 * pending, so a later view asks again.
 */
export class RetrospectiveHydrator {
  readonly #provider: Pick<IncidentProvider, 'getRetrospective'>;
  readonly #store: Pick<IncidentStore, 'completeRetrospective'>;
  readonly #logger: LoggerService;
  readonly #concurrency: number;
  readonly #maxQueued: number;
  /** What views asked for, served first. */
  readonly #queue: string[] = [];
  /** Background lookups, served when no view waits. */
  readonly #background: string[] = [];
  /** Ids queued or in flight. */
  readonly #pending = new Set<string>();
  #running = 0;
  #idle: Array<() => void> = [];

  constructor(options: {
    provider: Pick<IncidentProvider, 'getRetrospective'>;
    store: Pick<IncidentStore, 'completeRetrospective'>;
    logger: LoggerService;
    concurrency?: number;
    maxQueued?: number;
  }) {
    this.#provider = options.provider;
    this.#store = options.store;
    this.#logger = options.logger;
    this.#concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.#maxQueued = options.maxQueued ?? DEFAULT_MAX_QUEUED;
  }

  /**
   * Asks for the retrospectives of `ids` to be looked up; returns at once. What a view asks
   * for goes ahead of the background lookups queued by {@link RetrospectiveHydrator.enqueue}.
   */
  request(ids: Iterable<string>): void {
    const ahead: string[] = [];
    for (const id of ids) {
      if (this.#pending.has(id)) {
        // a background lookup still waiting: move it to the front
        const queued = this.#background.indexOf(id);
        if (queued >= 0) {
          this.#background.splice(queued, 1);
          ahead.push(id);
        }
        continue;
      }
      if (this.#size() + ahead.length >= this.#maxQueued) {
        continue;
      }
      this.#pending.add(id);
      ahead.push(id);
    }
    this.#queue.push(...ahead);
    this.#pump();
  }

  /**
   * Queues background lookups (e.g. the pending retrospectives a sync left behind) behind
   * everything a view asked for; returns at once.
   */
  enqueue(ids: Iterable<string>): void {
    for (const id of ids) {
      if (this.#pending.has(id) || this.#size() >= this.#maxQueued) {
        continue;
      }
      this.#pending.add(id);
      this.#background.push(id);
    }
    this.#pump();
  }

  #size(): number {
    return this.#queue.length + this.#background.length;
  }

  /** Resolves once nothing is queued or in flight. */
  idle(): Promise<void> {
    if (this.#pending.size === 0) {
      return Promise.resolve();
    }
    return new Promise(resolve => this.#idle.push(resolve));
  }

  #pump(): void {
    while (this.#running < this.#concurrency && this.#size() > 0) {
      const id = this.#queue.shift() ?? this.#background.shift();
      if (id === undefined) {
        return;
      }
      this.#running += 1;
      void this.#lookup(id).finally(() => {
        this.#running -= 1;
        this.#pending.delete(id);
        this.#pump();
        if (this.#pending.size === 0) {
          const waiters = this.#idle;
          this.#idle = [];
          waiters.forEach(resolve => resolve());
        }
      });
    }
  }

  async #lookup(id: string): Promise<void> {
    try {
      const result = await this.#provider.getRetrospective(id);
      await this.#store.completeRetrospective(id, result);
    } catch (error) {
      this.#logger.warn(
        'Retrospective lookup failed; the incident stays pending',
        {
          incidentId: id,
          error: error instanceof Error ? error.message : String(error),
        },
      );
    }
  }
}
