import { Logger } from '@nestjs/common';
import Redis from 'ioredis';

/**
 * The hub's Redis connection. Commands fail fast while Redis is away (no offline queue, short
 * command timeout) so an answer never waits on Redis; ioredis reconnects by itself. Commands
 * issued in one synchronous run go out in one write (auto-pipelining): every socket write is a
 * system call, and an answer's budget counts, copies and id look-ups often come together
 * (src/redis/turn-end.ts gathers the batched ones into one run).
 */
export function createRedisClient(url: string, keyPrefix: string): Redis {
  const logger = new Logger('Redis');
  const client = new Redis(url, {
    keyPrefix: `${keyPrefix}:`,
    enableOfflineQueue: false,
    enableAutoPipelining: true,
    maxRetriesPerRequest: 1,
    commandTimeout: 500,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5_000),
  });
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn(
      `Redis at ${redact(url)} is unreachable (${error.message}); last-good copies are off until it is back`,
    );
  });
  client.on('ready', () => {
    if (down) logger.log(`Redis at ${redact(url)} is back`);
    down = false;
  });
  return client;
}

/** redis://user:secret@host → redis://user:***@host, for logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

/**
 * Resolves once the client is ready, or after `ms` (Redis away: the hub starts without copies).
 * Commands fail fast before `ready` (no offline queue), so boot waits briefly rather than drop
 * the first answers' copies.
 */
export function waitUntilReady(client: Redis, ms: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, ms);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}
