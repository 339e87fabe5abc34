import { type OrderFragment, type Payment } from '../../../../src/canonical';
import { mergeOrder, mergePayments, type OrderParts } from '../../../../src/context/merge/order.merge';
import { aFragment, anOrder, aPayment, aShipment } from '../../../support/canonical.factory';

const SHOPIFY = { connector: 'shopify', id: 'gid://shopify/Order/1' };
const SHIPBOB = { connector: 'shipbob', id: '9001' };
const STRIPE = { connector: 'stripe', id: 'pi_1' };

const parts = (overrides: Partial<OrderParts> = {}): OrderParts => ({
  oms: null,
  wms: [],
  payments: [],
  tracking: [],
  ...overrides,
});

const usd = (amount: string) => ({ amount, currency: 'USD' });

const address = {
  name: 'Ada Lovelace',
  line1: '12 Baker Street',
  city: 'London',
  postalCode: 'NW1 6XE',
  countryCode: 'GB',
};

/** The shop's card payment as the OMS records it. */
const shopPayment = (overrides: Partial<Payment> = {}) =>
  aPayment({
    id: 'gid://shopify/OrderTransaction/1',
    provider: 'shopify_payments',
    sources: [{ connector: 'shopify', id: 'gid://shopify/OrderTransaction/1' }],
    ...overrides,
  });

/** What ShipBob knows of order 1001. */
const warehouseFragment = (overrides: Partial<OrderFragment> = {}): OrderFragment =>
  aFragment({
    id: '9001',
    placedAt: '2026-11-01T10:00:30Z',
    customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
    shippingAddress: address,
    lineItems: [{ id: 'p1', sku: 'MUG-1', title: 'MUG-1', quantity: 1 }],
    shipments: [
      aShipment({
        id: '55',
        trackingNumber: '1Z999',
        status: 'in_transit',
        warehouseStatus: 'shipped',
        sources: [{ connector: 'shipbob', id: '55' }],
      }),
    ],
    sources: [SHIPBOB],
    ...overrides,
  });

/** What Stripe knows of order 1001. */
const paymentFragment = (overrides: Partial<OrderFragment> = {}): OrderFragment =>
  aFragment({ payments: [aPayment()], sources: [STRIPE], ...overrides });

