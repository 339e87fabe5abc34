import type Redis from 'ioredis';
import { createRedisClient } from '../../../src/redis/redis.client';
import { SnapshotStore } from '../../../src/snapshots/snapshot.store';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

const waitReady = (r: Redis) =>
  new Promise<void>((resolve) => (r.status === 'ready' ? resolve() : r.once('ready', () => resolve())));
const key = (id: string) => ({ connector: 'shopify', resource: 'order', id });

describe('SnapshotStore round trips on a real Redis', () => {
  const prefix = uniquePrefix('snapshot-batching');
  let redis: Redis;
  let store: SnapshotStore;

  beforeAll(async () => {
    redis = createRedisClient(TEST_REDIS_URL, prefix);
    await waitReady(redis);
  });
  beforeEach(() => (store = new SnapshotStore(redis, 600)));
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    redis.disconnect();
    await deleteByPrefix(prefix);
  });

  it('reads the copies asked for together with one MGET', async () => {
    await Promise.all(['1', '2'].map((id) => store.save(key(id), { id }, '2026-11-21T10:00:00Z')));
    const mget = jest.spyOn(redis, 'mget');
    const get = jest.spyOn(redis, 'get');
    const [a, b, c] = await Promise.all([store.load(key('1')), store.load(key('2')), store.load(key('3'))]);
    expect([a?.data, b?.data, c]).toEqual([{ id: '1' }, { id: '2' }, null]);
    expect(mget).toHaveBeenCalledTimes(1);
    expect(get).not.toHaveBeenCalled();
  });

  it('writes the copies of one event-loop turn in one pipeline', async () => {
    const pipeline = jest.spyOn(redis, 'pipeline');
    const set = jest.spyOn(redis, 'set');
    await Promise.all(['4', '5', '6'].map((id) => store.save(key(id), { id }, '2026-11-21T10:00:00Z')));
    expect(pipeline).toHaveBeenCalledTimes(1);
    expect(set).not.toHaveBeenCalled();
    expect(await redis.ttl('lastgood:shopify:order:5')).toBeGreaterThan(590);
  });

  it('reads its own writes before they reach Redis, a forgotten copy included', async () => {
    await store.save(key('7'), { id: '7' }, '2026-11-21T10:00:00Z');
    // Each resolves once Redis has answered its write: not waited for yet.
    const written = [
      store.save(key('7'), { id: '7', v: 2 }, '2026-11-21T11:00:00Z'),
      store.save(key('8'), { id: '8' }, '2026-11-21T11:00:00Z'),
      store.forget(key('7')),
    ];
    const get = jest.spyOn(redis, 'get');
    expect(await store.load(key('7'))).toBeNull();
    expect(await store.load(key('8'))).toEqual({ fetchedAt: '2026-11-21T11:00:00Z', data: { id: '8' } });
    expect(get).not.toHaveBeenCalled();
    // Once written, Redis says the same.
    await Promise.all(written);
    expect(await new SnapshotStore(redis, 600).load(key('7'))).toBeNull();
    expect(await new SnapshotStore(redis, 600).load(key('8'))).toMatchObject({ data: { id: '8' } });
  });
});
