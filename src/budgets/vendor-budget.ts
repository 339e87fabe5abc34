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
import { LATE_MS, type Slicing, sliceBudget } from './budget.slices';

export interface BudgetEvents {
  /** A call counted: at once (`taken`), after waiting for a slice (`waited`), or given up (`refused`). */
  counted(kind: BudgetKind, outcome: 'taken' | 'waited' | 'refused', waitedMs: number): void;
}

/** Calls of one event-loop turn waiting for room in one slice: counted together in one command. */
interface Batch {
  slice: number;
  takes: { cost: number; done: (waitMs: number) => void }[];
}

/** The most units a process counts ahead in one slice (see SlicedLimit). */
const MAX_HELD = 4;

/**
 * Units a process may count ahead in a slice of `perSlice`: an eighth of it, at most MAX_HELD;
 * none for a slice of fewer than 8, where holding one back from the other processes would cost
 * them too much of it.
 */
export function heldAhead(perSlice: number): number {
  return perSlice < 8 ? 0 : Math.min(MAX_HELD, Math.floor(perSlice / 8));
}

/** Counts the in-process stand-in made (Redis away or past its command timeout), kept or refused. */
const countedInMemory = new WeakSet<RateLimiterRes>();

/** The limiter that counts in this process while Redis cannot; it marks what it answered. */
class StandInLimiter extends RateLimiterMemory {
  override consume(
    key: string | number,
    points?: number,
    options?: Record<string, unknown>,
  ): Promise<RateLimiterRes> {
    return super.consume(key, points, options).then(
      (counted) => {
        countedInMemory.add(counted);
        return counted;
      },
      (refusal: unknown) => {
        if (refusal instanceof RateLimiterRes) countedInMemory.add(refusal);
        throw refusal;
      },
    );
  }
}

/**
 * One limit of one connector, counted per slice in Redis (see budget.slices.ts). The calls that
 * ask for room in the same event-loop turn are counted with one command (their costs summed), not
 * one each: on a busy hub a vendor call then costs no Redis round trip of its own, and a call
 * waits for at most one turn and one round trip before it is sent.
 *
 * While a process is calling, it also counts a few units ahead in the current slice and the next
 * one (`heldAhead`; only for limits counted in calls, not in points), in the same command; a later
 * call in that slice takes one of them and is sent at once, with no round trip to wait for. That
 * wait is what an answer's chain of dependent calls felt most: the reply that leads to the next call is followed by the other replies of its round,
 * and Redis's answer was read only after all of them. Every unit sent is still counted in Redis in
 * the slice it is sent in (a unit held and not used is counted and never sent: the vendor sees
 * less, never more). A process keeps what it counted ahead only while Redis says the slice is at
 * most half used (else it gives it back at once), so all processes together never hold more than
 * half a slice, and a busy slice is shared call by call as before. Units held are not given back
 * when the slice fills up later: this process's next calls take them, or they lapse with it.
 */
class SlicedLimit {
  readonly slicing: Slicing;
  private readonly limiter: RateLimiterRedis;
  private readonly ahead: number;
  private batches = new Map<number, Batch>();
  private flushing = false;
  /** Units counted ahead per slice, not yet taken. */
  private held = new Map<number, number>();
  /** Units asked for ahead per slice whose count has not come back yet. */
  private asked = new Map<number, number>();
  /** What Redis last said a slice holds (every process's calls). */
  private seen = new Map<number, number>();
  /**
   * Whether this limit's calls cost one unit each: unknown until the first call, and false for
   * good after one that costs more. A limit counted in points (Shopify's query cost) holds nothing
   * ahead: a few units could not pay for a query, and would only be lost.
   */
  private unitCalls: boolean | undefined;

  constructor(
    redis: Redis,
    keyPrefix: string,
    limit: BudgetLimit,
    private readonly now: () => number,
  ) {
    this.slicing = sliceBudget(limit);
    this.ahead = heldAhead(this.slicing.perSlice);
    // A slice's key outlives the slice a little, then expires by itself; it may be made up to one
    // slice early (units counted ahead in the next slice).
    const duration = Math.ceil((2 * this.slicing.sliceMs) / 1000) + 1;
    const points = this.slicing.perSlice;
    this.limiter = new RateLimiterRedis({
      storeClient: redis,
      keyPrefix,
      points,
      duration,
      // Redis away (commands fail at once: no offline queue) or past its command timeout: this
      // process keeps to the whole budget on its own until Redis is back.
      insuranceLimiter: new StandInLimiter({ keyPrefix, points, duration }),
    });
  }

