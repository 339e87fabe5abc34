import { setTimeout as sleep } from 'node:timers/promises';
import type Redis from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import {
  type BudgetKind,
  type BudgetRequest,
  ConnectorError,
  type VendorBudget,
} from '../connectors/contract';
import { atTurnEnd } from '../redis/turn-end';
import { type BudgetLimit } from './budget.schema';
import { type Slicing, sliceBudget } from './budget.slices';

export interface BudgetEvents {
  /** A call counted: at once (`taken`), after waiting for a slice (`waited`), or given up (`refused`). */
  counted(kind: BudgetKind, outcome: 'taken' | 'waited' | 'refused', waitedMs: number): void;
}

/** Calls of one event-loop turn waiting for room in one slice: counted together in one command. */
interface Batch {
  slice: number;
  takes: { cost: number; done: (waitMs: number) => void }[];
}

/**
 * One limit of one connector, counted per slice in Redis (see budget.slices.ts). The calls that
 * ask for room in the same event-loop turn are counted with one command (their costs summed), not
 * one each: on a busy hub a vendor call then costs no Redis round trip of its own, and a call
 * waits for at most one turn and one round trip before it is sent.
 */
class SlicedLimit {
  readonly slicing: Slicing;
  private readonly limiter: RateLimiterRedis;
  private batches = new Map<number, Batch>();
  private flushing = false;

  constructor(
    redis: Redis,
    keyPrefix: string,
    limit: BudgetLimit,
    private readonly now: () => number,
  ) {
    this.slicing = sliceBudget(limit);
    // A slice's key outlives the slice a little, then expires by itself.
    const duration = Math.ceil(this.slicing.sliceMs / 1000) + 1;
    const points = this.slicing.perSlice;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points,
      duration,
      // Redis away (commands fail at once: no offline queue) or past its command timeout: this
      // process keeps to the whole budget on its own until Redis is back.
      insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration }),
    });
  }

  /** 0 when `cost` was counted in the current slice; else the ms until the next slice starts. */
  take(cost: number): Promise<number> {
    const slice = Math.floor(this.now() / this.slicing.sliceMs);
    // A call dearer than a slice allows takes a whole slice.
    const take = { cost: Math.min(cost, this.slicing.perSlice), done: (_: number) => {} };
    const waiting = new Promise<number>((done) => (take.done = done));
    const batch = this.batches.get(slice) ?? { slice, takes: [] };
    batch.takes.push(take);
    this.batches.set(slice, batch);
    if (!this.flushing) {
      this.flushing = true;
      atTurnEnd(() => this.flush());
    }
    return waiting;
  }

  private flush(): void {
    const batches = [...this.batches.values()];
    this.batches = new Map();
    this.flushing = false;
    for (const batch of batches) void this.count(batch);
  }

  /**
   * Counts a batch's summed cost in its slice. When the slice cannot hold all of it, the takes that
   * fit in the room it had, in the order they asked, are counted and the rest wait for the next
   * slice. The counter then holds more than was sent, but only in a slice that is full anyway.
   */
  private async count({ slice, takes }: Batch): Promise<void> {
    const total = takes.reduce((sum, t) => sum + t.cost, 0);
    let room = total;
    try {
      await this.limiter.consume(String(slice), total);
    } catch (refusal) {
      // Neither Redis nor memory could count (not a refusal): let them go.
      if (refusal instanceof RateLimiterRes)
        room = Math.max(0, this.slicing.perSlice - (refusal.consumedPoints - total));
    }
    const nextSliceMs = (slice + 1) * this.slicing.sliceMs;
    for (const t of takes) {
      if (t.cost <= room) {
        room -= t.cost;
        t.done(0);
      } else {
        room = 0; // first come, first served: no later take jumps the queue
        t.done(Math.max(1, Math.ceil(nextSliceMs - this.now())));
      }
    }
  }
}

/**
 * A connector's share of its vendor's rate limit, counted in Redis so every hub process draws on
 * one budget. A call that finds the current slice full waits for the next one, up to `maxWaitMs`
 * and never past its request's deadline (the signal); then it fails with `budget_exhausted`, and
 * the answer uses the last good copy: the vendor never sees the burst.
 */
export class RedisVendorBudget implements VendorBudget {
  private readonly limits: Partial<Record<BudgetKind, SlicedLimit>>;

  constructor(
    redis: Redis,
    private readonly connectorId: string,
    limits: { overall: BudgetLimit; search?: BudgetLimit },
    private readonly maxWaitMs: number,
    private readonly events?: BudgetEvents,
    private readonly now: () => number = Date.now,
  ) {
    this.limits = {
      overall: new SlicedLimit(redis, `budget:${connectorId}:overall`, limits.overall, now),
      ...(limits.search && {
        search: new SlicedLimit(redis, `budget:${connectorId}:search`, limits.search, now),
      }),
    };
  }

  /** The steady rate each limit allows, per second (what /metrics shows). */
  ratesPerSecond(): Partial<Record<BudgetKind, number>> {
    const rate = (l: SlicedLimit) => (l.slicing.perSlice * 1000) / l.slicing.sliceMs;
    return Object.fromEntries(Object.entries(this.limits).map(([kind, l]) => [kind, rate(l)]));
  }

  async take(request: BudgetRequest = {}): Promise<void> {
    const kinds: BudgetKind[] =
      request.kind === 'search' && this.limits.search ? ['search', 'overall'] : ['overall'];
    for (const kind of kinds) await this.takeOne(kind, request);
  }

  private async takeOne(kind: BudgetKind, request: BudgetRequest): Promise<void> {
    const limit = this.limits[kind]!;
    const started = this.now();
    for (let slept = false; ; slept = true) {
      const waitMs = await limit.take(Math.max(1, Math.round(request.cost ?? 1)));
      const waited = this.now() - started;
      if (waitMs === 0) {
        this.events?.counted(kind, slept ? 'waited' : 'taken', waited);
        return;
      }
      if (waited + waitMs > this.maxWaitMs) throw this.refuse(kind, waited, waitMs);
      try {
        await sleep(waitMs, undefined, { signal: request.signal });
      } catch {
        // The request's deadline passed while waiting.
        throw this.refuse(kind, this.now() - started, waitMs);
      }
    }
  }

  private refuse(kind: BudgetKind, waitedMs: number, retryAfterMs: number): ConnectorError {
    this.events?.counted(kind, 'refused', waitedMs);
    return new ConnectorError(
      'budget_exhausted',
      `${this.connectorId}: its ${kind === 'search' ? 'search ' : ''}rate budget is used up for now ` +
        '(budgets in the config); the answer uses the last good copy',
      { retryable: false, retryAfterMs },
    );
  }
}
