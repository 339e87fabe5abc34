import Redis from 'ioredis';
import { RedisIdMemory } from '../../../src/connectors/id-memory';
import { createRedisClient, waitUntilReady } from '../../../src/redis/redis.client';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

/** Issue 11: the connectors' id memory, shared through the machine's Redis (own key prefix). */
describe('RedisIdMemory', () => {
  const prefix = uniquePrefix('ids');
  let redis: Redis;
  let raw: Redis;
  beforeAll(async () => {
    redis = createRedisClient(TEST_REDIS_URL, prefix);
    raw = new Redis(TEST_REDIS_URL);
    expect(await waitUntilReady(redis, 5_000)).toBe(true);
    await raw.ping();
  });
  afterAll(async () => {
    await deleteByPrefix(prefix);
    redis.disconnect();
    raw.disconnect();
  });

  it('recalls what one process remembered in another, per connector and kind, until it expires', async () => {
    const one = new RedisIdMemory(redis, 'hubspot', 3_600);
    const other = createRedisClient(TEST_REDIS_URL, prefix);
    expect(await waitUntilReady(other, 5_000)).toBe(true);
    try {
      one.remember('contacts', 'jane@example.com|', ['51', '52']);
      await redis.ping(); // the write was sent before this round trip
      await expect(
        new RedisIdMemory(other, 'hubspot', 3_600).recall('contacts', 'jane@example.com|'),
      ).resolves.toEqual(['51', '52']);
      await expect(
        new RedisIdMemory(other, 'zendesk', 3_600).recall('contacts', 'jane@example.com|'),
      ).resolves.toBeUndefined();
      await expect(one.recall('users', 'jane@example.com|')).resolves.toBeUndefined();
    } finally {
      other.disconnect();
    }
    const [key] = await raw.keys(`${prefix}:ids:hubspot:contacts:*`);
    expect(key).not.toContain('jane');
    const ttl = await raw.ttl(key);
    expect(ttl).toBeGreaterThan(3_500);
    expect(ttl).toBeLessThanOrEqual(3_600);
  });

  it('forgets a key whose lookup found no one', async () => {
    const memory = new RedisIdMemory(redis, 'hubspot', 3_600);
    memory.remember('contacts', 'gone@example.com|', ['9']);
    await redis.ping();
    memory.remember('contacts', 'gone@example.com|', []);
    await redis.ping();
    await expect(memory.recall('contacts', 'gone@example.com|')).resolves.toBeUndefined();
  });

  it('remembers nothing with rememberIdsSeconds 0', async () => {
    const memory = new RedisIdMemory(redis, 'hubspot', 0);
    memory.remember('contacts', 'off@example.com|', ['1']);
    await redis.ping();
    await expect(memory.recall('contacts', 'off@example.com|')).resolves.toBeUndefined();
    expect(await raw.keys(`${prefix}:ids:hubspot:contacts:*`)).toHaveLength(1); // only the first test's
  });

  it('recalls nothing, and does not throw, while Redis is away', async () => {
    const away = createRedisClient('redis://127.0.0.1:1', prefix);
    try {
      const memory = new RedisIdMemory(away, 'hubspot', 3_600);
      memory.remember('contacts', 'jane@example.com|', ['51']);
      await expect(memory.recall('contacts', 'jane@example.com|')).resolves.toBeUndefined();
    } finally {
      away.disconnect();
    }
  });

  it('recalls nothing from a value that is not a list of ids', async () => {
    const memory = new RedisIdMemory(redis, 'hubspot', 3_600);
    memory.remember('contacts', 'odd@example.com|', ['1']);
    await redis.ping();
    const keys = await raw.keys(`${prefix}:ids:hubspot:contacts:*`);
    for (const key of keys) await raw.set(key, '{"not":"ids"}');
    await expect(memory.recall('contacts', 'odd@example.com|')).resolves.toBeUndefined();
  });
});
