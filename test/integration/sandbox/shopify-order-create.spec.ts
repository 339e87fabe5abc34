import { ORDER_CREATE, ORDER_FOR_REPLACEMENT } from '../../../connectors/shopify/shopify.remedy-mutations';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { ANCHOR, control, graphql } from './sandbox.helpers';

/** Action ids are UUIDs; the hub tags what it creates `hub-<action id>` (40 characters). */
const ACTION = '3f2b8c1e-5d4a-4c6b-9e7f-0a1b2c3d4e5f';
const OTHER_ACTION = '9a8b7c6d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
const NOW = /^2025-06-01T12:0\d:\d\dZ$/;
const OPTIONS = {
  inventoryBehaviour: 'DECREMENT_OBEYING_POLICY',
  sendReceipt: false,
  sendFulfillmentReceipt: false,
};

const withoutNulls = (value: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));

describe('sandbox: Shopify orderCreate (a replacement order)', () => {
  let sandbox: Sandbox;
  /** The name orderCreate gives first: after the highest number the world used. */
  let first: number;

  /** OrderForReplacement as the connector sends it: the order by quoted name, a replacement by quoted tag. */
  const forReplacement = async (name: string, actionId = ACTION) => {
    const reply = await graphql(sandbox, ORDER_FOR_REPLACEMENT, {
      query: `name:"${name}"`,
      placed: `tag:"hub-${actionId}"`,
    });
    expect(reply.body.errors).toBeUndefined();
    return reply.body.data;
  };
  /** The OrderCreate variables the connector builds from an OrderForReplacement node. */
  const replacementOf = (source: any, actionId = ACTION) => {
    const shop = source.currencyCode;
    const paid = source.presentmentCurrencyCode ?? shop;
    const free = {
      shopMoney: { amount: '0', currencyCode: shop },
      ...(paid !== shop ? { presentmentMoney: { amount: '0', currencyCode: paid } } : {}),
    };
    return {
      order: {
        currency: shop,
        ...(paid !== shop ? { presentmentCurrency: paid } : {}),
        ...(source.customer ? { customer: { toAssociate: { id: source.customer.id } } } : {}),
        ...(source.email ? { email: source.email } : {}),
        ...(source.shippingAddress ? { shippingAddress: withoutNulls(source.shippingAddress) } : {}),
        lineItems: source.lineItems.nodes.map((line: any) => ({
          ...(line.variant ? { variantId: line.variant.id } : { title: line.title }),
          ...(line.sku ? { sku: line.sku } : {}),
          quantity: line.quantity,
          requiresShipping: line.requiresShipping ?? true,
          priceSet: free,
        })),
        financialStatus: 'PAID',
        note: `Replacement for order ${source.name}: arrived broken [hub:${actionId}]`,
        tags: ['hub-replacement', `hub-${actionId}`],
        sourceIdentifier: actionId,
      },
      options: OPTIONS,
    };
  };
  const create = (variables: Record<string, unknown>) => graphql(sandbox, ORDER_CREATE, variables);
  const orderNamed = async (query: string) =>
    (
      await graphql(
        sandbox,
        'query Find($q: String!) { orders(first: 5, query: $q) { nodes { id name } } }',
        { q: query },
      )
    ).body.data.orders.nodes;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    first = Math.max(...sandbox.world.orders.map((o) => o.number)) + 1;
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  describe('OrderForReplacement', () => {
    it('reads every field the connector selects from a world order; no replacement yet', async () => {
      const data = await forReplacement('#1004');
      expect(data.placed.nodes).toEqual([]);
      expect(data.orders.nodes).toHaveLength(1);
      const [order] = data.orders.nodes;
      expect(order).toMatchObject({
        id: 'gid://shopify/Order/5001004',
        name: '#1004',
        cancelledAt: null,
        currencyCode: 'EUR',
        presentmentCurrencyCode: 'EUR',
        email: expect.stringContaining('@'),
        customer: { id: expect.stringMatching(/^gid:\/\/shopify\/Customer\/\d+$/) },
        shippingAddress: { countryCode: 'DE', city: 'Berlin', firstName: expect.any(String) },
      });
      const world = sandbox.world.orders.find((o) => o.number === 1004)!;
      expect(order.lineItems.nodes).toEqual(
        world.lineItems.map((l) => ({
          sku: l.sku,
          title: l.title,
          quantity: l.quantity,
          requiresShipping: true,
          variant: { id: expect.stringMatching(/^gid:\/\/shopify\/ProductVariant\/\d+$/) },
        })),
      );
    });

    it('the same variant id for the same SKU everywhere, and node(id) reads it', async () => {
      const ids = new Map<string, string>();
      for (const name of ['#1001', '#1004', '#1005']) {
        for (const line of (await forReplacement(name)).orders.nodes[0].lineItems.nodes) {
          expect(ids.get(line.sku) ?? line.variant.id).toBe(line.variant.id);
          ids.set(line.sku, line.variant.id);
        }
      }
      const [[sku, id]] = [...ids];
      const node = await graphql(sandbox, `{ node(id: "${id}") { ... on ProductVariant { id sku } } }`);
      expect(node.body.data.node).toEqual({ id, sku });
    });
  });

  describe('orderCreate', () => {
    it('creates the replacement: the next name, now, unfulfilled, free, as asked; every read sees it', async () => {
      const source = (await forReplacement('#1004')).orders.nodes[0];
      const orders = async () =>
        (await graphql(sandbox, `{ customer(id: "${source.customer.id}") { numberOfOrders } }`)).body.data
          .customer.numberOfOrders;
      const before = Number(await orders());
      const reply = await create(replacementOf(source));
      const legacy = String(5_000_000 + first);
      expect(reply.body).toMatchObject({
        data: {
          orderCreate: {
            order: { id: `gid://shopify/Order/${legacy}`, legacyResourceId: legacy, name: `#${first}` },
            userErrors: [],
          },
        },
        extensions: { cost: { requestedQueryCost: 10, actualQueryCost: 10 } },
      });
      const created = reply.body.data.orderCreate.order;

      // The connector's own look-up finds it by tag; so do the other spellings and reads.
      expect((await forReplacement('#1004')).placed.nodes).toEqual([created]);
      for (const query of [`tag:hub-${ACTION}`, `tag:'hub-${ACTION}'`, `tag:"HUB-${ACTION.toUpperCase()}"`])
        expect(await orderNamed(query)).toEqual([{ id: created.id, name: created.name }]);
      expect(await orderNamed(`tag:hub-replacement name:${first}`)).toEqual([
        { id: created.id, name: created.name },
      ]);
      expect((await forReplacement(`#${first}`)).orders.nodes).toHaveLength(1);
      const node = await graphql(sandbox, `{ node(id: "${created.id}") { ... on Order { name } } }`);
      expect(node.body.data.node).toEqual({ name: `#${first}` });

      const read = await graphql(
        sandbox,
        `
          query Created($id: ID!) {
            order(id: $id) {
              name
              createdAt
              cancelledAt
              displayFinancialStatus
              displayFulfillmentStatus
              currencyCode
              presentmentCurrencyCode
              email
              note
              tags
              sourceIdentifier
              transactions {
                kind
              }
              totalPriceSet {
                shopMoney {
                  amount
                  currencyCode
                }
                presentmentMoney {
                  amount
                  currencyCode
                }
              }
              customer {
                id
                numberOfOrders
              }
              shippingAddress {
                firstName
                lastName
                company
                address1
                address2
                city
                provinceCode
                countryCode
                zip
                phone
              }
              lineItems(first: 10) {
                nodes {
                  sku
                  title
                  quantity
                  requiresShipping
                  unfulfilledQuantity
                  variant {
                    id
                  }
                }
              }
            }
          }
        `,
        { id: created.id },
      );
      const order = read.body.data.order;
      expect(order).toEqual({
        name: `#${first}`,
        createdAt: expect.stringMatching(NOW),
        cancelledAt: null,
        displayFinancialStatus: 'PAID',
        displayFulfillmentStatus: 'UNFULFILLED',
        currencyCode: 'EUR',
        presentmentCurrencyCode: 'EUR',
        email: source.email,
        note: `Replacement for order #1004: arrived broken [hub:${ACTION}]`,
        tags: ['hub-replacement', `hub-${ACTION}`],
        sourceIdentifier: ACTION,
        transactions: [],
        totalPriceSet: {
          shopMoney: { amount: '0.0', currencyCode: 'EUR' },
          presentmentMoney: { amount: '0.0', currencyCode: 'EUR' },
        },
        customer: { id: source.customer.id, numberOfOrders: String(before + 1) },
        shippingAddress: source.shippingAddress,
        lineItems: {
          nodes: source.lineItems.nodes.map((l: any) => ({ ...l, unfulfilledQuantity: l.quantity })),
        },
      });

      expect(sandbox.writes()).toEqual({
        writes: [
          {
            vendor: 'shopify',
            operation: 'orderCreate',
            orderNumber: String(first),
            key: ACTION,
            at: expect.stringMatching(NOW),
          },
        ],
        replays: 0,
      });
      expect(sandbox.stats().vendors.shopify.writes).toBe(1);
    });

    it('numbers orders on; a custom line by title; shop and presentment money apart; a tag marks the action', async () => {
      await create(replacementOf((await forReplacement('#1001')).orders.nodes[0]));
      const reply = await create({
        order: {
          currency: 'USD',
          presentmentCurrency: 'EUR',
          customerId: 'gid://shopify/Customer/7000001',
          lineItems: [
            {
              title: 'Gift wrap',
              quantity: 2,
              requiresShipping: false,
              priceSet: {
                shopMoney: { amount: '2.50', currencyCode: 'USD' },
                presentmentMoney: { amount: '2.3', currencyCode: 'EUR' },
              },
            },
          ],
          financialStatus: 'PAID',
          tags: [`hub-${OTHER_ACTION}`],
        },
      });
      const created = reply.body.data.orderCreate.order;
      expect(created.name).toBe(`#${first + 1}`);
      const read = await graphql(
        sandbox,
        `{ order(id: "${created.id}") { currencyCode presentmentCurrencyCode displayFinancialStatus email
          totalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          transactions { kind amountSet { shopMoney { amount } presentmentMoney { amount } } }
          shippingAddress { city }
          lineItems(first: 5) { nodes { title sku variant { id } requiresShipping } } } }`,
      );
      expect(read.body.data.order).toEqual({
        currencyCode: 'USD',
        presentmentCurrencyCode: 'EUR',
        displayFinancialStatus: 'PAID',
        email: 'alice.martin@example.com',
        totalPriceSet: {
          shopMoney: { amount: '5.0', currencyCode: 'USD' },
          presentmentMoney: { amount: '4.6', currencyCode: 'EUR' },
        },
        transactions: [
          { kind: 'SALE', amountSet: { shopMoney: { amount: '5.0' }, presentmentMoney: { amount: '4.6' } } },
        ],
        shippingAddress: null,
        lineItems: { nodes: [{ title: 'Gift wrap', sku: null, variant: null, requiresShipping: false }] },
      });
      expect(sandbox.writes().writes.map((w) => [w.operation, w.orderNumber, w.key])).toEqual([
        ['orderCreate', String(first), ACTION],
        ['orderCreate', String(first + 1), OTHER_ACTION],
      ]);
    });

    it('stays in the Shopify view: the warehouse, the payment provider and the world never see it', async () => {
      await create(replacementOf((await forReplacement('#1004')).orders.nodes[0]));
      const shipbob = await fetch(`${sandbox.url}/2026-01/order?ReferenceIds=${first}`, {
        headers: { authorization: 'Bearer shipbob_sandbox' },
      });
      expect(await shipbob.json()).toEqual([]);
      const stripe = await fetch(
        `${sandbox.url}/v1/payment_intents/search?query=${encodeURIComponent(`metadata['order_number']:'${first}'`)}`,
        { headers: { authorization: 'Bearer sk_test_sandbox' } },
      );
      expect(((await stripe.json()) as any).data).toEqual([]);
      const world = await control(sandbox, 'GET', '/_sandbox/world/orders');
      expect(world.body.map((o: any) => o.number)).not.toContain(String(first));
      expect(sandbox.world.orders.map((o) => o.number)).not.toContain(first);
    });

    it('refuses with userErrors (code INVALID) and writes nothing', async () => {
      const none = await create({ order: { lineItems: [], tags: ['x'.repeat(41)], email: 'not-an-email' } });
      expect(none.body.data.orderCreate).toEqual({
        order: null,
        userErrors: [
          { field: ['order', 'email'], message: 'Email is invalid', code: 'INVALID' },
          { field: ['order', 'tags'], message: expect.stringContaining('40'), code: 'INVALID' },
          {
            field: ['order', 'lineItems'],
            message: expect.stringContaining('at least one line item'),
            code: 'INVALID',
          },
        ],
      });
      const bad = await create({
        order: {
          customer: { toAssociate: { id: 'gid://shopify/Customer/1' } },
          lineItems: [
            { variantId: 'gid://shopify/ProductVariant/1', quantity: 1 },
            { variantId: 'gid://shopify/ProductVariant/44100001', quantity: 0 },
            { sku: 'CUSTOM', quantity: 1 },
            { title: 'Sample', quantity: 1, priceSet: { shopMoney: { amount: '-1', currencyCode: 'USD' } } },
            { title: 'Sample', quantity: 1, priceSet: { shopMoney: { amount: '1', currencyCode: 'EUR' } } },
          ],
        },
        options: OPTIONS,
      });
      expect(bad.body.data.orderCreate.order).toBeNull();
      expect(bad.body.data.orderCreate.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
        ['order.customer.toAssociate.id', 'INVALID'],
        ['order.lineItems.0.variantId', 'INVALID'],
        ['order.lineItems.1.quantity', 'INVALID'],
        ['order.lineItems.2.title', 'INVALID'],
        ['order.lineItems.2.priceSet', 'INVALID'],
        ['order.lineItems.3.priceSet.shopMoney.amount', 'INVALID'],
        ['order.lineItems.4.priceSet.shopMoney.currencyCode', 'INVALID'],
      ]);
      const line = { variantId: 'gid://shopify/ProductVariant/44100001', quantity: 1 };
      const odd = await create({
        order: {
          currency: 'CHF',
          customer: { toAssociate: { id: 'gid://shopify/Customer/7000001' } },
          customerId: 'gid://shopify/Customer/7000001',
          processedAt: '2030-01-01T00:00:00Z',
          lineItems: [line],
        },
      });
      expect(odd.body.data.orderCreate.userErrors.map((e: any) => [e.field.join('.'), e.code])).toEqual([
        ['order.currency', 'INVALID'],
        ['order.customerId', 'REDUNDANT_CUSTOMER_FIELDS'],
        ['order.processedAt', 'PROCESSED_AT_INVALID'],
      ]);
      expect(sandbox.writes().writes).toEqual([]);
      expect(await orderNamed(`name:${first}`)).toEqual([]);
    });

    it('answers malformed arguments with GraphQL errors and writes nothing', async () => {
      const line = { variantId: 'gid://shopify/ProductVariant/44100001', quantity: 1 };
      const unknown = await create({ order: { lineItems: [line], colour: 'red' } });
      expect(unknown.body.errors[0]).toMatchObject({
        message:
          'Variable $order of type OrderCreateOrderInput! was provided invalid value for colour (Field is not defined on OrderCreateOrderInput)',
        extensions: {
          code: 'INVALID_VARIABLE',
          problems: [{ path: ['colour'], explanation: 'Field is not defined on OrderCreateOrderInput' }],
        },
      });
      const typed = await create({
        order: { lineItems: [{ ...line, quantity: 'two' }], financialStatus: 'FREE' },
      });
      expect(typed.body.errors[0].extensions.problems).toEqual([
        { path: ['lineItems', 0, 'quantity'], explanation: 'Could not coerce value "two" to Int' },
        { path: ['financialStatus'], explanation: expect.stringContaining('to be one of: AUTHORIZED') },
      ]);
      const missing = await create({});
      expect(missing.body.errors[0]).toMatchObject({ extensions: { code: 'INVALID_VARIABLE' } });
      const unsimulated = await create({
        order: { lineItems: [line], shippingLines: [{ title: 'Express' }] },
      });
      expect(unsimulated.body.errors[0]).toMatchObject({
        message: "The sandbox's orderCreate does not simulate order.shippingLines",
        extensions: { code: 'BAD_REQUEST' },
      });
      const literal = await graphql(
        sandbox,
        'mutation { orderCreate(order: { lineItems: [{ quantity: 1, variantId: 5 }] }, colour: 1) { userErrors { message } } }',
      );
      expect(literal.body.errors[0].extensions.code).toBe('argumentNotAccepted');
      expect(sandbox.writes().writes).toEqual([]);
    });
  });

  describe('faults and reset', () => {
    it('a throttled or failed orderCreate creates nothing', async () => {
      const source = (await forReplacement('#1004')).orders.nodes[0];
      await control(sandbox, 'PUT', '/_sandbox/faults/shopify', {
        throttleRate: 1,
        operations: ['OrderCreate'],
      });
      expect((await create(replacementOf(source))).body.errors[0].extensions.code).toBe('THROTTLED');
      await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { throttleRate: 0, errorRate: 1 });
      expect((await create(replacementOf(source))).status).toBe(503);
      await control(sandbox, 'DELETE', '/_sandbox/faults/shopify');
      expect((await forReplacement('#1004')).placed.nodes).toEqual([]);
      expect(sandbox.writes().writes).toEqual([]);
      expect(sandbox.stats().vendors.shopify.operations).toMatchObject({ OrderCreate: 2 });
    });

    it('reset drops created orders, empties the ledger, and numbering starts again', async () => {
      const source = (await forReplacement('#1004')).orders.nodes[0];
      await create(replacementOf(source));
      await control(sandbox, 'POST', '/_sandbox/reset');
      expect(await orderNamed(`name:${first}`)).toEqual([]);
      expect((await forReplacement('#1004')).placed.nodes).toEqual([]);
      expect(sandbox.writes()).toEqual({ writes: [], replays: 0 });
      const again = await create(replacementOf(source, OTHER_ACTION));
      expect(again.body.data.orderCreate.order.name).toBe(`#${first}`);
    });
  });
});