  /** 0 when `cost` was counted in the current slice; else the ms until the next slice starts. */
  take(cost: number): Promise<number> {
    const slice = Math.floor(this.now() / this.slicing.sliceMs);
    // A call dearer than a slice allows takes a whole slice.
    const units = Math.min(cost, this.slicing.perSlice);
    if (units !== 1) this.unitCalls = false;
    else this.unitCalls ??= true;
    const held = this.held.get(slice) ?? 0;
    if (units <= held) {
      this.held.set(slice, held - units);
      this.flushSoon(); // counts ahead again, in the background
      return Promise.resolve(0);
    }
    const take = { cost: units, done: (_: number) => {} };
    const waiting = new Promise<number>((done) => (take.done = done));
    const batch = this.batches.get(slice) ?? { slice, takes: [] };
    batch.takes.push(take);
    this.batches.set(slice, batch);
    this.flushSoon();
    return waiting;
  }

  /** A call is likely soon: counts a few ahead in this slice and the next, if this limit holds any. */
  expect(): void {
    if (this.ahead > 0 && this.unitCalls === true) this.flushSoon();
  }

  private flushSoon(): void {
    if (this.flushing) return;
    this.flushing = true;
    atTurnEnd(() => this.flush());
  }

  private flush(): void {
    const batches = [...this.batches.values()];
    this.batches = new Map();
    this.flushing = false;
    const slice = Math.floor(this.now() / this.slicing.sliceMs);
    for (const map of [this.held, this.asked, this.seen])
      for (const s of map.keys()) if (s < slice - 1) map.delete(s);
    const ahead = new Map<number, number>();
    for (const s of [slice, slice + 1]) {
      const want = this.wantAhead(s);
      if (want > 0) ahead.set(s, want);
    }
    for (const batch of batches) {
      void this.count(batch.slice, batch.takes, ahead.get(batch.slice) ?? 0);
      ahead.delete(batch.slice);
    }
    for (const [s, want] of ahead) void this.count(s, [], want);
  }

  /** How many units to count ahead in slice `s` now. */
  private wantAhead(s: number): number {
    if (this.ahead === 0 || this.unitCalls !== true) return 0;
    const known = this.seen.get(s) ?? this.seen.get(s - 1) ?? 0;
    if (known + this.ahead > this.slicing.perSlice / 2) return 0;
    return Math.max(0, this.ahead - (this.held.get(s) ?? 0) - (this.asked.get(s) ?? 0));
  }

  /**
   * Counts a batch's summed cost, and `ahead` units to hold, in slice `slice`. When the slice cannot
   * hold all of it, the takes that fit in the room it had, in the order they asked, are counted and
   * the rest wait for the next slice; the room left, if any, is held. The counter then holds more
   * than was sent (the takes that did not fit), but only in a slice that is full anyway.
   */
  private async count(slice: number, takes: Batch['takes'], ahead: number): Promise<void> {
    const total = takes.reduce((sum, t) => sum + t.cost, 0) + ahead;
    let room = total;
    let withoutRedis = false;
    this.asked.set(slice, (this.asked.get(slice) ?? 0) + ahead);
    try {
      const counted = await this.limiter.consume(String(slice), total);
      withoutRedis = countedInMemory.has(counted);
      this.seen.set(slice, counted.consumedPoints);
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) {
        withoutRedis = countedInMemory.has(refusal);
        room = Math.max(0, this.slicing.perSlice - (refusal.consumedPoints - total));
        this.seen.set(slice, refusal.consumedPoints);
      } else {
        // Neither Redis nor memory could count (not a refusal): let the takes go, hold nothing.
        withoutRedis = true;
        room = total - ahead;
      }
    } finally {
      this.asked.set(slice, Math.max(0, (this.asked.get(slice) ?? 0) - ahead));
    }
    const nextSliceMs = (slice + 1) * this.slicing.sliceMs;
    // The slicing leaves room for a call reaching the vendor up to LATE_MS after its slice ended.
    // A count Redis answered later than half of that (a starved process or Redis) would send its
    // calls bunched with the next slices' calls; in a busy slice (more than half used, so the
    // slices around it are likely full too) those are counted again, in the slice of now. Not in
    // a quiet one: its late calls fit beside the others, and counting again on a slow machine
    // would only refuse calls. Nor a count made without Redis (it failed or timed out): counted
    // again, it would time out again, and every call would wait for nothing and be refused.
    const busy = (this.seen.get(slice) ?? 0) > this.slicing.perSlice / 2;
    const late = busy && !withoutRedis && this.now() > nextSliceMs + LATE_MS / 2;
    for (const t of takes) {
      if (!late && t.cost <= room) {
        room -= t.cost;
        t.done(0);
      } else {
        room = 0; // first come, first served: no later take jumps the queue
        t.done(Math.max(1, Math.ceil(nextSliceMs - this.now())));
      }
    }
    // Units counted ahead go back to the others when the slice had no room for them, or when it
    // is busier than this process knew; the rest are held.
    const kept = busy ? 0 : Math.min(ahead, room);
    if (kept > 0) this.held.set(slice, (this.held.get(slice) ?? 0) + kept);
    if (ahead > kept) await this.limiter.reward(String(slice), ahead - kept).catch(() => undefined);
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

  expect(): void {
    this.limits.overall?.expect();
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
