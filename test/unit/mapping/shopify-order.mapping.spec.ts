import { join } from 'node:path';
import { type Order } from '../../../src/canonical';
import { type UnknownValueEvent } from '../../../src/mapping/mapping.compiler';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { type Json, shopifyOrder } from '../../fixtures/shopify';

const MAPPINGS = join(__dirname, '../../../mappings');
// What ShopifyConnector.mappingContext holds for shop acme.myshopify.com.
const CTX = { connector: 'shopify', adminUrl: 'https://admin.shopify.com/store/acme' };
const ADMIN = 'https://admin.shopify.com/store/acme';

const usd = (amount: string) => ({ amount, currency: 'USD' });
const jpy = (amount: string) => ({ amount, currency: 'JPY' });
const eur = (amount: string) => ({ amount, currency: 'EUR' });
const source = (id: string, orderId: string) => ({
  connector: 'shopify',
  id,
  url: `${ADMIN}/orders/${orderId}`,
});

describe('mappings/shopify/order.yaml', () => {
  let registry: MappingRegistry;
  let events: UnknownValueEvent[];
  const map = (payload: Json) => registry.map<Order>('shopify', 'order', payload, CTX);

  beforeEach(() => {
    events = [];
    registry = new MappingRegistry({ dirs: [MAPPINGS], onUnknown: (e) => events.push(e) });
  });

  describe('order-usd-multi-fulfillment.json (USD, two fulfillments, authorization + two captures)', () => {
    let order: Order;
    beforeEach(async () => {
      order = await map(shopifyOrder('order-usd-multi-fulfillment'));
    });

    it('maps the header', () => {
      expect(order.id).toBe('gid://shopify/Order/5901234567890');
      expect(order.number).toBe('1001');
      expect(order.placedAt).toBe('2025-11-02T14:03:10Z'); // processedAt wins over createdAt
      expect(order.updatedAt).toBe('2025-11-05T16:40:12Z');
      expect(order.status).toBe('open');
      expect(order.financialStatus).toBe('paid');
      expect(order.fulfillmentStatus).toBe('fulfilled');
      expect(order.currency).toBe('USD');
      expect(order.tags).toEqual(['vip', 'wholesale']);
      expect(order.note).toBe('Leave at the side door');
      expect(order.sources).toEqual([source('gid://shopify/Order/5901234567890', '5901234567890')]);
      expect(order).not.toHaveProperty('cancelledAt');
      expect(order).not.toHaveProperty('cancelReason');
    });

    it('keeps money exact at the currency scale', () => {
      expect(order.totals).toEqual({
        subtotal: usd('44.95'),
        shipping: usd('5.00'),
        tax: usd('0.00'),
        discounts: usd('0.00'),
        total: usd('49.95'),
        refunded: usd('0.00'),
      });
    });

    it('maps the customer and the shipping address, dropping nulls', () => {
      expect(order.customer).toEqual({
        id: 'gid://shopify/Customer/7012345678901',
        email: 'jane.doe@example.com',
        name: 'Jane Doe',
        phone: '+12125550187', // the order has no phone of its own: the customer's
        tags: ['VIP'], // the buyer's tags in the shop: playbooks read them on the bot path too
      });
      expect(order.shippingAddress).toEqual({
        name: 'Jane Doe',
        line1: '123 Market St',
        line2: 'Apt 4',
        city: 'San Francisco',
        region: 'CA',
        postalCode: '94103',
        countryCode: 'US',
        phone: '+14155550123',
      });
    });

    it('maps line items with the fulfilled quantity', () => {
      expect(order.lineItems).toEqual([
        {
          id: 'gid://shopify/LineItem/13579246801',
          sku: 'SOCK-MER-M',
          title: 'Merino Crew Socks',
          variant: 'M / Charcoal',
          quantity: 2,
          fulfilledQuantity: 2,
          unitPrice: usd('12.50'),
        },
        {
          id: 'gid://shopify/LineItem/13579246802',
          sku: 'TOTE-CNV',
          title: 'Canvas Tote',
          quantity: 1,
          fulfilledQuantity: 1,
          unitPrice: usd('19.95'),
        },
      ]);
    });

    it('maps the delivered fulfillment with events newest first and joined locations', () => {
      expect(order.shipments[0]).toEqual({
        id: 'gid://shopify/Fulfillment/4455667701',
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: 'https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784',
        status: 'delivered',
        statusDetail: 'DELIVERED',
        shippedAt: '2025-11-03T18:30:00Z',
        estimatedDeliveryAt: '2025-11-06T00:00:00Z',
        deliveredAt: '2025-11-05T16:38:00Z',
        items: [{ sku: 'SOCK-MER-M', quantity: 2 }],
        events: [
          {
            at: '2025-11-05T16:38:00Z',
            status: 'delivered',
            description: 'Delivered, left at front door',
            location: 'San Francisco, California, United States',
          },
          {
            at: '2025-11-05T08:02:00Z',
            status: 'out_for_delivery',
            description: 'Out for delivery',
            location: 'San Francisco, California, United States',
          },
          {
            at: '2025-11-04T02:15:00Z',
            status: 'in_transit',
            description: 'Departed from facility',
            location: 'Sacramento, California, United States',
          },
          // No message: the status code stands in; the missing province is skipped in the join.
          {
            at: '2025-11-03T18:30:00Z',
            status: 'in_transit',
            description: 'CARRIER_PICKED_UP',
            location: 'Oakland, United States',
          },
        ],
        // Fulfillments have no admin page of their own: the link opens the order.
        sources: [source('gid://shopify/Fulfillment/4455667701', '5901234567890')],
      });
    });

    it('maps the in-transit fulfillment, falling back to createdAt for shippedAt', () => {
      expect(order.shipments[1]).toEqual({
        id: 'gid://shopify/Fulfillment/4455667702',
        carrier: 'USPS',
        trackingNumber: '9400111899223197428490',
        trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223197428490',
        status: 'in_transit',
        statusDetail: 'IN_TRANSIT',
        shippedAt: '2025-11-04T10:00:00Z',
        estimatedDeliveryAt: '2025-11-08T00:00:00Z',
        items: [{ sku: 'TOTE-CNV', quantity: 1 }],
        events: [
          {
            at: '2025-11-05T21:47:00Z',
            status: 'in_transit',
            description: 'In transit to next facility',
            location: 'Denver, Colorado, United States',
          },
          { at: '2025-11-04T10:00:00Z', status: 'info_received', description: 'Shipping label created' },
        ],
        sources: [source('gid://shopify/Fulfillment/4455667702', '5901234567890')],
      });
      expect(order.shipments).toHaveLength(2);
    });

    it('sorts events newest first even when Shopify sends them oldest first', async () => {
      const payload = shopifyOrder('order-usd-multi-fulfillment');
      payload.fulfillments[0].events.nodes.reverse();
      const mapped = await map(payload);
      expect(mapped.shipments[0].events.map((e) => e.at)).toEqual([
        '2025-11-05T16:38:00Z',
        '2025-11-05T08:02:00Z',
        '2025-11-04T02:15:00Z',
        '2025-11-03T18:30:00Z',
      ]);
    });

    it('maps the authorization as one captured payment with the exact sum of its captures', () => {
      expect(order.payments).toEqual([
        {
          id: 'gid://shopify/OrderTransaction/6100000001',
          provider: 'shopify_payments',
          status: 'succeeded',
          amount: usd('49.95'),
          capturedAmount: usd('49.95'), // 29.85 + 20.1, no float drift
          method: { type: 'card', brand: 'Visa', last4: '4242' },
          createdAt: '2025-11-02T14:03:09Z',
          refunds: [],
          disputes: [],
          sources: [source('gid://shopify/OrderTransaction/6100000001', '5901234567890')],
        },
      ]);
    });

    it('takes the highest risk level and the recommendation', () => {
      expect(order.returns).toEqual([]);
      expect(order.risk).toEqual({ level: 'low', recommendation: 'accept' });
    });

    it('knew every enum value', () => {
      expect(events).toEqual([]);
      expect(registry.unknownValues()).toEqual({});
    });
  });

  describe('order-jpy.json (zero-decimal currency, SALE, no customer)', () => {
    let order: Order;
    beforeEach(async () => {
      order = await map(shopifyOrder('order-jpy'));
    });

    it('writes yen without decimals', () => {
      expect(order.currency).toBe('JPY');
      expect(order.totals).toEqual({
        subtotal: jpy('3700'),
        shipping: jpy('800'),
        tax: jpy('409'),
        discounts: jpy('0'),
        total: jpy('4500'),
        refunded: jpy('0'),
      });
      expect(order.lineItems).toEqual([
        {
          id: 'gid://shopify/LineItem/24680135791',
          sku: 'MATCHA-40G',
          title: 'Matcha Tin 40g',
          quantity: 2,
          fulfilledQuantity: 0,
          unitPrice: jpy('1850'),
        },
      ]);
    });

    it('maps the header of an unfulfilled guest order', () => {
      expect(order).toMatchObject({
        id: 'gid://shopify/Order/5902345678901',
        number: '1002',
        placedAt: '2025-11-07T01:20:44Z',
        status: 'open',
        financialStatus: 'paid',
        fulfillmentStatus: 'unfulfilled',
        tags: [],
        shipments: [],
        returns: [],
      });
      expect(order).not.toHaveProperty('customer');
      expect(order).not.toHaveProperty('note');
    });

    it('keeps a phone without a country code as the shop sent it', () => {
      expect(order.shippingAddress).toEqual({
        name: '山田 太郎',
        line1: '神宮前1-2-3',
        city: '渋谷区',
        region: 'JP-13',
        postalCode: '150-0001',
        countryCode: 'JP',
        phone: '03-1234-5678',
      });
    });

    it('maps a successful SALE as a succeeded payment', () => {
      expect(order.payments).toEqual([
        {
          id: 'gid://shopify/OrderTransaction/6200000001',
          provider: 'shopify_payments',
          status: 'succeeded',
          amount: jpy('4500'),
          method: { type: 'card', brand: 'JCB', last4: '0005' },
          createdAt: '2025-11-07T01:20:43Z',
          refunds: [],
          disputes: [],
          sources: [source('gid://shopify/OrderTransaction/6200000001', '5902345678901')],
        },
      ]);
    });

    it('defaults the risk level to none when there are no assessments', () => {
      expect(order.risk).toEqual({ level: 'none', recommendation: 'none' });
    });
  });

  describe('order-partially-refunded.json (SALE with a failed and a successful REFUND, a requested return)', () => {
    let order: Order;
    beforeEach(async () => {
      order = await map(shopifyOrder('order-partially-refunded'));
    });

    it('maps the statuses and totals', () => {
      expect(order.number).toBe('1003');
      expect(order.status).toBe('open');
      expect(order.financialStatus).toBe('partially_refunded');
      expect(order.fulfillmentStatus).toBe('fulfilled');
      expect(order.totals).toEqual({
        subtotal: usd('80.00'),
        shipping: usd('0.00'),
        tax: usd('9.00'),
        discounts: usd('10.00'),
        total: usd('89.00'),
        refunded: usd('25.00'),
      });
      expect(order.shippingAddress).toEqual({
        name: 'Sam Lee',
        company: 'Northwind Outfitters',
        line1: '900 W Georgia St',
        city: 'Vancouver',
        region: 'BC',
        postalCode: 'V6C 2W6',
        countryCode: 'CA',
      });
    });

    it('lists every refund of the payment but sums only the successful ones', () => {
      expect(order.payments).toEqual([
        {
          id: 'gid://shopify/OrderTransaction/6300000001',
          provider: 'shopify_payments',
          status: 'succeeded',
          amount: usd('89.00'),
          refundedAmount: usd('25.00'),
          method: { type: 'card', brand: 'Mastercard', last4: '5454' },
          createdAt: '2025-10-20T17:45:28Z',
          refunds: [
            {
              id: 'gid://shopify/OrderTransaction/6300000002',
              amount: usd('25.00'),
              status: 'failed',
              createdAt: '2025-10-30T09:00:12Z',
            },
            {
              id: 'gid://shopify/OrderTransaction/6300000003',
              amount: usd('25.00'),
              status: 'succeeded',
              createdAt: '2025-11-01T11:05:40Z',
            },
          ],
          disputes: [],
          sources: [source('gid://shopify/OrderTransaction/6300000001', '5903456789012')],
        },
      ]);
    });

    it('sums several successful refunds exactly', async () => {
      const payload = shopifyOrder('order-partially-refunded');
      payload.transactions[1].status = 'SUCCESS';
      payload.transactions[1].amountSet.shopMoney.amount = '10.1';
      payload.transactions[2].amountSet.shopMoney.amount = '14.9';
      const mapped = await map(payload);
      expect(mapped.payments[0].refundedAmount).toEqual(usd('25.00'));
      expect(mapped.payments[0].refunds.map((r) => [r.amount.amount, r.status])).toEqual([
        ['10.10', 'succeeded'],
        ['14.90', 'succeeded'],
      ]);
    });

    it('maps the requested return with a link to the order', () => {
      expect(order.returns).toEqual([
        {
          id: 'gid://shopify/Return/9901234567',
          name: '#1003-R1',
          status: 'requested',
          sources: [source('gid://shopify/Return/9901234567', '5903456789012')],
        },
      ]);
    });

    it('maps the one delivered shipment with both items', () => {
      expect(order.shipments).toHaveLength(1);
      expect(order.shipments[0]).toMatchObject({
        carrier: 'Canada Post',
        status: 'delivered',
        shippedAt: '2025-10-21T20:10:00Z',
        deliveredAt: '2025-10-24T15:10:00Z',
        items: [
          { sku: 'JKT-RAIN-L', quantity: 1 },
          { sku: 'CAP-WOOL', quantity: 1 },
        ],
      });
      expect(order.shipments[0]).not.toHaveProperty('estimatedDeliveryAt');
    });
  });

  describe('order-cancelled-high-risk.json (cancelled for fraud, voided authorization)', () => {
    let order: Order;
    beforeEach(async () => {
      order = await map(shopifyOrder('order-cancelled-high-risk'));
    });

    it('is cancelled (cancellation wins over closedAt) with the reason', () => {
      expect(order.status).toBe('cancelled');
      expect(order.cancelledAt).toBe('2025-11-10T12:00:00Z');
      expect(order.cancelReason).toBe('fraud');
      expect(order.financialStatus).toBe('voided');
      expect(order.fulfillmentStatus).toBe('unfulfilled');
    });

    it('maps a voided authorization as a canceled payment with nothing captured', () => {
      expect(order.payments).toEqual([
        {
          id: 'gid://shopify/OrderTransaction/6400000001',
          provider: 'shopify_payments',
          status: 'canceled',
          amount: usd('1299.00'),
          method: { type: 'card', brand: 'American Express', last4: '0005' },
          createdAt: '2025-11-09T23:58:00Z',
          refunds: [],
          disputes: [],
          sources: [source('gid://shopify/OrderTransaction/6400000001', '5904567890123')],
        },
      ]);
    });

    it('takes HIGH as the level whatever the order of assessments', () => {
      expect(order.risk).toEqual({ level: 'high', recommendation: 'cancel' });
    });

    it('maps a sparse address and a customer without a first name', () => {
      expect(order.shippingAddress).toEqual({
        name: 'J Smith',
        line1: 'Unit 7, 14 Harbour Rd',
        city: 'Lagos',
        countryCode: 'NG',
      });
      expect(order.customer).toEqual({
        id: 'gid://shopify/Customer/7034567890123',
        email: 'rush.order@mailinator.example',
        name: 'Smith',
        phone: '+12125550187',
        tags: [],
      });
    });

    it('maps an authorization without children as authorized', async () => {
      const payload = shopifyOrder('order-cancelled-high-risk');
      payload.transactions = payload.transactions.slice(0, 1);
      const mapped = await map(payload);
      expect(mapped.payments.map((p) => p.status)).toEqual(['authorized']);
    });

    it('maps a failed or pending SALE by its own status', async () => {
      const payload = shopifyOrder('order-jpy');
      payload.transactions[0].status = 'FAILURE';
      payload.transactions.push({
        ...payload.transactions[0],
        id: 'gid://shopify/OrderTransaction/6200000002',
        status: 'PENDING',
      });
      const mapped = await map(payload);
      expect(mapped.payments.map((p) => p.status)).toEqual(['failed', 'pending']);
    });

    it('maps an order that is closed but not cancelled as closed', async () => {
      const payload = shopifyOrder('order-cancelled-high-risk');
      payload.cancelledAt = null;
      payload.cancelReason = null;
      const mapped = await map(payload);
      expect(mapped.status).toBe('closed');
      expect(mapped).not.toHaveProperty('cancelledAt');
      expect(mapped).not.toHaveProperty('cancelReason');
    });
  });

  describe('order-unknown-enums.json (values Shopify may add later)', () => {
    it('maps unknown enum values to unknown and counts them', async () => {
      const order = await map(shopifyOrder('order-unknown-enums'));

      expect(order.fulfillmentStatus).toBe('unknown');
      expect(order.returns).toEqual([
        {
          id: 'gid://shopify/Return/9902345678',
          name: '#1005-R1',
          status: 'unknown',
          sources: [source('gid://shopify/Return/9902345678', '5905678901234')],
        },
      ]);
      expect(events).toEqual([
        {
          mapping: 'shopify/order',
          field: 'fulfillmentStatus',
          table: 'fulfillmentStatus',
          value: 'SOMETHING_NEW',
        },
        { mapping: 'shopify/order', field: 'returns[].status', table: 'returnStatus', value: 'PROCESSING' },
      ]);
      expect(registry.unknownValues()).toEqual({
        'shopify/order fulfillmentStatus=SOMETHING_NEW': 1,
        'shopify/order returns[].status=PROCESSING': 1,
      });

      await map(shopifyOrder('order-unknown-enums'));
      expect(registry.unknownValues()).toEqual({
        'shopify/order fulfillmentStatus=SOMETHING_NEW': 2,
        'shopify/order returns[].status=PROCESSING': 2,
      });
    });

    it('still maps everything it knows', async () => {
      const order = await map(shopifyOrder('order-unknown-enums'));
      expect(order).toMatchObject({
        number: '1005',
        financialStatus: 'paid',
        totals: { subtotal: eur('39.90'), shipping: eur('4.90'), tax: eur('7.15'), total: eur('44.80') },
        lineItems: [
          { id: 'gid://shopify/LineItem/57913579131', title: 'Gift Card', quantity: 1, fulfilledQuantity: 1 },
        ],
        payments: [],
      });
      expect(order.lineItems[0]).not.toHaveProperty('sku');
      expect(order).not.toHaveProperty('shippingAddress');
      expect(order).not.toHaveProperty('risk');
    });

    it('maps an unknown cancel reason to the table default other', async () => {
      const payload = shopifyOrder('order-cancelled-high-risk');
      payload.cancelReason = 'MERCHANT_POLICY';
      const order = await map(payload);
      expect(order.cancelReason).toBe('other');
      expect(registry.unknownValues()).toEqual({ 'shopify/order cancelReason=MERCHANT_POLICY': 1 });
    });

    it('maps an unknown fulfillment and event status to unknown, keeping the raw detail', async () => {
      const payload = shopifyOrder('order-usd-multi-fulfillment');
      payload.fulfillments[1].displayStatus = 'DRONE_DISPATCHED';
      payload.fulfillments[1].events.nodes[0].status = 'DRONE_DISPATCHED';
      const order = await map(payload);
      expect(order.shipments[1].status).toBe('unknown');
      expect(order.shipments[1].statusDetail).toBe('DRONE_DISPATCHED');
      expect(order.shipments[1].events[0].status).toBe('unknown');
      expect(registry.unknownValues()).toEqual({
        'shopify/order shipments[].status=DRONE_DISPATCHED': 1,
        'shopify/order shipments[].events[].status=DRONE_DISPATCHED': 1,
      });
    });
  });
});
