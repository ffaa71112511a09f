/**
 * A small in-process cache with a time to live and a size bound (oldest entries go first).
 * Values are promises, so concurrent misses for one key share a single load; a load that
 * fails is forgotten at once.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly options: {
      ttlMs: number;
      maxEntries: number;
      now?: () => number;
    },
  ) {}

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.options.now?.() ?? Date.now();
    const hit = this.#entries.get(key);
    if (hit && now - hit.at < this.options.ttlMs) {
      return hit.value;
    }
    const value = load();
    this.#entries.delete(key);
    this.#entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) {
        this.#entries.delete(key);
      }
    });
    while (this.#entries.size > this.options.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.#entries.delete(oldest);
    }
    return value;
  }

  /** Forgets every entry: the next `get` of each key loads again. */
  clear(): void {
    this.#entries.clear();
  }
}
