import { type CustomerContext } from '../../../src/context/context.schemas';
import { GladlyAnswerSchema, GladlyLookupSchema } from '../../../src/doors/gladly/gladly-lookup.schema';
import {
  basicResult,
  customAttributes,
  detailedResult,
  orderTransaction,
} from '../../../src/doors/gladly/gladly-results';
import { aCase, aCustomer, anOrder, aShipment } from '../../support/canonical.factory';

const lineItems = [
  {
    id: 'li-1',
    sku: 'MUG-01',
    title: 'Mug',
    variant: 'Blue',
    quantity: 2,
    fulfilledQuantity: 2,
    unitPrice: { amount: '1200', currency: 'JPY' },
  },
  { id: 'li-2', sku: 'TEA-9', title: 'Tea', quantity: 1, fulfilledQuantity: 0 },
];

function context(overrides: Partial<CustomerContext> = {}): CustomerContext {
  return {
    customer: aCustomer({
      name: 'Ada Lovelace',
      phone: '+442079460958',
      ordersCount: 7,
      totalSpent: { amount: '1234.5', currency: 'USD' },
    }),
    orders: [],
    cases: [],
    insights: { flags: [], escalate: false, escalationReasons: [] },
    remedies: [],
    sources: [{ connector: 'shopify', system: 'oms', status: 'ok' }],
    generatedAt: '2026-12-03T10:00:00Z',
    ...overrides,
  };
}

