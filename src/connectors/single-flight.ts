/**
 * Shares one vendor call among identical lookups made at the same moment (and for a short while
 * after), e.g. a help desk's person search that both the customer and the cases lookups of one
 * answer need. Failures are never shared beyond the callers already waiting. Speed only: nothing
 * depends on it for correctness (ARCHITECTURE.md "Scale-out").
 */
export class SingleFlight<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs = 2_000,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  run(key: string, call: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const value = call();
    const entry = { at: this.now(), value };
    this.entries.set(key, entry);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }
}