describe('mergeOrder', () => {
  describe('with the OMS order', () => {
    it('returns the OMS order as it is when no other system knows it', () => {
      const oms = anOrder({ shipments: [aShipment()], payments: [shopPayment()] });
      expect(mergeOrder(parts({ oms }))).toEqual(oms);
    });

    it('folds in the warehouse, the payment provider and the carrier, listing every source', () => {
      const oms = anOrder({
        customer: { id: 'gid://shopify/Customer/1', email: 'ada@example.com', name: 'Ada Lovelace' },
        shippingAddress: { ...address, line1: '221B Baker Street' },
        lineItems: [{ id: 'li1', sku: 'MUG-1', title: 'Mug', quantity: 1, unitPrice: usd('49.95') }],
        shipments: [aShipment({ status: 'info_received' })],
        payments: [shopPayment(), shopPayment({ id: 'paypal-1', provider: 'paypal', amount: usd('5.00') })],
      });
      const tracking = [
        aShipment({
          id: 'trk_1',
          trackingNumber: '1z999',
          status: 'delivered',
          deliveredAt: '2026-11-03T16:00:00Z',
          sources: [{ connector: 'aftership', id: 'trk_1' }],
        }),
      ];
      expect(
        mergeOrder(parts({ oms, wms: [warehouseFragment()], payments: [paymentFragment()], tracking })),
      ).toEqual({
        ...oms,
        // the OMS wins what it knows: placedAt, customer, address, line items
        shipments: [
          {
            ...aShipment(),
            status: 'delivered',
            warehouseStatus: 'shipped',
            deliveredAt: '2026-11-03T16:00:00Z',
            sources: [
              { connector: 'shopify', id: 'gid://shopify/Fulfillment/1' },
              { connector: 'shipbob', id: '55' },
              { connector: 'aftership', id: 'trk_1' },
            ],
          },
        ],
        payments: [aPayment(), oms.payments[1]],
        sources: [SHOPIFY, SHIPBOB, STRIPE],
      });
    });

    it('fills the customer and the address from the warehouse when the OMS lacks them, but not line items', () => {
      const oms = anOrder({ lineItems: [] });
      const merged = mergeOrder(parts({ oms, wms: [warehouseFragment()] }));
      expect(merged?.customer).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace' });
      expect(merged?.shippingAddress).toEqual(address);
      expect(merged?.lineItems).toEqual([]);
      expect(merged?.placedAt).toBe('2026-11-01T10:00:00Z');
    });

    it('keeps the OMS statuses and totals whatever the fragments say', () => {
      const oms = anOrder({ financialStatus: 'partially_refunded', fulfillmentStatus: 'fulfilled' });
      const merged = mergeOrder(
        parts({
          oms,
          wms: [warehouseFragment({ fulfillmentStatus: 'on_hold', status: 'cancelled' })],
          payments: [paymentFragment({ financialStatus: 'paid', totals: { total: usd('1.00') } })],
        }),
      );
      expect(merged).toMatchObject({
        status: 'open',
        financialStatus: 'partially_refunded',
        fulfillmentStatus: 'fulfilled',
        currency: 'USD',
        totals: { total: usd('49.95') },
      });
    });
  });

  describe('without the OMS order', () => {
    it('lets a WMS-only order stand in: financial status unknown, no totals', () => {
      expect(mergeOrder(parts({ wms: [warehouseFragment()] }))).toEqual({
        id: '9001',
        number: '1001',
        placedAt: '2026-11-01T10:00:30Z',
        status: 'open',
        financialStatus: 'unknown',
        fulfillmentStatus: 'unknown',
        totals: {},
        customer: { email: 'ada@example.com', name: 'Ada Lovelace' },
        shippingAddress: address,
        lineItems: [{ id: 'p1', sku: 'MUG-1', title: 'MUG-1', quantity: 1 }],
        shipments: warehouseFragment().shipments,
        payments: [],
        returns: [],
        tags: [],
        sources: [SHIPBOB],
      });
    });

    it('keeps what the fragment does say and adds the provider’s payments and the carrier’s tracking', () => {
      const merged = mergeOrder(
        parts({
          wms: [warehouseFragment({ id: undefined, fulfillmentStatus: 'in_progress', tags: ['b2b'] })],
          payments: [paymentFragment()],
          tracking: [
            aShipment({
              id: 'trk_1',
              status: 'out_for_delivery',
              sources: [{ connector: 'aftership', id: 'trk_1' }],
            }),
          ],
        }),
      );
      expect(merged).toMatchObject({
        id: '9001', // the fragment's source id when it has no id of its own
        financialStatus: 'unknown',
        fulfillmentStatus: 'in_progress',
        tags: ['b2b'],
        payments: [aPayment()],
        sources: [SHIPBOB, STRIPE],
      });
      expect(merged?.shipments.map((s) => [s.id, s.status, s.sources.length])).toEqual([
        ['55', 'out_for_delivery', 2],
      ]);
      // The warehouse does not know the currency; the provider's payment does.
      expect(merged?.currency).toBe('USD');
    });

    it('takes the line items of the first warehouse that has any', () => {
      const merged = mergeOrder(
        parts({
          wms: [
            warehouseFragment({ lineItems: [] }),
            warehouseFragment({
              id: '9002',
              lineItems: [{ id: 'p9', title: 'Mug', quantity: 2 }],
              sources: [{ connector: 'shipbob-eu', id: '9002' }],
            }),
          ],
        }),
      );
      expect(merged?.lineItems).toEqual([{ id: 'p9', title: 'Mug', quantity: 2 }]);
      expect(merged?.sources).toEqual([SHIPBOB, { connector: 'shipbob-eu', id: '9002' }]);
    });

    it('is null when no system knows the order', () => {
      expect(mergeOrder(parts())).toBeNull();
    });

    it('is null when no fragment can say when the order was placed, not even by a payment', () => {
      expect(mergeOrder(parts({ wms: [warehouseFragment({ placedAt: undefined })] }))).toBeNull();
    });

    it('dates an order only the payment provider knows by its first payment', () => {
      const merged = mergeOrder(parts({ payments: [paymentFragment()] }));
      const first = paymentFragment()
        .payments!.map((p) => p.createdAt)
        .sort()[0];
      expect(merged).toMatchObject({ number: '1001', placedAt: first, financialStatus: 'unknown' });
      expect(merged?.payments).toEqual(paymentFragment().payments);
    });

    it('lets a payment fragment stand in when it knows when the order was placed', () => {
      const merged = mergeOrder(
        parts({ payments: [paymentFragment({ placedAt: '2026-11-01T10:00:05Z', currency: 'USD' })] }),
      );
      expect(merged).toEqual({
        id: 'pi_1',
        number: '1001',
        placedAt: '2026-11-01T10:00:05Z',
        status: 'open',
        financialStatus: 'unknown',
        fulfillmentStatus: 'unknown',
        currency: 'USD',
        totals: {},
        lineItems: [],
        shipments: [],
        payments: [aPayment()],
        returns: [],
        tags: [],
        sources: [STRIPE],
      });
    });
  });

  it('does not modify its inputs', () => {
    const oms = anOrder({ shipments: [aShipment()], payments: [shopPayment()] });
    const wms = [warehouseFragment()];
    const payments = [paymentFragment()];
    mergeOrder(parts({ oms, wms, payments }));
    expect(oms).toEqual(anOrder({ shipments: [aShipment()], payments: [shopPayment()] }));
    expect(wms).toEqual([warehouseFragment()]);
    expect(payments).toEqual([paymentFragment()]);
  });
});

