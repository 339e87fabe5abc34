import { type Harness, KEYS, startHarness } from '../support/hub-harness';

describe('circuit breaker per connector (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness(
      (c) => {
        c.resilience.breakerFailures = 2;
        c.resilience.halfOpenAfterMs = 300;
        c.resilience.retries = 0;
      },
      { only: ['shopify'] },
    );
  });
  afterAll(() => hub.close());

  const shopifyRequests = async () => {
    const stats = (await (await fetch(`${hub.sandboxUrl}/_sandbox/stats`)).json()) as {
      vendors: { shopify: { requests: number } };
    };
    return stats.vendors.shopify.requests;
  };

  it('stops asking a failing vendor, says so, and tries again after the pause', async () => {
    await hub.fault('shopify', { errorRate: 1 });
    for (const n of [1010, 1011]) {
      const res = await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk);
      expect(res.body.sources[0]).toMatchObject({
        status: 'unavailable',
        error: { code: 'upstream_unavailable' },
      });
    }

    const before = await shopifyRequests();
    const open = await hub.get('/v1/orders/1012/context', KEYS.helpdesk);
    expect(open.status).toBe(503);
    expect(open.body.sources[0]).toMatchObject({
      connector: 'shopify',
      status: 'skipped',
      error: { code: 'circuit_open' },
    });
    expect(open.body.sources[0].fallback.url).toContain('%231012');
    expect(await shopifyRequests()).toBe(before); // not asked at all

    await hub.resetFaults();
    await new Promise((r) => setTimeout(r, 350)); // past halfOpenAfterMs: one probe may go through
    const recovered = await hub.get('/v1/orders/1012/context', KEYS.helpdesk);
    expect(recovered.status).toBe(200);
    expect(recovered.body.sources[0].status).toBe('ok');
  });
});
