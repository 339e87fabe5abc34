import { listOrders } from '../../../sandbox/control/world.listing';
import { buildShopifyView, type ShopifyObject } from '../../../sandbox/vendors/shopify/shopify.view';
import { buildWorld, type Order, type World } from '../../../sandbox/world/world';
import { ANCHOR } from './sandbox.helpers';

const FINANCIAL = [
  'AUTHORIZED',
  'EXPIRED',
  'PAID',
  'PARTIALLY_PAID',
  'PARTIALLY_REFUNDED',
  'PENDING',
  'REFUNDED',
  'VOIDED',
];
const FULFILLMENT = [
  'FULFILLED',
  'IN_PROGRESS',
  'ON_HOLD',
  'OPEN',
  'PARTIALLY_FULFILLED',
  'PENDING_FULFILLMENT',
  'REQUEST_DECLINED',
  'RESTOCKED',
  'SCHEDULED',
  'UNFULFILLED',
];
const FULFILLMENT_DISPLAY = [
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'DELIVERED',
  'ATTEMPTED_DELIVERY',
  'DELAYED',
  'FAILURE',
  'READY_FOR_PICKUP',
  'LABEL_PURCHASED',
  'CONFIRMED',
  'CARRIER_PICKED_UP',
  'CANCELED',
];

type Any = Record<string, any>;