describe('Gladly answers built from the canonical model', () => {
  it('reads emails and phones sent as one string (agent search) or as lists (auto-link)', () => {
    const manual = GladlyLookupSchema.parse({ lookupLevel: 'BASIC', query: { emails: ' ada@example.com ' } });
    const auto = GladlyLookupSchema.parse({
      lookupLevel: 'BASIC',
      uniqueMatchRequired: false,
      query: { emails: ['ada@example.com', ''], phones: '+15013299800', favoriteFood: 'Apple Pie' },
    });
    expect(manual.query.emails).toEqual(['ada@example.com']);
    expect(manual.uniqueMatchRequired).toBe(false);
    expect(auto.query).toMatchObject({ emails: ['ada@example.com'], phones: ['+15013299800'] });
    expect(GladlyLookupSchema.safeParse({ lookupLevel: 'FULL', query: {} }).success).toBe(false);
    // Nulls and empty strings are no value, never a 400 Gladly would count.
    const sparse = GladlyLookupSchema.parse({
      lookupLevel: 'DETAILED',
      uniqueMatchRequired: null,
      query: { emails: [null, ' '], phones: null, externalCustomerId: '', name: null },
    });
    expect(sparse).toMatchObject({ uniqueMatchRequired: false, query: { emails: [], phones: [] } });
    expect(sparse.query.externalCustomerId).toBeUndefined();
  });

  it('a BASIC result names the person by the key the hub finds them by again', () => {
    expect(basicResult(aCustomer({ name: 'Ada', phone: '+442079460958' }))).toEqual({
      externalCustomerId: 'ada@example.com',
      name: 'Ada',
      emails: [{ original: 'ada@example.com' }],
      phones: [{ original: '+442079460958' }],
    });
    expect(basicResult(aCustomer({ email: undefined, phone: '+442079460958' }))?.externalCustomerId).toBe(
      '+442079460958',
    );
    expect(basicResult(aCustomer({ email: undefined, phone: undefined }))).toBeUndefined();
  });

  it('an order becomes an ORDER card of strings: status in words, money with its symbol, tracking', () => {
    const order = anOrder({
      number: '1037',
      currency: 'JPY',
      totals: { total: { amount: '2400', currency: 'JPY' } },
      fulfillmentStatus: 'partially_fulfilled',
      lineItems,
      note: 'Gift wrap',
      sources: [{ connector: 'shopify', id: 'gid://shopify/Order/1', url: 'https://admin.example/orders/1' }],
      shipments: [
        aShipment({
          carrier: 'UPS',
          trackingUrl: 'https://ups.example/1Z999',
          status: 'exception',
          estimatedDeliveryAt: '2026-11-05T00:00:00Z',
          items: [{ sku: 'MUG-01', quantity: 2 }],
        }),
        aShipment({ id: 'gone', status: 'cancelled' }),
      ],
    });
    const card = orderTransaction(order);
    expect(card).toEqual({
      type: 'ORDER',
      orderNumber: '1037',
      orderStatus: 'Shipped',
      orderTotal: '¥2,400',
      currencyCode: 'JPY',
      createdAt: '2026-11-01T10:00:00Z',
      orderLink: 'https://admin.example/orders/1',
      itemCount: '3',
      note: 'Gift wrap',
      products: [
        {
          id: 'li-1',
          name: 'Mug (Blue)',
          sku: 'MUG-01',
          quantity: '2',
          unitPrice: '¥1,200',
          status: 'fulfilled',
        },
        { id: 'li-2', name: 'Tea', sku: 'TEA-9', quantity: '1', status: 'unfulfilled' },
      ],
      fulfillments: [
        {
          status: 'Exception',
          carrier: 'UPS',
          trackingNumber: '1Z999',
          trackingUrl: 'https://ups.example/1Z999',
          estimatedDeliveryDate: '2026-11-05T00:00:00Z',
          productIds: ['li-1'],
        },
      ],
    });
    expect(orderTransaction(anOrder({ status: 'cancelled', totals: {} })).orderStatus).toBe('Cancelled');
    expect(
      orderTransaction(anOrder({ totals: { total: { amount: '1.25', currency: 'KWD' } } })).orderTotal,
    ).toBe('KWD 1.250');
  });

  it('custom attributes are flat strings, each always sent so a flag that cleared is cleared in Gladly', () => {
    const calm = customAttributes(context());
    expect(calm).toEqual({
      lifetimeValue: '$1,234.50',
      ordersCount: '7',
      openCases: '0',
      flags: '',
      escalate: 'no',
      escalationReasons: '',
      policy: '',
      remediesGranted: '',
      unavailableSystems: '',
    });
    const troubled = customAttributes(
      context({
        cases: [aCase(), aCase({ id: '102', status: 'solved' }), aCase({ id: '103', status: 'pending' })],
        insights: {
          flags: [
            {
              code: 'delivery_exception',
              severity: 'critical',
              message: 'Order 1037: the carrier reports a problem',
            },
            { code: 'source_unavailable', severity: 'warning', message: 'stripe could not be asked' },
          ],
          escalate: true,
          escalationReasons: ['delivery_exception'],
          decisions: [
            {
              orderNumber: '1037',
              playbook: 'where-is-my-order',
              title: 'Where is my order?',
              situation: 'where_is_my_order',
              by: 'detected',
              rule: 'lost-in-transit',
              why: 'A week past its estimate.',
              remedies: [
                { remedy: 'reship', channels: ['agent'], approval: false, action: 'replacement' },
                {
                  remedy: 'refund',
                  amount: { amount: '74.91', currency: 'USD' },
                  channels: ['agent'],
                  approval: true,
                  action: 'refund',
                },
              ],
            },
          ],
        },
        remedies: [
          {
            actionId: 'a1',
            orderNumber: '1002',
            remedy: 'store_credit',
            status: 'succeeded',
            amount: { amount: '10.00', currency: 'USD' },
            requestedBy: 'helpdesk',
            requestedAt: '2026-12-01T10:00:00Z',
          },
        ],
        sources: [
          { connector: 'shopify', system: 'oms', status: 'ok' },
          { connector: 'stripe', system: 'payments', status: 'unavailable' },
          { connector: 'shipbob', system: 'wms', status: 'stale' },
        ],
      }),
    );
    expect(troubled).toMatchObject({
      openCases: '2',
      flags: 'Order 1037: the carrier reports a problem; stripe could not be asked',
      escalate: 'yes',
      escalationReasons: 'delivery_exception',
      policy: '#1037 Where is my order? (lost-in-transit): reship · refund $74.91 (approval)',
      remediesGranted: '#1002 store credit $10.00 (succeeded)',
      unavailableSystems: 'stripe (unavailable), shipbob (stale)',
    });
    for (const value of Object.values(troubled)) expect(typeof value).toBe('string');
  });

  it('a DETAILED result is one valid answer with the profile, attributes and cards', () => {
    const answer = {
      results: [
        detailedResult(
          'ada@example.com',
          context({
            orders: [
              anOrder({
                lineItems,
                shippingAddress: { line1: '1 Main St', city: 'Leeds', postalCode: 'LS1', countryCode: 'GB' },
              }),
            ],
          }),
        ),
      ],
    };
    expect(GladlyAnswerSchema.parse(answer)).toEqual(answer);
    expect(answer.results[0]).toMatchObject({
      externalCustomerId: 'ada@example.com',
      name: 'Ada Lovelace',
      address: '1 Main St, Leeds, LS1, GB',
      transactions: [{ orderNumber: '1001' }],
    });
  });
});
