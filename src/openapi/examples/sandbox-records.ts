import { type Customer, type Order, type SupportCase } from '../../canonical';
import { type SourceStatus } from '../../context/context.schemas';

/**
 * Records of the built-in sandbox world that several examples show: Alice Martin, whose order 1001
 * was delivered, and Benjamin Carter, whose order 1037 the carrier lost. Trimmed to one shipment with
 * two events, one payment and one case, so an example stays short.
 */

const usd = (amount: string) => ({ amount, currency: 'USD' });
const SHOP = 'https://admin.shopify.com/store/sandbox-shop';

export const BENJAMIN: Customer = {
  id: 'gid://shopify/Customer/7000002',
  email: 'benjamin.carter@example.com',
  phone: '+12125550178',
  name: 'Benjamin Carter',
  firstName: 'Benjamin',
  lastName: 'Carter',
  createdAt: '2026-11-02T14:21:09Z',
  tags: [],
  ordersCount: 5,
  totalSpent: usd('551.97'),
  sources: [
    { connector: 'shopify', id: 'gid://shopify/Customer/7000002', url: `${SHOP}/customers/7000002` },
    { connector: 'hubspot', id: '60002', url: 'https://app.hubspot.com/contacts/1234567/record/0-1/60002' },
    {
      connector: 'zendesk',
      id: '380000000002',
      url: 'https://sandbox.zendesk.com/agent/users/380000000002',
    },
  ],
};

export const ALICE: Customer = {
  id: 'gid://shopify/Customer/7000001',
  email: 'alice.martin@example.com',
  phone: '+12125550143',
  name: 'Alice Martin',
  firstName: 'Alice',
  lastName: 'Martin',
  createdAt: '2026-11-01T19:47:58Z',
  tags: ['vip'],
  ordersCount: 4,
  totalSpent: usd('417.90'),
  sources: [
    { connector: 'shopify', id: 'gid://shopify/Customer/7000001', url: `${SHOP}/customers/7000001` },
    { connector: 'hubspot', id: '60001', url: 'https://app.hubspot.com/contacts/1234567/record/0-1/60001' },
  ],
};

/** Order 1037: shipped with USPS, then reported lost (a delivery exception that escalates). */
export const ORDER_1037: Order = {
  id: 'gid://shopify/Order/5001037',
  number: '1037',
  placedAt: '2026-11-19T22:36:12Z',
  updatedAt: '2026-11-26T06:12:12Z',
  status: 'open',
  financialStatus: 'paid',
  fulfillmentStatus: 'fulfilled',
  currency: 'USD',
  totals: {
    subtotal: usd('62.00'),
    shipping: usd('7.95'),
    tax: usd('4.96'),
    total: usd('74.91'),
    refunded: usd('0.00'),
  },
  customer: {
    id: BENJAMIN.id,
    email: BENJAMIN.email,
    name: BENJAMIN.name,
    phone: BENJAMIN.phone,
  },
  shippingAddress: {
    name: 'Benjamin Carter',
    line1: '180 N Michigan Ave',
    city: 'Chicago',
    region: 'IL',
    postalCode: '60601',
    countryCode: 'US',
  },
  lineItems: [
    {
      id: 'gid://shopify/LineItem/13100048',
      sku: 'BTL-STL-750',
      title: 'Insulated Steel Bottle',
      variant: '750 ml',
      quantity: 1,
      fulfilledQuantity: 1,
      unitPrice: usd('34.00'),
    },
    {
      id: 'gid://shopify/LineItem/13100049',
      sku: 'TEE-ORG-WHT-L',
      title: 'Organic Cotton Tee',
      variant: 'White / L',
      quantity: 1,
      fulfilledQuantity: 1,
      unitPrice: usd('28.00'),
    },
  ],
  shipments: [
    {
      id: 'gid://shopify/Fulfillment/4400026',
      carrier: 'USPS',
      service: 'USPS Priority Mail',
      trackingNumber: '9400772087805493362083',
      trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400772087805493362083',
      status: 'exception',
      statusDetail: 'Exception_013',
      warehouseStatus: 'shipped',
      shippedAt: '2026-11-21T03:05:12Z',
      estimatedDeliveryAt: '2026-11-24T11:00:00Z',
      events: [
        {
          at: '2026-11-26T06:12:12Z',
          status: 'exception',
          description: 'Carrier reports the parcel lost',
          location: 'Louisville, KY, USA',
        },
        {
          at: '2026-11-22T16:08:12Z',
          status: 'in_transit',
          description: 'Arrived at sort facility',
          location: 'Louisville, KY, USA',
        },
      ],
      sources: [
        { connector: 'shopify', id: 'gid://shopify/Fulfillment/4400026', url: `${SHOP}/orders/5001037` },
        { connector: 'easypost', id: 'trk_94a05b134a0b037330f59fddeb9446af' },
      ],
    },
  ],
  payments: [
    {
      id: 'pi_KvwGPWsyxwhfl07LvUetV2PL',
      provider: 'stripe',
      status: 'succeeded',
      amount: usd('74.91'),
      capturedAmount: usd('74.91'),
      refundedAmount: usd('0.00'),
      method: { type: 'card', brand: 'Mastercard', last4: '4444' },
      createdAt: '2026-11-19T22:36:12Z',
      refunds: [],
      disputes: [],
      orderNumber: '1037',
      sources: [{ connector: 'stripe', id: 'pi_KvwGPWsyxwhfl07LvUetV2PL' }],
    },
  ],
  returns: [],
  risk: { level: 'low', recommendation: 'accept' },
  tags: [],
  sources: [
    { connector: 'shopify', id: 'gid://shopify/Order/5001037', url: `${SHOP}/orders/5001037` },
    { connector: 'shipbob', id: '287001037' },
    { connector: 'stripe', id: 'pi_KvwGPWsyxwhfl07LvUetV2PL' },
  ],
};

