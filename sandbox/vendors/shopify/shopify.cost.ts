/**
 * Shopify's GraphQL rate limit is a leaky bucket of query-cost points per app and shop:
 * 2000 points, refilled at 100 points/s on Standard plans (Advanced 200, Plus 1000). A query
 * whose cost exceeds what is left is answered HTTP 200 with a THROTTLED error.
 * https://shopify.dev/docs/api/usage/limits#graphql-admin-api-rate-limits
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface RateLimitOptions {
  maximumAvailable?: number;
  restoreRate?: number;
  /** false: report costs but never throttle for lack of points (load benchmarks of the hub). */
  enforce?: boolean;
}

export class LeakyBucket {
  readonly maximumAvailable: number;
  readonly restoreRate: number;
  readonly enforce: boolean;
  private available: number;
  private last: number;

  constructor(
    options: RateLimitOptions = {},
    private readonly now: () => number = Date.now,
  ) {
    this.maximumAvailable = options.maximumAvailable ?? 2000;
    this.restoreRate = options.restoreRate ?? 100;
    this.enforce = options.enforce ?? true;
    this.available = this.maximumAvailable;
    this.last = now();
  }

  /** Takes `cost` points if there are enough (always when not enforcing); false means throttled. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) {
      if (this.enforce) return false;
      this.available = 0;
      return true;
    }
    this.available -= cost;
    return true;
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }

  reset(): void {
    this.available = this.maximumAvailable;
    this.last = this.now();
  }

  private refill(): void {
    const t = this.now();
    this.available = Math.min(
      this.maximumAvailable,
      this.available + ((t - this.last) / 1000) * this.restoreRate,
    );
    this.last = t;
  }
}
