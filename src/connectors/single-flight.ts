/**
 * Shares one vendor call among identical lookups in flight at the same moment, e.g. a help desk's
 * person search that both the customer and the cases lookups of one answer start together. Once
 * the call settles it is forgotten: nothing is served from it later, so a change or a failure at
 * the vendor is seen at once. Speed only: nothing depends on it for correctness.
 */
export class SingleFlight<V> {
  private readonly inFlight = new Map<string, Promise<V>>();

  run(key: string, call: () => Promise<V>): Promise<V> {
    const shared = this.inFlight.get(key);
    if (shared) return shared;
    const value = call();
    this.inFlight.set(key, value);
    const forget = () => {
      if (this.inFlight.get(key) === value) this.inFlight.delete(key);
    };
    value.then(forget, forget);
    return value;
  }
}