/** Order 1001: delivered by UPS, inside its return window. */
export const ORDER_1001: Order = {
  id: 'gid://shopify/Order/5001001',
  number: '1001',
  placedAt: '2026-11-20T23:00:48Z',
  updatedAt: '2026-11-24T15:16:48Z',
  status: 'open',
  financialStatus: 'paid',
  fulfillmentStatus: 'fulfilled',
  currency: 'USD',
  totals: { subtotal: usd('64.00'), shipping: usd('7.95'), tax: usd('5.12'), total: usd('77.07') },
  customer: { id: ALICE.id, email: ALICE.email, name: ALICE.name, phone: ALICE.phone },
  lineItems: [
    {
      id: 'gid://shopify/LineItem/13100001',
      sku: 'TEE-ORG-BLK-M',
      title: 'Organic Cotton Tee',
      variant: 'Black / M',
      quantity: 1,
      fulfilledQuantity: 1,
      unitPrice: usd('28.00'),
    },
  ],
  shipments: [
    {
      id: 'gid://shopify/Fulfillment/4400001',
      carrier: 'UPS',
      service: 'UPS Ground',
      trackingNumber: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      status: 'delivered',
      shippedAt: '2026-11-22T11:06:48Z',
      deliveredAt: '2026-11-24T15:16:48Z',
      events: [
        {
          at: '2026-11-24T15:16:48Z',
          status: 'delivered',
          description: 'Delivered, left at front door',
          location: 'New York, NY, USA',
        },
        {
          at: '2026-11-24T11:03:48Z',
          status: 'out_for_delivery',
          description: 'Out for delivery',
          location: 'New York, NY, USA',
        },
      ],
      sources: [
        { connector: 'shopify', id: 'gid://shopify/Fulfillment/4400001', url: `${SHOP}/orders/5001001` },
      ],
    },
  ],
  payments: [
    {
      id: 'pi_57wnujLGZwhKJTbuaYHBZo9d',
      provider: 'stripe',
      status: 'succeeded',
      amount: usd('77.07'),
      method: { type: 'card', brand: 'Visa', last4: '4242' },
      createdAt: '2026-11-20T23:00:48Z',
      refunds: [],
      disputes: [],
      orderNumber: '1001',
      sources: [{ connector: 'stripe', id: 'pi_57wnujLGZwhKJTbuaYHBZo9d' }],
    },
  ],
  returns: [],
  tags: [],
  sources: [{ connector: 'shopify', id: 'gid://shopify/Order/5001001', url: `${SHOP}/orders/5001001` }],
};

export const CASE_LOST_PARCEL: SupportCase = {
  id: '2018',
  subject: 'Parcel lost: order #1037',
  status: 'open',
  priority: 'urgent',
  channel: 'voice',
  createdAt: '2026-11-27T02:47:12Z',
  updatedAt: '2026-12-03T11:29:31Z',
  sources: [{ connector: 'zendesk', id: '2018', url: 'https://sandbox.zendesk.com/agent/tickets/2018' }],
};

export const CASE_WISMO_1001: SupportCase = {
  id: '2011',
  subject: 'Where is my order #1001?',
  status: 'closed',
  priority: 'normal',
  channel: 'email',
  createdAt: '2026-11-22T23:41:48Z',
  updatedAt: '2026-11-24T18:58:48Z',
  sources: [{ connector: 'zendesk', id: '2011', url: 'https://sandbox.zendesk.com/agent/tickets/2011' }],
};

/** Every sandbox connector answered live, at `fetchedAt`. */
export function allAnswered(fetchedAt: string): SourceStatus[] {
  const ok = (connector: string, system: SourceStatus['system'], latencyMs: number): SourceStatus => ({
    connector,
    system,
    status: 'ok',
    fetchedAt,
    ageSeconds: 0,
    latencyMs,
  });
  return [
    ok('shopify', 'oms', 14),
    ok('shipbob', 'wms', 41),
    ok('easypost', 'shipping', 31),
    ok('aftership', 'shipping', 38),
    ok('stripe', 'payments', 41),
    ok('hubspot', 'crm', 37),
    ok('zendesk', 'crm', 45),
  ];
}
