import { type Harness, KEYS, startHarness } from '../support/hub-harness';

describe('GET /v1/shipments/status for bots (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness();
  });
  afterAll(() => hub.close());
  afterEach(() => hub.resetFaults());

  const order = (n: number) => hub.world.orders.find((o) => o.number === n)!;
  const ask = (query: string, key = KEYS.bot) => hub.get(`/v1/shipments/status?${query}`, key);

  it('tells where a delivered order is, with the second factor by email', async () => {
    const res = await ask(`orderNumber=1001&email=${encodeURIComponent('ALICE.martin@example.com')}`);
    expect(res.status).toBe(200);
    const [parcel] = order(1001).parcels;
    expect(res.body).toMatchObject({
      orderNumber: '1001',
      status: 'delivered',
      shipments: [
        {
          carrier: 'UPS',
          trackingNumber: parcel.trackingNumber,
          status: 'delivered',
          deliveredAt: parcel.deliveredAt,
        },
      ],
      escalate: false,
      escalationReasons: [],
    });
    expect(res.body.message).toMatch(/^Order 1001 was delivered on \w+day \d{1,2} \w+\.$/);
    expect(res.body.shipments[0].lastEvent).toMatchObject({
      at: parcel.deliveredAt,
      description: expect.any(String),
    });
    expect(res.body.sources.every((s: Record<string, unknown>) => !('fallback' in s))).toBe(true);
  });

  it('accepts the postal code as the second factor, whatever its spacing and case', async () => {
    const postal = order(1038).shippingAddress.postalCode; // a UK postcode
    const res = await ask(
      `orderNumber=%231038&postalCode=${encodeURIComponent(postal.toLowerCase().replace(' ', ''))}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'returned_to_sender',
      escalate: true,
      escalationReasons: ['returned_to_sender'],
    });
    expect(res.body.message).toContain('returned');
  });

  it('answers a wrong second factor exactly like an unknown order', async () => {
    const wrong = await ask('orderNumber=1001&email=someone.else@example.com');
    const unknown = await ask('orderNumber=999999&email=someone.else@example.com');
    const wrongPostal = await ask('orderNumber=1001&postalCode=SW1A1AA');
    for (const res of [wrong, unknown, wrongPostal]) expect(res.status).toBe(404);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
    expect(strip(wrongPostal.body)).toEqual(strip(unknown.body));
    expect(wrong.body).not.toHaveProperty('sources');
  });

  it('says what a bot can say for the trouble cases, and escalates them', async () => {
    const lost = await ask(`orderNumber=1037&email=${encodeURIComponent(order(1037).email)}`);
    expect(lost.body).toMatchObject({ status: 'exception', escalate: true });
    expect(lost.body.escalationReasons).toContain('delivery_exception');
    expect(lost.body.message).toBe(
      'The carrier reported a problem delivering order 1037; a member of our team will follow up with you.',
    );
    const early = await ask(`orderNumber=1036&email=${encodeURIComponent(order(1036).email)}`);
    expect(early.body).toMatchObject({ status: 'in_transit' });
    expect(early.body.message).toMatch(/^Order 1036 is on its way with UPS/);
    const overdue = await ask(`orderNumber=1042&email=${encodeURIComponent(order(1042).email)}`);
    expect(overdue.body.message).toMatch(/running late: it was expected by/);
  });

  it('gives no personal or payment data at all', async () => {
    for (const n of [1001, 1002, 1004, 1006, 1036, 1037, 1039, 1040]) {
      const o = order(n);
      const customer = hub.world.customers.find((c) => c.id === o.customerId)!;
      const res = await ask(`orderNumber=${n}&email=${encodeURIComponent(o.email)}`);
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body).toLowerCase();
      const secrets = [
        o.email,
        customer.email,
        customer.crmEmail,
        customer.phone,
        customer.phone.replace('+', ''),
        customer.firstName,
        customer.lastName,
        o.shippingAddress.name,
        o.shippingAddress.line1,
        o.shippingAddress.postalCode,
        ...o.payments.flatMap((p) =>
          p.method.type === 'card' ? [p.method.last4, p.providerRef] : [p.providerRef],
        ),
      ].filter((s): s is string => Boolean(s));
      for (const secret of secrets) expect(text).not.toContain(secret.toLowerCase());
      expect(text).not.toMatch(
        /"(amount|price|total|currency|email|phone|name|address|customer|payments?|lineitems)":/,
      );
    }
  });

  it('never tells a bot about fraud ratings or disputes: those reasons read needs_review', async () => {
    const risky = await ask(`orderNumber=1006&email=${encodeURIComponent(order(1006).email)}`);
    expect(risky.body).toMatchObject({ escalate: true, escalationReasons: ['needs_review'] });
    const disputed = await ask(`orderNumber=1039&email=${encodeURIComponent(order(1039).email)}`);
    expect(disputed.body).toMatchObject({ escalate: true, escalationReasons: ['needs_review'] });
    expect(JSON.stringify([risky.body, disputed.body])).not.toMatch(/fraud|dispute|risk/i);
  });

  it('answers an unknown order and a wrong factor alike (503) while the shop cannot be asked', async () => {
    await hub.fault('shopify', { down: true });
    const wrong = await ask('orderNumber=1001&email=someone.else@example.com');
    const unknown = await ask('orderNumber=999999&email=someone.else@example.com');
    expect([wrong.status, unknown.status]).toEqual([503, 503]);
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('stops answering an order after ten wrong second factors in an hour', async () => {
    const right = `orderNumber=1002&email=${encodeURIComponent(order(1002).email)}`;
    expect((await ask(right)).status).toBe(200);
    for (let i = 0; i < 10; i++)
      expect((await ask(`orderNumber=1002&postalCode=WRONG${i}`)).status).toBe(404);
    expect((await ask(right)).status).toBe(404);
    expect((await ask(`orderNumber=1001&email=${encodeURIComponent(order(1001).email)}`)).status).toBe(200);
  });

  it('answers 400 without a second factor, 403 without shipments:read', async () => {
    const res = await ask('orderNumber=1001');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { path: 'email', message: 'give email or postalCode as the second factor' },
    ]);
    expect((await ask('orderNumber=1001&email=alice.martin@example.com', KEYS.helpdesk)).status).toBe(403);
  });

  it('answers 503 with bare source codes when no source can be asked', async () => {
    await hub.fault('shopify', { down: true });
    await hub.fault('shipbob', { down: true });
    const res = await ask('orderNumber=1010&email=x@example.com');
    expect(res.status).toBe(503);
    for (const s of res.body.sources) {
      expect(Object.keys(s).sort()).toEqual(expect.arrayContaining(['connector', 'status', 'system']));
      expect(s).not.toHaveProperty('fallback');
      if (s.error) expect(Object.keys(s.error)).toEqual(['code']);
    }
  });
});
