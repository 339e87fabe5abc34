import { type Harness, KEYS, startHarness } from '../support/hub-harness';

describe('fresh last-good copies absorb bursts (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => (c.lastGood.freshSeconds = 1), { only: ['shopify'] });
  });
  afterAll(() => hub.close());
  afterEach(() => hub.resetFaults());

  const shopifyRequests = async () =>
    (
      (await (await fetch(`${hub.sandboxUrl}/_sandbox/stats`)).json()) as {
        vendors: { shopify: { requests: number } };
      }
    ).vendors.shopify.requests;

  it('answers a burst about one order from the copy the first answer fetched', async () => {
    const first = await hub.get('/v1/orders/1003/context', KEYS.helpdesk);
    expect(first.body.sources[0]).toMatchObject({ status: 'ok', ageSeconds: 0 });
    const before = await shopifyRequests();
    const again = await hub.get('/v1/orders/1003/context', KEYS.helpdesk);
    expect(await shopifyRequests()).toBe(before); // Shopify was not asked
    expect(again.body.order).toEqual(first.body.order);
    expect(again.body.sources[0]).toMatchObject({
      status: 'ok',
      fetchedAt: first.body.sources[0].fetchedAt,
      latencyMs: 0,
    });
  });

  it('asks the source again once the copy is no longer fresh, and then sees its failure', async () => {
    await hub.get('/v1/orders/1004/context', KEYS.helpdesk);
    await hub.fault('shopify', { down: true });
    expect((await hub.get('/v1/orders/1004/context', KEYS.helpdesk)).body.sources[0].status).toBe('ok'); // still fresh
    await new Promise((r) => setTimeout(r, 1_100));
    const later = await hub.get('/v1/orders/1004/context', KEYS.helpdesk);
    expect(later.body.sources[0]).toMatchObject({ status: 'stale', error: { code: 'upstream_unavailable' } });
  });
});
