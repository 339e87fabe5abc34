import { type QueryCost } from './shopify.payloads';

/**
 * Shopify's GraphQL Admin API is a leaky bucket of cost points (Standard 100 points/s restore).
 * Every reply reports the bucket in `extensions.cost.throttleStatus`; we keep the last report and
 * project it forward, so a call we know would be THROTTLED waits briefly or fails fast instead of
 * burning a request. https://shopify.dev/docs/api/usage/rate-limits#graphql-admin-api-rate-limits
 */
/** The cost points a query is taken to need before Shopify has reported what it costs. */
const UNKNOWN_COST = 50;

export class ShopifyThrottle {
  private available?: number;
  private maximum?: number;
  private restoreRate?: number;
  private observedAt = 0;
  private readonly lastCost = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  observe(operation: string, cost: QueryCost): void {
    this.available = cost.throttleStatus.currentlyAvailable;
    this.maximum = cost.throttleStatus.maximumAvailable;
    this.restoreRate = cost.throttleStatus.restoreRate;
    this.observedAt = this.now();
    this.lastCost.set(operation, cost.requestedQueryCost);
  }

  /**
   * What `operation` is expected to cost: its requested cost last time, or `UNKNOWN_COST` until
   * Shopify has reported one (a guess on the high side of the hub's queries).
   */
  expectedCost(operation: string): number {
    return this.lastCost.get(operation) ?? UNKNOWN_COST;
  }

  /** Milliseconds until the bucket holds what `operation` cost last time (0 when unknown or enough). */
  waitMs(operation: string): number {
    if (this.available === undefined || !this.restoreRate || this.maximum === undefined) return 0;
    const needed = this.lastCost.get(operation) ?? 1;
    const elapsed = (this.now() - this.observedAt) / 1000;
    const projected = Math.min(this.maximum, this.available + elapsed * this.restoreRate);
    return projected >= needed ? 0 : Math.ceil(((needed - projected) / this.restoreRate) * 1000);
  }

  /** Wait that a THROTTLED reply asks for: (requested − available) / restoreRate. */
  static retryAfterMs(cost: QueryCost | undefined): number {
    if (!cost || !cost.throttleStatus.restoreRate) return 1_000;
    const missing = cost.requestedQueryCost - cost.throttleStatus.currentlyAvailable;
    return Math.max(0, Math.ceil((missing / cost.throttleStatus.restoreRate) * 1000));
  }

  snapshot(): { available?: number; maximum?: number; restoreRate?: number } {
    return { available: this.available, maximum: this.maximum, restoreRate: this.restoreRate };
  }
}
