import { type Harness, KEYS, startHarness } from '../support/hub-harness';

const connectors = (list: { connector: string }[]) => list.map((s) => s.connector).sort();

describe('GET /v1/orders/{n}/context with every system (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  const order = async (n: number | string) => {
    const res = await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk);
    expect(res.status).toBe(200);
    return res.body;
  };
  const parcelsOf = (n: number) => hub.world.orders.find((o) => o.number === n)!.parcels;

  beforeAll(async () => {
    hub = await startHarness((c) => (c.context.deadlineMs = 1500));
  });
  afterAll(() => hub.close());
  afterEach(async () => {
    await hub.resetFaults();
    await hub.clearLastGood();
  });

  it('merges one order from the shop, the warehouse, the carriers and the help desks (#1001)', async () => {
    const body = await order(1001);
    expect(body.sources.map((s: { connector: string; status: string }) => [s.connector, s.status])).toEqual(
      Object.keys(hub.config.connectors).map((id) => [id, 'ok']),
    );
    const [parcel] = parcelsOf(1001);
    expect(body.order.shipments).toHaveLength(1);
    const [shipment] = body.order.shipments;
    expect(shipment).toMatchObject({
      carrier: 'UPS',
      trackingNumber: parcel.trackingNumber,
      status: 'delivered',
      warehouseStatus: 'shipped',
      deliveredAt: parcel.deliveredAt,
    });
    // The carrier's events, newest first, one per scan of the parcel.
    expect(shipment.events).toHaveLength(parcel.events.length);
    expect(shipment.events[0].at).toBe(parcel.events[parcel.events.length - 1].at);
    expect(connectors(shipment.sources)).toEqual(['aftership', 'easypost', 'shipbob', 'shopify']);
    expect(connectors(body.order.sources)).toEqual(expect.arrayContaining(['shipbob', 'shopify']));
    // The same person in the shop and both help desks, by email.
    expect(body.customer.email).toBe('alice.martin@example.com');
    expect(connectors(body.customer.sources)).toEqual(
      expect.arrayContaining(['hubspot', 'shopify', 'zendesk']),
    );
    // A ticket mirrored in HubSpot and Zendesk is one case with both sources.
    const wismo = body.cases.filter((c: { subject: string }) => c.subject === 'Where is my order #1001?');
    expect(wismo).toHaveLength(1);
    expect(connectors(wismo[0].sources)).toEqual(['hubspot', 'zendesk']);
    expect(body.insights).toMatchObject({ orderStage: 'delivered', escalate: false });
    expect(body.insights.returnEligibility).toMatchObject({ eligible: true });
  });

  it('shows a parcel only the warehouse and the carrier know yet (#1036)', async () => {
    const body = await order(1036);
    const [parcel] = parcelsOf(1036);
    expect(body.order.fulfillmentStatus).toBe('in_progress');
    expect(body.order.shipments).toEqual([
      expect.objectContaining({
        trackingNumber: parcel.trackingNumber,
        status: 'in_transit',
        warehouseStatus: 'shipped',
      }),
    ]);
    expect(connectors(body.order.shipments[0].sources)).toEqual(['aftership', 'easypost', 'shipbob']);
    expect(body.insights.orderStage).toBe('in_transit');
  });

  it("lets the carrier's 'lost' win over the shop's stale 'in transit', and escalates (#1037)", async () => {
    const body = await order(1037);
    const [shipment] = body.order.shipments;
    expect(shipment.status).toBe('exception');
    expect(shipment.statusDetail).toMatch(/^(lost|Exception_013)$/);
    expect(body.insights.flags.map((f: { code: string }) => f.code)).toEqual(
      expect.arrayContaining(['delivery_exception', 'delivery_overdue']),
    );
    expect(body.insights.escalate).toBe(true);
  });

  it('shows a parcel returned to sender and escalates it (#1038)', async () => {
    const body = await order(1038);
    expect(body.order.shipments[0].status).toBe('returned_to_sender');
    expect(body.insights.flags.map((f: { code: string }) => f.code)).toContain('returned_to_sender');
    expect(body.insights.escalate).toBe(true);
  });

  it("shows the payment provider's record of a disputed payment, once, and escalates (#1039)", async () => {
    const body = await order(1039);
    const world = hub.world.orders.find((o) => o.number === 1039)!;
    const dispute = world.payments.find((p) => p.dispute)!.dispute!;
    // Shopify's copy of the card payment gives way to Stripe's record of the same money.
    expect(body.order.payments).toHaveLength(world.payments.length);
    const [payment] = body.order.payments;
    expect(payment).toMatchObject({ provider: 'stripe', status: 'succeeded', orderNumber: '1039' });
    expect(payment.disputes).toEqual([
      expect.objectContaining({ status: 'needs_response', open: true, evidenceDueBy: dispute.evidenceDueBy }),
    ]);
    expect(connectors(payment.sources)).toEqual(['stripe']);
    expect(body.insights.flags.map((f: { code: string }) => f.code)).toContain('payment_dispute_open');
    expect(body.insights.escalate).toBe(true);
  });

  it('finds the help-desk person who uses another email, through the phone (#1040)', async () => {
    const body = await order(1040);
    const priya = hub.world.customers.find((c) => c.crmEmail)!;
    expect(body.customer.email).toBe(priya.email);
    expect(connectors(body.customer.sources)).toEqual(
      expect.arrayContaining(['hubspot', 'shopify', 'zendesk']),
    );
    const tickets = hub.world.tickets.filter((t) => t.customerId === priya.id);
    expect(body.cases.map((c: { subject: string }) => c.subject).sort()).toEqual(
      tickets.map((t) => t.subject).sort(),
    );
  });

  it('answers for an order only the warehouse has (#1041)', async () => {
    const body = await order(1041);
    expect(body.order).toMatchObject({
      number: '1041',
      financialStatus: 'unknown',
      fulfillmentStatus: 'unknown',
    });
    expect(body.order.totals.total).toBeUndefined();
    expect(body.order.shipments[0]).toMatchObject({
      trackingNumber: parcelsOf(1041)[0].trackingNumber,
      status: 'in_transit',
    });
    const status = (id: string) => body.sources.find((s: { connector: string }) => s.connector === id).status;
    expect(status('shopify')).toBe('not_found');
    expect(status('shipbob')).toBe('ok');
  });

  it('flags a parcel past its estimated delivery (#1042)', async () => {
    const body = await order(1042);
    expect(body.insights.flags.map((f: { code: string }) => f.code)).toEqual(['delivery_overdue']);
    expect(body.order.currency).toBe('KWD');
  });

  describe('partial answers', () => {
    it('answers without the warehouse when it is down, saying so and what to check by hand', async () => {
      await hub.fault('shipbob', { down: true });
      const body = await order(1001);
      const shipbob = body.sources.find((s: { connector: string }) => s.connector === 'shipbob');
      expect(shipbob).toMatchObject({ status: 'unavailable', error: { code: 'upstream_unavailable' } });
      expect(shipbob.fallback.instructions).toMatch(/ShipBob/);
      expect(body.order.shipments[0]).toMatchObject({ status: 'delivered' });
      expect(body.order.shipments[0].warehouseStatus).toBeUndefined();
      expect(body.insights.flags.map((f: { code: string }) => f.code)).toContain('source_unavailable');
    });

    it('keeps tracking from the other aggregator when one is down', async () => {
      await hub.fault('aftership', { errorRate: 1 });
      const body = await order(1037);
      expect(body.order.shipments[0]).toMatchObject({ status: 'exception', statusDetail: 'lost' });
      expect(body.sources.find((s: { connector: string }) => s.connector === 'aftership').status).toBe(
        'unavailable',
      );
    });

    it('does not let a hung tracker hold the answer past the deadline', async () => {
      await hub.fault('easypost', { hang: true });
      const body = await order(1001);
      const easypost = body.sources.find((s: { connector: string }) => s.connector === 'easypost');
      expect(easypost).toMatchObject({ status: 'unavailable', error: { code: 'timeout' } });
      expect(body.sources.find((s: { connector: string }) => s.connector === 'shopify').status).toBe('ok');
      expect(body.order.shipments[0].status).toBe('delivered');
    });

    it('answers from the warehouse when the shop is down', async () => {
      await hub.fault('shopify', { down: true });
      const body = await order(1001);
      expect(body.sources.find((s: { connector: string }) => s.connector === 'shopify').status).toBe(
        'unavailable',
      );
      expect(body.order).toMatchObject({ number: '1001', financialStatus: 'unknown' });
      expect(body.order.shipments[0]).toMatchObject({ status: 'delivered', warehouseStatus: 'shipped' });
    });
  });
});