describe('mergePayments', () => {
  const stripe = (id: string, amount: string, currency = 'USD') =>
    aPayment({ id, amount: { amount, currency }, sources: [{ connector: 'stripe', id }] });
  const shop = (id: string, amount: string, currency = 'USD') =>
    shopPayment({ id, amount: { amount, currency }, sources: [{ connector: 'shopify', id }] });

  it('keeps the OMS payments when the provider has none', () => {
    const oms = [shop('t1', '49.95')];
    expect(mergePayments(oms, [])).toEqual(oms);
  });

  it('replaces the OMS payment of the same amount and currency with the provider’s record', () => {
    expect(mergePayments([shop('t1', '49.95')], [stripe('pi_1', '49.95')])).toEqual([
      stripe('pi_1', '49.95'),
    ]);
  });

  it('keeps OMS payments the provider does not know (PayPal, manual), after the provider’s', () => {
    const paypal = shop('paypal', '10.00');
    const manual = shop('manual', '5.00');
    expect(mergePayments([paypal, shop('t1', '49.95'), manual], [stripe('pi_1', '49.95')])).toEqual([
      stripe('pi_1', '49.95'),
      paypal,
      manual,
    ]);
  });

  it('replaces one OMS payment per provider record', () => {
    expect(mergePayments([shop('t1', '20.00'), shop('t2', '20.00')], [stripe('pi_1', '20.00')])).toEqual([
      stripe('pi_1', '20.00'),
      shop('t2', '20.00'),
    ]);
    expect(
      mergePayments(
        [shop('t1', '20.00'), shop('t2', '20.00')],
        [stripe('pi_1', '20.00'), stripe('pi_2', '20.00')],
      ),
    ).toEqual([stripe('pi_1', '20.00'), stripe('pi_2', '20.00')]);
  });

  it('does not pair the same amount in another currency, or another amount', () => {
    expect(mergePayments([shop('t1', '49.95', 'USD')], [stripe('pi_1', '49.95', 'EUR')])).toEqual([
      stripe('pi_1', '49.95', 'EUR'),
      shop('t1', '49.95', 'USD'),
    ]);
    expect(mergePayments([shop('t1', '49.95')], [stripe('pi_1', '49.90')])).toEqual([
      stripe('pi_1', '49.90'),
      shop('t1', '49.95'),
    ]);
  });

  it('keeps provider payments that no OMS payment matches', () => {
    expect(mergePayments([], [stripe('pi_1', '1.00'), stripe('pi_2', '2.00')])).toEqual([
      stripe('pi_1', '1.00'),
      stripe('pi_2', '2.00'),
    ]);
  });
});
