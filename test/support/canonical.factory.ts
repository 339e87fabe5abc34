import {
  type Customer,
  type Order,
  type OrderFragment,
  type Payment,
  type Shipment,
  type SupportCase,
} from '../../src/canonical';

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

export function aPayment(overrides: Partial<Payment> = {}): Payment {
  return {
    id: 'pi_1',
    provider: 'stripe',
    status: 'succeeded',
    amount: { amount: '49.95', currency: 'USD' },
    createdAt: '2026-11-01T10:00:05Z',
    refunds: [],
    disputes: [],
    sources: [{ connector: 'stripe', id: 'pi_1' }],
    ...overrides,
  };
}

/** What a WMS or payment provider knows of order 1001: only the number and the sources are required. */
export function aFragment(overrides: Partial<OrderFragment> = {}): OrderFragment {
  return {
    number: '1001',
    sources: [{ connector: 'shipbob', id: '9001' }],
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'gid://shopify/Customer/1',
    email: 'ada@example.com',
    tags: [],
    sources: [{ connector: 'shopify', id: 'gid://shopify/Customer/1' }],
    ...overrides,
  };
}

export function aCase(overrides: Partial<SupportCase> = {}): SupportCase {
  return {
    id: '101',
    subject: 'Where is my order?',
    status: 'open',
    createdAt: '2026-11-02T09:00:00Z',
    sources: [{ connector: 'zendesk', id: '101' }],
    ...overrides,
  };
}