describe('sandbox: the seeded world', () => {
  const world = buildWorld({ seed: 42, anchor: ANCHOR });
  const view = buildShopifyView(world);
  const byName = new Map(view.orders.map((o) => [o.name as string, o as Any]));
  const order = (n: number) => byName.get(`#${n}`) as Any;
  const values = (pick: (o: Any) => unknown[]) => new Set(view.orders.flatMap((o) => pick(o as Any)));

  it('is deterministic: same seed and anchor give deep-equal worlds, another seed differs', () => {
    expect(buildWorld({ seed: 42, anchor: ANCHOR })).toEqual(world);
    expect(buildWorld({ seed: 7, anchor: ANCHOR })).not.toEqual(world);
  });

  it('derives every time from the anchor, none after it', () => {
    const anchor = ANCHOR.getTime();
    for (const o of world.orders) {
      expect(Date.parse(o.placedAt)).toBeLessThan(anchor);
      expect(Date.parse(o.updatedAt)).toBeLessThanOrEqual(anchor);
      for (const p of o.parcels) for (const e of p.events) expect(Date.parse(e.at)).toBeLessThan(anchor);
      for (const p of o.payments) if (p.dispute) expect(Date.parse(p.dispute.openedAt)).toBeLessThan(anchor);
    }
    for (const t of world.tickets) expect(Date.parse(t.updatedAt)).toBeLessThanOrEqual(anchor);
    const later = buildWorld({ seed: 42, anchor: new Date(anchor + 86_400_000) });
    expect(Date.parse(later.orders[0].placedAt) - Date.parse(world.orders[0].placedAt)).toBe(86_400_000);
  });

  it('has at least 60 orders from #1001 and about 20 customers, one with several orders', () => {
    expect(view.orders.length).toBeGreaterThanOrEqual(60);
    expect(view.orders[0].name).toBe('#1001');
    expect(world.customers.length).toBeGreaterThanOrEqual(18);
    expect(
      Number(view.customers.find((c) => c.email === 'alice.martin@example.com')?.numberOfOrders),
    ).toBeGreaterThan(2);
  });

  it('covers every display financial and fulfillment status', () => {
    expect([...values((o) => [o.displayFinancialStatus])].sort()).toEqual([...FINANCIAL].sort());
    expect([...values((o) => [o.displayFulfillmentStatus])].sort()).toEqual([...FULFILLMENT].sort());
    const displays = values((o) => o.fulfillments.map((f: Any) => f.displayStatus));
    for (const status of FULFILLMENT_DISPLAY) expect(displays).toContain(status);
  });

  it('covers cancel reasons, currencies, risk, returns and multi-parcel orders', () => {
    expect([...values((o) => [o.cancelReason])].filter(Boolean).sort()).toEqual(
      ['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF'].sort(),
    );
    expect(values((o) => [o.currencyCode])).toEqual(new Set(['USD', 'EUR', 'GBP', 'CAD', 'JPY', 'KWD']));
    expect(view.orders.some((o) => (o as Any).risk.assessments[0].riskLevel === 'HIGH')).toBe(true);
    const returns = values((o) => o.returns.nodes.map((r: Any) => r.status));
    for (const status of ['REQUESTED', 'OPEN', 'CLOSED']) expect(returns).toContain(status);
    const multi = view.orders.filter((o) => (o.fulfillments as Any[]).length >= 2);
    expect(multi.length).toBeGreaterThanOrEqual(2);
    expect(
      multi.some((o) => new Set((o.fulfillments as Any[]).map((f) => f.trackingInfo[0].company)).size >= 3),
    ).toBe(true);
  });

  it('keeps the named scenario orders #1001–#1008 exactly as documented', () => {
    const o1 = order(1001);
    expect(o1).toMatchObject({
      currencyCode: 'USD',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'FULFILLED',
    });
    expect(o1.lineItems.nodes).toHaveLength(2);
    expect(
      o1.fulfillments.map((f: Any) => [f.displayStatus, f.trackingInfo[0].company, f.trackingInfo[0].number]),
    ).toEqual([['DELIVERED', 'UPS', '1Z999AA10123456784']]);
    expect(o1.customer).toMatchObject({
      firstName: 'Alice',
      lastName: 'Martin',
      email: 'alice.martin@example.com',
    });
    expect(o1.shippingAddress).toMatchObject({ zip: '10001', city: 'New York', countryCodeV2: 'US' });

    const o2 = order(1002);
    expect(o2).toMatchObject({
      currencyCode: 'USD',
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
      displayFulfillmentStatus: 'FULFILLED',
    });
    expect(o2.lineItems.nodes).toHaveLength(2);
    expect(o2.fulfillments[0].displayStatus).toBe('DELIVERED');
    const sale = o2.transactions.find((t: Any) => t.kind === 'SALE');
    const refund = o2.transactions.find((t: Any) => t.kind === 'REFUND');
    expect(refund).toMatchObject({ status: 'SUCCESS' });
    expect(refund.parentTransaction.id).toBe(sale.id);
    expect(o2.refunds[0].refundLineItems.nodes).toHaveLength(1);

    const o3 = order(1003);
    expect(o3).toMatchObject({
      currencyCode: 'JPY',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'UNFULFILLED',
    });
    expect(o3.lineItems.nodes.map((l: Any) => l.originalUnitPriceSet.shopMoney.amount)).toEqual(['4500.0']);

    const o4 = order(1004);
    expect(o4).toMatchObject({
      currencyCode: 'EUR',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'PARTIALLY_FULFILLED',
    });
    expect(o4.lineItems.nodes).toHaveLength(3);
    expect(o4.fulfillments.map((f: Any) => [f.trackingInfo[0].company, f.displayStatus])).toEqual([
      ['DHL Express', 'IN_TRANSIT'],
      ['DPD', 'LABEL_PURCHASED'],
    ]);

    const o5 = order(1005);
    expect(o5).toMatchObject({
      currencyCode: 'USD',
      cancelReason: 'CUSTOMER',
      displayFinancialStatus: 'REFUNDED',
      displayFulfillmentStatus: 'UNFULFILLED',
    });
    expect(o5.cancelledAt).toEqual(expect.any(String));
    expect(o5.closedAt).toEqual(expect.any(String));

    const o6 = order(1006);
    expect(o6).toMatchObject({
      currencyCode: 'USD',
      displayFinancialStatus: 'AUTHORIZED',
      displayFulfillmentStatus: 'ON_HOLD',
      risk: { recommendation: 'CANCEL', assessments: [{ riskLevel: 'HIGH' }] },
    });

    const o7 = order(1007);
    expect(o7).toMatchObject({
      currencyCode: 'GBP',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'FULFILLED',
    });
    expect(o7.fulfillments[0].displayStatus).toBe('ATTEMPTED_DELIVERY');

    const o8 = order(1008);
    expect(o8).toMatchObject({
      currencyCode: 'KWD',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'UNFULFILLED',
    });
    expect(o8.lineItems.nodes[0].originalUnitPriceSet.shopMoney.amount).toBe('12.345');
  });

  it('gives every fulfillment a few events with time, status, message and place', () => {
    for (const o of view.orders as ShopifyObject[]) {
      for (const f of o.fulfillments as Any[]) {
        expect(f.events.nodes.length).toBeGreaterThanOrEqual(1);
        for (const e of f.events.nodes)
          expect(e).toMatchObject({ happenedAt: expect.any(String), status: expect.any(String) });
      }
    }
    expect(order(1001).fulfillments[0].events.nodes.length).toBeGreaterThanOrEqual(4);
    expect(order(1001).fulfillments[0].events.nodes.at(-1)).toMatchObject({
      status: 'DELIVERED',
      city: 'New York',
    });
  });
});

