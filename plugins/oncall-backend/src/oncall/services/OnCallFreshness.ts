import { Freshness } from '@oncall-for-backstage/plugin-oncall-common';
import { SyncStateStore } from '../../database/SyncStateStore';
import { buildFreshness } from '../../lib/freshness';
import { Vendor } from '../../lib/Vendor';
import { DIRECTORY_SCOPE, teamScope } from '../OnCallSync';

/** How fresh the on-call data an answer is built from is, per sync scope. */
export class OnCallFreshness {
  readonly #syncState: SyncStateStore;
  readonly #source: Vendor;
  readonly #others: Vendor[];
  readonly #staleAfterMs: number;
  readonly #now: () => Date;

  static create(options: {
    syncState: SyncStateStore;
    source: Vendor;
    otherSources?: Vendor[];
    staleAfterMs: number;
    now?: () => Date;
  }): OnCallFreshness {
    return new OnCallFreshness(options);
  }

  private constructor(options: {
    syncState: SyncStateStore;
    source: Vendor;
    /** Further providers (several configured): their directory state counts too. */
    otherSources?: Vendor[];
    staleAfterMs: number;
    now?: () => Date;
  }) {
    this.#others = options.otherSources ?? [];
    this.#syncState = options.syncState;
    this.#source = options.source;
    this.#staleAfterMs = options.staleAfterMs;
    this.#now = options.now ?? (() => new Date());
  }

  /** The directory and the given teams' sync states; every scope when `teams` is undefined. */
  async of(teams: string[] | undefined): Promise<Freshness> {
    const all = await this.#syncState.listRecent(this.#source);
    const wanted = new Set([DIRECTORY_SCOPE, ...(teams ?? []).map(teamScope)]);
    const states =
      teams === undefined ? all : all.filter(s => wanted.has(s.scope));
    const others = await Promise.all(
      this.#others.map(async source => ({
        source,
        states: (
          await this.#syncState.listRecent(source)
        ).filter(s => s.scope === DIRECTORY_SCOPE),
      })),
    );
    return buildFreshness(
      [{ source: this.#source, states }, ...others],
      this.#now(),
      this.#staleAfterMs,
    );
  }
}
