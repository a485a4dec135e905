/**
 * A small in-process cache whose entries expire after `ttlMs`; at most `max` entries (when full,
 * the oldest goes), so keys taken from requests cannot grow it without bound. ttlMs 0 = no caching.
 */
export class TtlCache<V> {
  readonly #entries = new Map<string, { at: number; value: Promise<V> }>()

  constructor(readonly ttlMs: number, readonly max = 200) {}

  /**
   * The cached value, or `load()`'s, kept for ttlMs. Callers arriving while it loads share the
   * one load; a failed load is not kept.
   */
  get(key: string, load: () => Promise<V>, now = Date.now()): Promise<V> {
    const hit = this.#entries.get(key)
    if (hit && now - hit.at < this.ttlMs) return hit.value
    if (this.ttlMs <= 0) return load()
    this.#entries.delete(key)
    if (this.#entries.size >= this.max) this.#entries.delete(this.#entries.keys().next().value!)
    const value = load()
    const entry = { at: now, value }
    this.#entries.set(key, entry)
    value.catch(() => { if (this.#entries.get(key) === entry) this.#entries.delete(key) })
    return value
  }

  clear(): void {
    this.#entries.clear()
  }
}