describe('sandbox: cross-system scenarios #1036–#1043', () => {
  const world = buildWorld({ seed: 42, anchor: ANCHOR });
  const view = buildShopifyView(world);
  const anchor = ANCHOR.getTime();
  const DAY = 86_400_000;
  const worldOrder = (n: number) => world.orders.find((o) => o.number === n) as Order;
  const shopify = (n: number) => view.orders.find((o) => o.name === `#${n}`) as Any | undefined;
  const customerOf = (o: Order) => world.customers.find((c) => c.id === o.customerId)!;
  const lastEvent = (o: Order) => o.parcels[0].events.at(-1)!;

  it('appends them after #1035, so filler orders start at #1044', () => {
    expect(world.orders.slice(35, 43).map((o) => o.number)).toEqual([
      1036, 1037, 1038, 1039, 1040, 1041, 1042, 1043,
    ]);
    expect(world.orders[34].scenario).toBe('Return declined');
    expect(world.orders[43]).toMatchObject({ number: 1044, scenario: expect.stringMatching(/^Filler/) });
  });

  it('#1036: the warehouse shipped and the carrier tracks it, the OMS shows no fulfillment yet', () => {
    const o = worldOrder(1036);
    expect(o.parcels).toHaveLength(1);
    expect(o.parcels[0]).toMatchObject({ status: 'in_transit', omsLacksTracking: true });
    expect(['UPS', 'USPS']).toContain(o.parcels[0].carrier);
    const s = shopify(1036)!;
    expect(s).toMatchObject({ displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'IN_PROGRESS' });
    expect(s.fulfillments).toEqual([]);
    expect(s.lineItems.nodes.every((l: Any) => l.unfulfilledQuantity === l.quantity)).toBe(true);
    expect(JSON.stringify(s)).not.toContain(o.parcels[0].trackingNumber);
  });

  it('#1037: the carrier reports the parcel lost, the OMS still says in transit', () => {
    const o = worldOrder(1037);
    const parcel = o.parcels[0];
    expect(parcel.status).toBe('lost');
    expect(lastEvent(o).status).toBe('lost');
    expect(parcel.deliveredAt).toBeUndefined();
    expect(Date.parse(parcel.estimatedDeliveryAt!)).toBeLessThan(anchor);
    const s = shopify(1037)!;
    expect(s).toMatchObject({ displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'FULFILLED' });
    expect(s.fulfillments[0].displayStatus).toBe('IN_TRANSIT');
    expect(s.fulfillments[0].events.nodes.at(-1).status).toBe('IN_TRANSIT');
    expect(Date.parse(s.fulfillments[0].estimatedDeliveryAt)).toBeLessThan(anchor);
  });

  it('#1038: returned to sender after a failed delivery; the OMS saw only the failure', () => {
    const o = worldOrder(1038);
    expect(o.parcels[0].status).toBe('returned_to_sender');
    expect(o.parcels[0].events.map((e) => e.status)).toContain('failure');
    const s = shopify(1038)!;
    expect(s.displayFulfillmentStatus).toBe('FULFILLED');
    expect(['IN_TRANSIT', 'FAILURE']).toContain(s.fulfillments[0].displayStatus);
  });

  it('#1039: a delivered, paid card order with an open "product not received" dispute', () => {
    const o = worldOrder(1039);
    expect(o.parcels[0].status).toBe('delivered');
    expect(o.payments).toHaveLength(1);
    const payment = o.payments[0];
    expect(payment).toMatchObject({
      gateway: 'shopify_payments',
      outcome: 'succeeded',
      method: { type: 'card' },
    });
    expect(payment.dispute).toMatchObject({
      status: 'needs_response',
      reason: 'product_not_received',
      amount: payment.amount,
      evidenceDueBy: new Date(anchor + 7 * DAY).toISOString().replace('.000', ''),
    });
    expect(Date.parse(payment.dispute!.openedAt)).toBeGreaterThan(Date.parse(o.parcels[0].deliveredAt!));
    expect(shopify(1039)).toMatchObject({
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'FULFILLED',
    });
    expect(world.orders.filter((x) => x.payments.some((p) => p.dispute)).map((x) => x.number)).toEqual([
      1039,
    ]);
  });

  it('#1040: the help desk knows the customer by another email, the phone is the same', () => {
    const o = worldOrder(1040);
    const customer = customerOf(o);
    expect(customer.crmEmail).toEqual(expect.stringContaining('@'));
    expect(customer.crmEmail).not.toBe(customer.email);
    expect(o.email).toBe(customer.email);
    expect(o.phone).toBe(customer.phone);
    expect(shopify(1040)!.email).toBe(customer.email);
  });

  it('#1041: only the WMS has it; Shopify neither lists nor counts it', () => {
    const o = worldOrder(1041);
    expect(o.omsMissing).toBe(true);
    expect(o.parcels[0].status).toBe('in_transit');
    expect(o.payments).toEqual([]);
    expect(shopify(1041)).toBeUndefined();
    expect(view.orders).toHaveLength(world.orders.length - 1);
    expect(listOrders(world).find((l) => l.number === '1041')).toMatchObject({ omsMissing: true });
    const customer = customerOf(o);
    const inOms = world.orders.filter((x) => x.customerId === customer.id && !x.omsMissing).length;
    expect(view.customers.find((c) => c.email === customer.email)?.numberOfOrders).toBe(String(inOms));
  });

  it('#1042: in transit, estimated delivery three days before the anchor, not delivered', () => {
    const parcel = worldOrder(1042).parcels[0];
    expect(parcel.status).toBe('in_transit');
    expect(parcel.deliveredAt).toBeUndefined();
    expect(Date.parse(parcel.estimatedDeliveryAt!)).toBe(anchor - 3 * DAY);
    expect(shopify(1042)!.fulfillments[0].displayStatus).toBe('IN_TRANSIT');
  });

  it('#1043: out for delivery since this morning, expected later today', () => {
    const o = worldOrder(1043);
    const parcel = o.parcels[0];
    expect(parcel.status).toBe('out_for_delivery');
    expect(anchor - Date.parse(lastEvent(o).at)).toBeLessThanOrEqual(6 * 3_600_000);
    expect(Date.parse(parcel.estimatedDeliveryAt!)).toBeGreaterThan(anchor);
    expect(Date.parse(parcel.estimatedDeliveryAt!)).toBeLessThanOrEqual(anchor + 12 * 3_600_000);
    expect(shopify(1043)!.fulfillments[0].displayStatus).toBe('OUT_FOR_DELIVERY');
  });

  it('tells the same story for any seed and anchor', () => {
    const other = buildWorld({ seed: 7, anchor: new Date('2024-12-24T03:30:00Z') });
    const at = Date.parse(other.anchor);
    const o = (n: number) => other.orders.find((x) => x.number === n)!;
    expect(o(1036).parcels[0].omsLacksTracking).toBe(true);
    expect(o(1037).parcels[0].status).toBe('lost');
    expect(o(1038).parcels[0].status).toBe('returned_to_sender');
    expect(o(1039).payments[0].dispute?.status).toBe('needs_response');
    expect(o(1041).omsMissing).toBe(true);
    expect(Date.parse(o(1042).parcels[0].estimatedDeliveryAt!)).toBe(at - 3 * DAY);
    expect(Date.parse(o(1043).parcels[0].estimatedDeliveryAt!)).toBeGreaterThan(at);
  });
});

