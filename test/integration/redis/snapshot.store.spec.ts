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

  it('indexes the copies written within freshSeconds, per connector, and lets the rest go', async () => {
    const fresh = new SnapshotStore(redis, 3600, 60);
    const now = Date.now();
    const at = (agoMs: number) => new Date(now - agoMs).toISOString();
    await Promise.all([
      fresh.save({ connector: 'idx-a', resource: 'order', id: '1' }, {}, at(1_000)),
      fresh.save({ connector: 'idx-a', resource: 'tracking', id: '1Z1,1Z2' }, {}, at(30_000)),
      fresh.save({ connector: 'idx-a', resource: 'order', id: 'old' }, {}, at(120_000)),
      fresh.save({ connector: 'idx-b', resource: 'order', id: '1' }, {}, at(1_000)),
    ]);
    expect(await fresh.freshKeys('idx-a', now)).toEqual([
      'lastgood:idx-a:tracking:1Z1%2C1Z2',
      'lastgood:idx-a:order:1',
    ]);
    expect(await fresh.freshKeys('idx-b', now)).toEqual(['lastgood:idx-b:order:1']);
    // Later, what has left the window is not returned (the writes above already trimmed the copy
    // fetched two minutes ago: only two entries are kept).
    expect(await fresh.freshKeys('idx-a', now + 45_000)).toEqual(['lastgood:idx-a:order:1']);
    const ttl = await redis.ttl('lastgood-fresh:idx-a');
    expect(ttl).toBeGreaterThan(60);
    expect(ttl).toBeLessThanOrEqual(120);
    // Every copy is still kept for its retention: the index only says which are fresh.
    expect(await redis.exists('lastgood:idx-a:order:old')).toBe(1);
    expect(await redis.zcard('lastgood-fresh:idx-a')).toBe(2);
  });

  it('indexes a copy fetched "in the future" (a clock ahead) at the time of writing', async () => {
    const fresh = new SnapshotStore(redis, 3600, 60);
    const before = Date.now();
    await fresh.save(
      { connector: 'idx-skew', resource: 'order', id: '1' },
      {},
      new Date(before + 3_600_000).toISOString(),
    );
    const score = Number(await redis.zscore('lastgood-fresh:idx-skew', 'lastgood:idx-skew:order:1'));
    expect(score).toBeGreaterThanOrEqual(before);
    expect(score).toBeLessThanOrEqual(Date.now());
  });

  it('keeps no index when copies never answer without a call (freshSeconds 0)', async () => {
    await store.save({ connector: 'idx-none', resource: 'order', id: '1' }, {}, new Date().toISOString());
    expect(await store.freshKeys('idx-none')).toEqual([]);
    expect(await redis.exists('lastgood-fresh:idx-none')).toBe(0);
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
