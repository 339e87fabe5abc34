import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.tokens';

/** Wrong second factors tolerated per order number per window, before every answer is a 404. */
export const MAX_FAILED_FACTORS = 10;
const WINDOW_SECONDS = 3600;

/**
 * Counts wrong second factors per order number (in Redis, shared by every process), so a postal
 * code cannot be brute-forced. Fails open when Redis is away: the bot keeps answering.
 */
@Injectable()
export class FactorAttempts {
  private readonly logger = new Logger('FactorAttempts');

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async blocked(orderNumber: string): Promise<boolean> {
    const count = await this.redis.get(key(orderNumber)).catch(() => null);
    return Number(count ?? 0) >= MAX_FAILED_FACTORS;
  }

  async failed(orderNumber: string): Promise<void> {
    try {
      const count = await this.redis.incr(key(orderNumber));
      if (count === 1) await this.redis.expire(key(orderNumber), WINDOW_SECONDS);
      if (count === MAX_FAILED_FACTORS)
        this.logger.warn(`order ${orderNumber}: too many wrong second factors; blocked for an hour`);
    } catch {
      // Redis away: counting is best effort.
    }
  }
}

const key = (orderNumber: string) => `botfactor:${encodeURIComponent(orderNumber)}`;