describe('sandbox: help-desk tickets', () => {
  const worlds: World[] = [
    buildWorld({ seed: 42, anchor: ANCHOR }),
    buildWorld({ seed: 7, anchor: ANCHOR }),
    buildWorld({ seed: 2024, anchor: new Date('2025-01-15T08:20:00Z') }),
  ];
  const world = worlds[0];
  const ticketsOf = (w: World, email: string) =>
    w.tickets.filter((t) => w.customers.find((c) => c.id === t.customerId)?.email === email);

  it('is deterministic: same seed and anchor give the same tickets, another seed others', () => {
    expect(buildWorld({ seed: 42, anchor: ANCHOR }).tickets).toEqual(world.tickets);
    expect(worlds[1].tickets).not.toEqual(world.tickets);
  });

  it.each(worlds.map((w) => [w.seed, w]))(
    'seed %s: 30–40 tickets, oldest first, ids in that order',
    (_, w) => {
      expect(w.tickets.length).toBeGreaterThanOrEqual(30);
      expect(w.tickets.length).toBeLessThanOrEqual(40);
      expect(w.tickets.map((t) => t.id)).toEqual(w.tickets.map((_t, i) => i + 1));
      const created = w.tickets.map((t) => t.createdAt);
      expect(created).toEqual([...created].sort());
    },
  );

  it.each(worlds.map((w) => [w.seed, w]))('seed %s: covers every status, priority and channel', (_, w) => {
    const set = (pick: (t: World['tickets'][number]) => string) => [...new Set(w.tickets.map(pick))].sort();
    expect(set((t) => t.status)).toEqual(['closed', 'new', 'on_hold', 'open', 'pending', 'solved']);
    expect(set((t) => t.priority)).toEqual(['high', 'low', 'normal', 'urgent']);
    expect(set((t) => t.channel)).toEqual(['api', 'chat', 'email', 'sms', 'social', 'voice', 'web']);
  });

  it.each(worlds.map((w) => [w.seed, w]))('seed %s: requester, order and times are consistent', (_, w) => {
    const anchor = Date.parse(w.anchor);
    for (const t of w.tickets) {
      const customer = w.customers.find((c) => c.id === t.customerId)!;
      expect(t.requesterEmail).toBe(customer.crmEmail ?? customer.email);
      expect(t.subject.length).toBeGreaterThan(0);
      expect(t.description.length).toBeGreaterThan(0);
      const created = Date.parse(t.createdAt);
      const updated = Date.parse(t.updatedAt);
      expect(created).toBeGreaterThan(Date.parse(customer.createdAt));
      expect(updated).toBeGreaterThanOrEqual(created);
      expect(updated).toBeLessThanOrEqual(anchor);
      if (t.status === 'new') expect(updated).toBe(created);
      if (t.orderNumber !== undefined) {
        const order = w.orders.find((o) => o.number === t.orderNumber)!;
        expect(order.customerId).toBe(t.customerId);
        expect(created).toBeGreaterThan(Date.parse(order.placedAt));
      }
    }
  });

  it('has the documented tickets', () => {
    const about = (n: number) => world.tickets.filter((t) => t.orderNumber === n);
    expect(about(1001)).toEqual([
      expect.objectContaining({
        subject: 'Where is my order #1001?',
        status: 'solved',
        requesterEmail: 'alice.martin@example.com',
      }),
    ]);
    const delivered = Date.parse(world.orders[0].parcels[0].deliveredAt!);
    expect(Date.parse(about(1001)[0].createdAt)).toBeLessThan(delivered);
    expect(Date.parse(about(1001)[0].updatedAt)).toBeGreaterThan(delivered);
    expect(about(1037)).toEqual([
      expect.objectContaining({
        subject: expect.stringContaining('Parcel lost'),
        status: 'open',
        priority: 'urgent',
      }),
    ]);
    expect(about(1039)).toEqual([
      expect.objectContaining({ subject: expect.stringMatching(/dispute/i), status: 'pending' }),
    ]);
    expect(about(1041)).toHaveLength(1);
  });

  it.each(worlds.map((w) => [w.seed, w]))(
    'seed %s: the CRM-email customer has two tickets under it',
    (_, w) => {
      const o = w.orders.find((x) => x.number === 1040)!;
      const customer = w.customers.find((c) => c.id === o.customerId)!;
      const own = ticketsOf(w, customer.email);
      expect(own).toHaveLength(2);
      expect(own.map((t) => t.requesterEmail)).toEqual([customer.crmEmail, customer.crmEmail]);
      expect(own.map((t) => t.orderNumber)).toContain(1040);
    },
  );

  it.each(worlds.map((w) => [w.seed, w]))('seed %s: some customers never wrote in', (_, w) => {
    expect(ticketsOf(w, 'victor.hale@example.com')).toEqual([]);
    const writers = new Set(w.tickets.map((t) => t.customerId));
    expect(w.customers.filter((c) => !writers.has(c.id)).length).toBeGreaterThanOrEqual(1);
  });
});
