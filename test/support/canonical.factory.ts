import { type Order, type Shipment } from '../../src/canonical';

/** A valid canonical order to vary in tests. */
export function anOrder(overrides: Partial<Order> = {}): Order {
  return {
    id: 'gid://shopify/Order/1',
    number: '1001',
    placedAt: '2026-11-01T10:00:00Z',
    status: 'open',
    financialStatus: 'paid',
    fulfillmentStatus: 'unfulfilled',
    currency: 'USD',
    totals: { total: { amount: '49.95', currency: 'USD' } },
    lineItems: [],
    shipments: [],
    payments: [],
    returns: [],
    tags: [],
    sources: [{ connector: 'shopify', id: 'gid://shopify/Order/1' }],
    ...overrides,
  };
}

export function aShipment(overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: 'gid://shopify/Fulfillment/1',
    trackingNumber: '1Z999',
    status: 'in_transit',
    events: [],
    sources: [{ connector: 'shopify', id: 'gid://shopify/Fulfillment/1' }],
    ...overrides,
  };
}
