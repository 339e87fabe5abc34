import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * Issue 10, defect 2: "no such order" (404) only when every system that knows orders by number
 * answered that it has none; while one of them cannot be asked the hub cannot tell (503).
 */
describe('404 or 503 for an order no system answered with', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness();
  });
  afterAll(() => hub.close());
  afterEach(() => hub.resetFaults());

  const ORDER_SOURCES = ['shipbob', 'shopify', 'stripe'];

  it('answers 404 when Shopify, ShipBob and Stripe each said they have no such order', async () => {
    const res = await hub.get('/v1/orders/999999/context', KEYS.helpdesk);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('order_not_found');
    const asked = res.body.sources.filter((s: { connector: string }) => ORDER_SOURCES.includes(s.connector));
    expect(asked.map((s: { status: string }) => s.status)).toEqual(['not_found', 'not_found', 'not_found']);
  });

  it('finds an order only ShipBob knows (#1041) while ShipBob is up', async () => {
    const res = await hub.get('/v1/orders/1041/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(res.body.order.number).toBe('1041');
  });

  it('answers 503, not 404, for an order only ShipBob knows while ShipBob is down and no copy is kept', async () => {
    await hub.clearLastGood();
    await hub.fault('shipbob', { down: true });
    const res = await hub.get('/v1/orders/1041/context', KEYS.helpdesk);
    expect(res.status).toBe(503);
    expect(res.body.code).toBe('sources_unavailable');
    expect(res.body.detail).toContain('shipbob');
    const shipbob = res.body.sources.find((s: { connector: string }) => s.connector === 'shipbob');
    expect(shipbob).toMatchObject({ status: 'unavailable', fallback: { instructions: expect.any(String) } });
  });

  it('answers from ShipBob for that order while only Stripe is down', async () => {
    await hub.fault('stripe', { down: true });
    const res = await hub.get('/v1/orders/1041/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(res.body.order.number).toBe('1041');
  });

  it('answers 503 for an unknown order while any system that knows orders is down', async () => {
    await hub.fault('stripe', { down: true });
    const res = await hub.get('/v1/orders/999999/context', KEYS.helpdesk);
    expect(res.status).toBe(503);
    expect(res.body.detail).toContain('stripe');
  });

  it('gives a bot the same 503 for an unknown order and a wrong factor while ShipBob is down', async () => {
    await hub.fault('shipbob', { down: true });
    const ask = (query: string) => hub.get(`/v1/shipments/status?${query}`, KEYS.bot);
    const wrong = await ask('orderNumber=1001&email=someone.else@example.com');
    const unknown = await ask('orderNumber=999999&email=someone.else@example.com');
    expect([wrong.status, unknown.status]).toEqual([503, 503]);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(wrong.body.sources).toEqual([
      { connector: 'shipbob', system: 'wms', status: 'unavailable', error: { code: 'upstream_unavailable' } },
    ]);
  });
});
