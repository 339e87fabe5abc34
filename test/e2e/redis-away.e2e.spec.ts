import { type Harness, KEYS, startHarness } from '../support/hub-harness';

describe('the hub without Redis', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => (c.redis.url = 'redis://127.0.0.1:1'), { only: ['shopify'] }); // nothing listens there
  });
  afterAll(() => hub.close());

  it('keeps answering from the sources, and says it is not ready', async () => {
    const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(res.body.sources[0]).toMatchObject({ connector: 'shopify', status: 'ok' });

    const ready = await hub.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({
      status: 'error',
      error: { redis: { status: 'down' } },
      info: { database: { status: 'up' } },
    });
    expect((await hub.get('/health/live')).status).toBe(200);
  });

  it('tells Prometheus, so HubRedisDown fires (docs/alerts.md)', async () => {
    const metrics = await hub.get('/metrics', KEYS.admin);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^hub_redis_up 0$/m);
  });

  it('refuses to decide a remedy without the order’s turn (two agents could grant it twice): 503', async () => {
    const res = await hub.post(
      '/v1/orders/1001/actions',
      {
        type: 'replacement',
        decision: { playbook: 'damaged-item', rule: 'fragile-goods', skus: ['MUG-CER-12'] },
      },
      KEYS.helpdesk,
      { 'idempotency-key': 'redis-away-replacement-1' },
    );
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'order_lock_unavailable' });
  });

  it('still accepts an action: it is stored, and queued once Redis is back', async () => {
    const res = await hub.post(
      '/v1/orders/1001/actions',
      { type: 'note', text: 'While Redis is away' },
      KEYS.helpdesk,
      { 'idempotency-key': 'redis-away-note-1' },
    );
    expect(res.status).toBe(202);
    expect((await hub.get(`/v1/actions/${res.body.id}`, KEYS.helpdesk)).body).toMatchObject({
      status: 'queued',
    });
  });

  it('answers 503 with the fallback when the source fails and no copy can be read', async () => {
    await hub.fault('shopify', { down: true });
    const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(res.status).toBe(503);
    expect(res.body.sources[0]).toMatchObject({
      status: 'unavailable',
      error: { code: 'upstream_unavailable' },
    });
    await hub.resetFaults();
  });
});
