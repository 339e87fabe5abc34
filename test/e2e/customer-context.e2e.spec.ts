import { type Harness, KEYS, startHarness } from '../support/hub-harness';

const connectors = (list: { connector: string }[]) => list.map((s) => s.connector).sort();

describe('GET /v1/customers/context (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness();
  });
  afterAll(() => hub.close());

  const alice = () => hub.world.customers.find((c) => c.email === 'alice.martin@example.com')!;
  const shopOrdersOf = (customerId: number) =>
    hub.world.orders
      .filter((o) => o.customerId === customerId && !o.omsMissing)
      .sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt));

  it('merges the person across systems and lists recent orders newest first, each completed', async () => {
    const res = await hub.get('/v1/customers/context?email=Alice.Martin@Example.com', KEYS.helpdesk);
    expect(res.status).toBe(200);
    const { customer, orders, cases, sources } = res.body;
    expect(customer).toMatchObject({
      email: 'alice.martin@example.com',
      firstName: 'Alice',
      lastName: 'Martin',
    });
    expect(connectors(customer.sources)).toEqual(expect.arrayContaining(['hubspot', 'shopify', 'zendesk']));
    const expected = shopOrdersOf(alice().id).slice(0, 10);
    expect(orders.map((o: { number: string }) => o.number)).toEqual(expected.map((o) => String(o.number)));
    const delivered = orders.find((o: { number: string }) => o.number === '1001');
    expect(delivered.shipments[0]).toMatchObject({ status: 'delivered', warehouseStatus: 'shipped' });
    expect(connectors(delivered.shipments[0].sources)).toEqual([
      'aftership',
      'easypost',
      'shipbob',
      'shopify',
    ]);
    const tickets = hub.world.tickets.filter((t) => t.customerId === alice().id);
    expect(cases).toHaveLength(tickets.length);
    const at = (c: { updatedAt?: string; createdAt: string }) => Date.parse(c.updatedAt ?? c.createdAt);
    expect(cases.map(at)).toEqual([...cases.map(at)].sort((a, b) => b - a));
    expect(sources.every((s: { status: string }) => s.status === 'ok')).toBe(true);
  });

  it('finds the same person by phone, and honours limit', async () => {
    const phone = encodeURIComponent(alice().phone);
    const res = await hub.get(`/v1/customers/context?phone=${phone}&limit=2`, KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(res.body.customer.email).toBe('alice.martin@example.com');
    expect(res.body.orders.map((o: { number: string }) => o.number)).toEqual(
      shopOrdersOf(alice().id)
        .slice(0, 2)
        .map((o) => String(o.number)),
    );
  });

  it("asks the warehouse and the payment provider about a customer's orders together, not one call per order", async () => {
    const operations = async () => {
      const stats = (await (await fetch(`${hub.sandboxUrl}/_sandbox/stats`)).json()) as {
        vendors: Record<string, { operations: Record<string, number> }>;
      };
      return {
        shipbob: stats.vendors.shipbob.operations['GET /order'] ?? 0,
        stripe: stats.vendors.stripe.operations['GET /v1/payment_intents/search'] ?? 0,
      };
    };
    const orders = shopOrdersOf(alice().id).slice(0, 10);
    expect(orders.length).toBeGreaterThan(1);
    const before = await operations();
    const res = await hub.get('/v1/customers/context?email=alice.martin@example.com', KEYS.helpdesk);
    expect(res.status).toBe(200);
    const after = await operations();
    // ShipBob: one GET /order for up to 50 reference ids. Stripe: one search for every five orders
    // (two metadata keys each, ten clauses a search).
    expect(after.shipbob - before.shipbob).toBe(1);
    expect(after.stripe - before.stripe).toBe(Math.ceil(orders.length / 5));
    // Each order still has both views: ShipBob's warehouse status, Stripe's payments.
    type Answer = {
      shipments: { sources: { connector: string }[] }[];
      payments: { sources: { connector: string }[] }[];
    };
    const by = (connector: string, part: 'shipments' | 'payments') =>
      res.body.orders.filter((o: Answer) =>
        o[part].some((x) => x.sources.some((src) => src.connector === connector)),
      );
    expect(by('shipbob', 'shipments').length).toBeGreaterThan(1);
    expect(by('stripe', 'payments').length).toBeGreaterThan(1);
    for (const connector of ['shipbob', 'stripe'])
      expect(res.body.sources.find((src: { connector: string }) => src.connector === connector).status).toBe(
        'ok',
      );
  });

  it('reads an unencoded "+" in the phone as the "+" it was', async () => {
    const res = await hub.get(`/v1/customers/context?phone=${alice().phone}&limit=1`, KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(res.body.customer.phone).toBe(alice().phone);
  });

  it('brings the cases a help desk files under another email, through the phone', async () => {
    const priya = hub.world.customers.find((c) => c.crmEmail)!;
    const res = await hub.get(
      `/v1/customers/context?email=${encodeURIComponent(priya.email)}`,
      KEYS.helpdesk,
    );
    expect(res.status).toBe(200);
    expect(res.body.cases.length).toBe(hub.world.tickets.filter((t) => t.customerId === priya.id).length);
    expect(res.body.cases.length).toBeGreaterThan(0);
  });

  it('answers 404 when no system knows the customer', async () => {
    const res = await hub.get('/v1/customers/context?email=nobody@nowhere.example', KEYS.helpdesk);
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'customer_not_found' });
  });

  it.each([
    ['', 'email', 'give either email or phone'],
    ['email=a@b.example&phone=%2B442079460958', 'email', 'give either email or phone'],
    ['email=not-an-email', 'email', 'must be an email address'],
    ['phone=020%207946%200958', 'phone', 'must be an international number'],
    ['email=a@b.example&limit=51', 'limit', ''],
  ])('answers 400 naming the field for ?%s', async (query, path, message) => {
    const res = await hub.get(`/v1/customers/context?${query}`, KEYS.helpdesk);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
    if (message) expect(JSON.stringify(res.body.errors)).toContain(message);
  });

  it('needs context:read', async () => {
    expect((await hub.get('/v1/customers/context?email=a@b.example', KEYS.bot)).status).toBe(403);
  });
});
