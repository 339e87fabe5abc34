import { createHash } from 'node:crypto';
import type Redis from 'ioredis';
import { type IdMemory } from './contract';

/**
 * The connectors' id memory in Redis, shared by every process: one key per connector, kind and
 * looked-up value (hashed: no email or phone in a key name), expiring after `ttlSeconds`. Redis
 * trouble recalls nothing and forgets quietly: the answer only loses its head start.
 */
export class RedisIdMemory implements IdMemory {
  constructor(
    private readonly redis: Redis,
    private readonly connectorId: string,
    private readonly ttlSeconds: number,
  ) {}

  async recall(kind: string, key: string): Promise<readonly string[] | undefined> {
    if (this.ttlSeconds === 0) return undefined;
    try {
      const stored = await this.redis.get(this.keyOf(kind, key));
      const ids: unknown = stored ? JSON.parse(stored) : undefined;
      return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : undefined;
    } catch {
      return undefined;
    }
  }

  remember(kind: string, key: string, ids: readonly string[]): void {
    if (this.ttlSeconds === 0) return;
    const name = this.keyOf(kind, key);
    const write = ids.length
      ? this.redis.set(name, JSON.stringify(ids), 'EX', this.ttlSeconds)
      : this.redis.del(name);
    write.catch(() => undefined);
  }

  private keyOf(kind: string, key: string): string {
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 32);
    return `ids:${this.connectorId}:${kind}:${hash}`;
  }
}
