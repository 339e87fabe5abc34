import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';

export interface Snapshot<T = unknown> {
  /** When the data was fetched from the source (ISO 8601). */
  fetchedAt: string;
  data: T;
}

/** What a copy is of: one connector's answer about one subject. */
export interface SnapshotKey {
  connector: string;
  /** e.g. "order", "customer" */
  resource: string;
  /** the lookup key, e.g. the order number or the normalized email */
  id: string;
}

/**
 * Last-good copies of what each source answered (ARCHITECTURE.md "The path of a read"), kept in
 * Redis so every process shares them. Best effort by design: a Redis problem is logged and the
 * answer goes on without copies, never fails because of them.
 */
export class SnapshotStore {
  private readonly logger = new Logger('SnapshotStore');

  constructor(
    private readonly redis: Redis,
    private readonly retentionSeconds: number,
  ) {}

  async save<T>(key: SnapshotKey, data: T, fetchedAt: string): Promise<void> {
    try {
      await this.redis.set(redisKey(key), JSON.stringify({ fetchedAt, data }), 'EX', this.retentionSeconds);
    } catch (error) {
      this.logger.debug(`could not save ${redisKey(key)}: ${(error as Error).message}`);
    }
  }

  /** Forgets a copy: the source says the subject no longer exists (deleted, erased). */
  async forget(key: SnapshotKey): Promise<void> {
    try {
      await this.redis.del(redisKey(key));
    } catch (error) {
      this.logger.debug(`could not forget ${redisKey(key)}: ${(error as Error).message}`);
    }
  }

  async load<T>(key: SnapshotKey): Promise<Snapshot<T> | null> {
    try {
      const raw = await this.redis.get(redisKey(key));
      return raw ? (JSON.parse(raw) as Snapshot<T>) : null;
    } catch (error) {
      this.logger.debug(`could not load ${redisKey(key)}: ${(error as Error).message}`);
      return null;
    }
  }
}

/** lastgood:<connector>:<resource>:<id>, with the id encoded so it can hold any character. */
export function redisKey(key: SnapshotKey): string {
  return `lastgood:${key.connector}:${key.resource}:${encodeURIComponent(key.id)}`;
}
