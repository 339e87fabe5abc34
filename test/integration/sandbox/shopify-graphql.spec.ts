import {
  CUSTOMERS_BY_EMAIL,
  HEALTH,
  ORDER_BY_NAME,
  ORDER_FIELDS,
} from '../../../connectors/shopify/shopify.queries';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { ANCHOR, GRAPHQL_PATH, graphql } from './sandbox.helpers';

describe('sandbox: Shopify GraphQL Admin API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('rejects a wrong access token with 401 and Shopify’s message', async () => {
    const reply = await graphql(sandbox, HEALTH, undefined, { token: 'shpat_wrong' });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    });
  });

  it('answers OrderByName for #1001 with the scenario’s facts', async () => {
    const reply = await graphql(sandbox, ORDER_BY_NAME, { query: 'name:#1001' });
    expect(reply.status).toBe(200);
    const nodes = reply.body.data.orders.nodes;
    expect(nodes).toHaveLength(1);
    const order = nodes[0];
    expect(order).toMatchObject({
      id: 'gid://shopify/Order/5001001',
      legacyResourceId: '5001001',
      name: '#1001',
      email: 'alice.martin@example.com',
      currencyCode: 'USD',
      displayFinancialStatus: 'PAID',
      displayFulfillmentStatus: 'FULFILLED',
      cancelledAt: null,
      cancelReason: null,
      customer: { email: 'alice.martin@example.com', firstName: 'Alice', lastName: 'Martin' },
      shippingAddress: { city: 'New York', zip: '10001', countryCodeV2: 'US', provinceCode: 'NY' },
      totalPriceSet: { shopMoney: { amount: '77.07', currencyCode: 'USD' } },
      risk: { recommendation: 'ACCEPT', assessments: [{ riskLevel: 'LOW' }] },
    });
    expect(order.lineItems.nodes).toHaveLength(2);
    expect(order.fulfillments).toHaveLength(1);
    const [fulfillment] = order.fulfillments;
    expect(fulfillment).toMatchObject({
      status: 'SUCCESS',
      displayStatus: 'DELIVERED',
      trackingInfo: [{ company: 'UPS', number: '1Z999AA10123456784' }],
    });
    expect(fulfillment.events.nodes.length).toBeGreaterThanOrEqual(3);
    for (const event of fulfillment.events.nodes) {
      expect(Object.keys(event).sort()).toEqual(
        ['city', 'country', 'happenedAt', 'id', 'message', 'province', 'status'].sort(),
      );
    }
    expect(order.transactions).toEqual([
      expect.objectContaining({
        kind: 'SALE',
        status: 'SUCCESS',
        parentTransaction: null,
        paymentDetails: expect.objectContaining({ company: 'Visa', number: '•••• •••• •••• 4242' }),
      }),
    ]);
    // Projection: what the query did not select is not there.
    expect(Object.keys(order.totalPriceSet)).toEqual(['shopMoney']);
    expect(order).not.toHaveProperty('billingAddress');
    expect(order.shippingAddress).not.toHaveProperty('country');
    expect(order.customer).not.toHaveProperty('note');
    expect(order.customer.tags).toEqual(['vip']); // selected: playbooks read the buyer's tags
  });

  it('serves the connector’s order fields for every order in the world', async () => {
    const reply = await graphql(
      sandbox,
      `query AllOrders { orders(first: 250) { nodes { ${ORDER_FIELDS} } } }`,
    );
    expect(reply.body.errors).toBeUndefined();
    // #1041 exists only in the WMS (omsMissing), so Shopify does not list it.
    expect(reply.body.data.orders.nodes).toHaveLength(
      sandbox.world.orders.filter((o) => !o.omsMissing).length,
    );
  });

  it('finds an order by name with or without "#" and with quotes', async () => {
    for (const query of ['name:1001', 'name:#1001', 'name:"#1001"', "name:'1001'"]) {
      const reply = await graphql(sandbox, ORDER_BY_NAME, { query });
      expect(reply.body.data.orders.nodes.map((o: { name: string }) => o.name)).toEqual(['#1001']);
    }
  });

  it('returns empty nodes for an unknown order', async () => {
    const reply = await graphql(sandbox, ORDER_BY_NAME, { query: 'name:#999999' });
    expect(reply.status).toBe(200);
    expect(reply.body.data.orders.nodes).toEqual([]);
  });

  it('shows the scenario amounts as Shopify prints decimals (JPY, KWD)', async () => {
    const jpy = await graphql(sandbox, ORDER_BY_NAME, { query: 'name:1003' });
    expect(jpy.body.data.orders.nodes[0].lineItems.nodes[0].originalUnitPriceSet.shopMoney).toEqual({
      amount: '4500.0',
      currencyCode: 'JPY',
    });
    const kwd = await graphql(sandbox, ORDER_BY_NAME, { query: 'name:1008' });
    expect(kwd.body.data.orders.nodes[0].lineItems.nodes[0].originalUnitPriceSet.shopMoney).toEqual({
      amount: '12.345',
      currencyCode: 'KWD',
    });
  });

  it('answers CustomersByEmail, case-insensitively', async () => {
    const reply = await graphql(sandbox, CUSTOMERS_BY_EMAIL, { query: 'email:Alice.Martin@example.com' });
    const [customer] = reply.body.data.customers.nodes;
    expect(reply.body.data.customers.nodes).toHaveLength(1);
    expect(customer).toMatchObject({
      id: 'gid://shopify/Customer/7000001',
      email: 'alice.martin@example.com',
      phone: '+12125550143',
      firstName: 'Alice',
      lastName: 'Martin',
      tags: ['vip'],
      amountSpent: { currencyCode: 'USD' },
    });
    expect(typeof customer.numberOfOrders).toBe('string');
    expect(Number(customer.numberOfOrders)).toBeGreaterThanOrEqual(3);
  });

  it('answers HubHealthCheck and reports the query cost on every reply', async () => {
    const reply = await graphql(sandbox, HEALTH);
    expect(reply.body.data).toEqual({ shop: { name: 'Context Hub Sandbox', currencyCode: 'USD' } });
    expect(reply.body.extensions.cost).toEqual({
      requestedQueryCost: 1,
      actualQueryCost: 1,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: expect.any(Number), restoreRate: 100 },
    });
    const order = await graphql(sandbox, ORDER_BY_NAME, { query: 'name:1001' });
    expect(order.body.extensions.cost.actualQueryCost).toBeGreaterThan(5);
    expect(order.body.extensions.cost.throttleStatus.currentlyAvailable).toBeLessThan(2000);
  });

  it('projects aliases, inline fragments, __typename, edges and first', async () => {
    const query = `query Projection($q: String) {
      orders(first: 2, query: $q) {
        edges { cursor node { __typename number: name lineItems(first: 1) { nodes { sku } } } }
        pageInfo { hasNextPage }
      }
      shop { __typename }
    }`;
    const reply = await graphql(sandbox, query, { q: 'email:alice.martin@example.com' });
    expect(reply.body.errors).toBeUndefined();
    const { edges, pageInfo } = reply.body.data.orders;
    expect(edges).toHaveLength(2);
    expect(edges[0].node).toEqual({
      __typename: 'Order',
      number: '#1001',
      lineItems: { nodes: [{ sku: 'TEE-ORG-BLK-M' }] },
    });
    expect(typeof edges[0].cursor).toBe('string');
    expect(pageInfo).toEqual({ hasNextPage: true });
    expect(reply.body.data.shop).toEqual({ __typename: 'Shop' });
  });

  it('reports unknown fields, missing variables and syntax errors as GraphQL errors', async () => {
    const unknown = await graphql(sandbox, '{ shop { name flavour } }');
    expect(unknown.status).toBe(200);
    expect(unknown.body.errors[0]).toMatchObject({
      message: "Field 'flavour' doesn't exist on type 'Shop'",
      extensions: { code: 'undefinedField' },
    });
    expect(unknown.body.data).toBeUndefined();

    const missing = await graphql(sandbox, ORDER_BY_NAME, {});
    expect(missing.body.errors[0].message).toBe('Variable $query of type String! was provided invalid value');

    const syntax = await graphql(sandbox, '{ shop { name ');
    expect(syntax.body.errors[0].message).toMatch(/Syntax Error/);

    const noFirst = await graphql(sandbox, '{ orders { nodes { id } } }');
    expect(noFirst.body.errors[0].message).toBe('you must provide one of first or last');
  });

  it('answers 400 when the body has no query', async () => {
    const res = await fetch(sandbox.url + GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_sandbox' },
      body: '{}',
    });
    expect(res.status).toBe(400);
  });

  it('throttles for real when the cost bucket runs dry', async () => {
    const tight = await startSandbox({
      port: 0,
      anchor: ANCHOR,
      shopifyRateLimit: { maximumAvailable: 20, restoreRate: 1 },
    });
    try {
      const first = await graphql(tight, ORDER_BY_NAME, { query: 'name:1001' });
      expect(first.body.data).toBeDefined();
      const second = await graphql(tight, ORDER_BY_NAME, { query: 'name:1001' });
      expect(second.status).toBe(200);
      expect(second.body.errors[0].extensions.code).toBe('THROTTLED');
      expect(second.body.extensions.cost.actualQueryCost).toBeNull();
    } finally {
      await tight.close();
    }
  });
});
