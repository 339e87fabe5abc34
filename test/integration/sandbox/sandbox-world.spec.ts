import { buildShopifyView, type ShopifyObject } from '../../../sandbox/vendors/shopify/shopify.view';
import { buildWorld } from '../../../sandbox/world/world';
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
    }
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
