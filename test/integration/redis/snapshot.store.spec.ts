import type Redis from 'ioredis';
import { createRedisClient, redact } from '../../../src/redis/redis.client';
import { redisKey, SnapshotStore } from '../../../src/snapshots/snapshot.store';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

const waitReady = (r: Redis) =>
  new Promise<void>((resolve) => (r.status === 'ready' ? resolve() : r.once('ready', () => resolve())));

describe('SnapshotStore on a real Redis', () => {
  const prefix = uniquePrefix('snapshots');
  let redis: Redis;
  let store: SnapshotStore;

  beforeAll(async () => {
    redis = createRedisClient(TEST_REDIS_URL, prefix);
    await waitReady(redis);
    store = new SnapshotStore(redis, 3600);
  });
  afterAll(async () => {
    redis.disconnect();
    await deleteByPrefix(prefix);
  });

  it('keeps the last good answer with when it was fetched, under the hub key prefix', async () => {
    const key = { connector: 'shopify', resource: 'order', id: '1001' };
    await store.save(
      key,
      { number: '1001', total: { amount: '10.00', currency: 'USD' } },
      '2026-11-20T10:00:00Z',
    );
    await store.save(
      key,
      { number: '1001', total: { amount: '12.00', currency: 'USD' } },
      '2026-11-21T10:00:00Z',
    );

    expect(await store.load(key)).toEqual({
      fetchedAt: '2026-11-21T10:00:00Z',
      data: { number: '1001', total: { amount: '12.00', currency: 'USD' } },
    });
    const ttl = await redis.ttl(redisKey(key));
    expect(ttl).toBeGreaterThan(3500);
    expect(ttl).toBeLessThanOrEqual(3600);
    expect(await redis.exists(`lastgood:shopify:order:1001`)).toBe(1); // stored as <prefix>:lastgood:...
  });

  it('keeps subjects, resources and connectors apart, and encodes odd ids', async () => {
    await store.save(
      { connector: 'shopify', resource: 'customer', id: 'a+b@example.com' },
      { id: 'c1' },
      '2026-11-21T10:00:00Z',
    );
    expect(
      await store.load({ connector: 'shopify', resource: 'customer', id: 'a+b@example.com' }),
    ).toMatchObject({ data: { id: 'c1' } });
    expect(
      await store.load({ connector: 'shopify-eu', resource: 'customer', id: 'a+b@example.com' }),
    ).toBeNull();
    expect(await store.load({ connector: 'shopify', resource: 'order', id: 'a+b@example.com' })).toBeNull();
    expect(redisKey({ connector: 'x', resource: 'order', id: 'a:b c' })).toBe('lastgood:x:order:a%3Ab%20c');
  });

  it('never throws when Redis is away: saves are dropped and loads find nothing', async () => {
    const away = createRedisClient('redis://127.0.0.1:1', prefix); // nothing listens on port 1
    const offline = new SnapshotStore(away, 60);
    try {
      await expect(
        offline.save({ connector: 's', resource: 'order', id: '1' }, {}, '2026-11-21T10:00:00Z'),
      ).resolves.toBeUndefined();
      await expect(offline.load({ connector: 's', resource: 'order', id: '1' })).resolves.toBeNull();
    } finally {
      away.disconnect();
    }
  });

  it('does not print credentials of the Redis URL in its logs', () => {
    expect(redact('redis://default:s3cret@cache:6379/0')).toBe('redis://default:***@cache:6379/0');
    expect(redact('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
