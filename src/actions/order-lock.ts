import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/** Redis could not be asked for the lock. */
export class LockUnavailable extends Error {
  constructor(cause: unknown) {
    super(`order lock unavailable: ${(cause as Error)?.message ?? cause}`, { cause });
    this.name = 'LockUnavailable';
  }
}

/**
 * One write at a time per order and connector, across every worker process (a Redis lease).
 * Vendors' order records are read-modify-write (Shopify's single note field, a refund that
 * checks what is left): two writes racing on one order could undo each other.
 */
export class OrderLock {
  constructor(
    private readonly redis: Redis,
    private readonly leaseMs: number,
    /** Whose turns these are: a worker's writes (`lock:order`), or another use with its own keys. */
    private readonly prefix = 'lock:order',
  ) {}

  /** Runs `work` holding the lock; waits up to `waitMs` for it, else returns `undefined` without running. */
  async with<T>(
    connector: string,
    orderNumber: string,
    waitMs: number,
    work: () => Promise<T>,
  ): Promise<T | undefined> {
    const key = `${this.prefix}:${connector}:${orderNumber}`;
    const token = randomUUID();
    const until = Date.now() + waitMs;
    for (;;) {
      const taken = await this.redis.set(key, token, 'PX', this.leaseMs, 'NX').catch((e: unknown) => {
        throw new LockUnavailable(e);
      });
      if (taken === 'OK') break;
      if (Date.now() >= until) return undefined;
      await new Promise((r) => setTimeout(r, 25 + Math.random() * 50));
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
