import nock from 'nock';
import { type RunGraphql } from '../../../connectors/shopify/shopify.actions';
import { replaceOrder } from '../../../connectors/shopify/shopify.remedies';
import { type ActionRequest, type Connector, ConnectorError } from '../../../src/connectors/contract';
import { type Json, shopifyReply } from '../../fixtures/shopify';
import { failure } from '../../support/connector-failure';
import { ADMIN, answerGraphql, createShopify, type Sent } from '../../support/shopify-graphql';

const create = createShopify;
const answer = answerGraphql;

const replacement: ActionRequest = {
  id: '3f2a9c4e-1b7d-4e8a-9c0f-5d6e7f8a9b0c',
  type: 'replacement',
  orderNumber: '1003',
  params: { items: [{ sku: 'mug-cer-12', quantity: 1 }], reason: 'Arrived broken' },
};
const credit: ActionRequest = {
  id: 'act-s1',
  type: 'store_credit',
  orderNumber: '1003',
  params: { amount: '10.00', currency: 'USD', reason: 'Late parcel' },
};

const source = (change: (o: Json) => void = () => undefined, placed: Json[] = []) => {
  const reply = shopifyReply('order-for-replacement');
  change(reply.data.orders.nodes[0]);
  reply.data.placed.nodes = placed;
  return reply;
};
const owner = (change: (o: Json) => void = () => undefined) => {
  const reply = shopifyReply('order-for-store-credit');
  change(reply.data.orders.nodes[0]);
  return reply;
};
const refusedWith = (fixture: 'order-create' | 'store-credit-credit', errors: Json[]) => {
  const reply = shopifyReply(fixture);
  const payload = Object.values(reply.data)[0] as Json;
  payload.userErrors = errors;
  payload[fixture === 'order-create' ? 'order' : 'storeCreditAccountTransaction'] = null;
  return reply;
};

describe('ShopifyConnector remedies: replacement order and store credit (GraphQL Admin API via nock)', () => {
  let connector: Connector;
  let sent: Sent[];

  beforeEach(() => {
    sent = [];
    connector = create();
  });

  afterEach(async () => {
    await connector.close?.();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  describe('replacement', () => {
    it('reads the order and any order tagged with the action in one call, then creates the items again at no charge', async () => {
      answer(sent, source());
      answer(sent, shopifyReply('order-create'));

      const result = await connector.performAction!(replacement);

      expect(sent.map((s) => s.operation)).toEqual(['OrderForReplacement', 'OrderCreate']);
      expect(sent[0].variables).toEqual({
        query: 'name:"#1003"',
        placed: `tag:"hub-${replacement.id}"`,
      });
      expect(`hub-${replacement.id}`).toHaveLength(40); // Shopify's longest tag
      expect(sent[1].variables).toEqual({
        order: {
          currency: 'USD',
          customer: { toAssociate: { id: 'gid://shopify/Customer/7001' } },
          email: 'jane.doe@example.com',
          shippingAddress: {
            firstName: 'Jane',
            lastName: 'Doe',
            address1: '12 Elm Street',
            address2: 'Apt 4',
            city: 'Portland',
            provinceCode: 'OR',
            countryCode: 'US',
            zip: '97201',
          },
          lineItems: [
            {
              variantId: 'gid://shopify/ProductVariant/4101',
              sku: 'MUG-CER-12',
              quantity: 1,
              requiresShipping: true,
              priceSet: { shopMoney: { amount: '0', currencyCode: 'USD' } },
            },
          ],
          financialStatus: 'PAID',
          note: `Replacement for order #1003: Arrived broken [hub:${replacement.id}]`,
          tags: ['hub-replacement', `hub-${replacement.id}`],
          sourceIdentifier: replacement.id,
        },
        options: {
          inventoryBehaviour: 'DECREMENT_OBEYING_POLICY',
          sendReceipt: false,
          sendFulfillmentReceipt: false,
        },
      });
      expect(result).toEqual({
        externalId: 'gid://shopify/Order/5903456789999',
        url: `${ADMIN}/orders/5903456789999`,
        summary: 'Shopify created replacement order #1065 for order #1003 (1 item, no charge).',
      });
    });

    it('replaces every item as ordered when none is named, a line without a variant by its title, in the currency paid', async () => {
      answer(
        sent,
        source((o) => {
          o.presentmentCurrencyCode = 'CAD';
          o.customer = null;
          o.shippingAddress = null;
        }),
      );
      answer(sent, shopifyReply('order-create'));
      const every: ActionRequest = { ...replacement, params: {} } as ActionRequest;

      const result = await connector.performAction!(every);

      const order = sent[1].variables.order;
      expect(order.presentmentCurrency).toBe('CAD');
      expect(order).not.toHaveProperty('customer');
      expect(order).not.toHaveProperty('shippingAddress');
      expect(order.note).toBe(`Replacement for order #1003 [hub:${replacement.id}]`);
      const free = {
        shopMoney: { amount: '0', currencyCode: 'USD' },
        presentmentMoney: { amount: '0', currencyCode: 'CAD' },
      };
      expect(order.lineItems).toEqual([
        {
          variantId: 'gid://shopify/ProductVariant/4101',
          sku: 'MUG-CER-12',
          quantity: 2,
          requiresShipping: true,
          priceSet: free,
        },
        {
          variantId: 'gid://shopify/ProductVariant/4102',
          sku: 'TEE-ORG-BLK-M',
          quantity: 1,
          requiresShipping: true,
          priceSet: free,
        },
        { title: 'Gift wrap', quantity: 1, requiresShipping: false, priceSet: free },
      ]);
      expect(result.summary).toMatch(/\(4 items, no charge\)/);
    });

    it('answers with the order an earlier attempt created, without creating another', async () => {
      answer(
        sent,
        source(undefined, [{ id: 'gid://shopify/Order/77', legacyResourceId: '77', name: '#1066' }]),
      );
      const create = answer(sent, shopifyReply('order-create'));

      const result = await connector.performAction!(replacement);

      expect(create.isDone()).toBe(false);
      expect(result).toEqual({
        externalId: 'gid://shopify/Order/77',
        url: `${ADMIN}/orders/77`,
        summary: 'Shopify already has replacement order #1066 for order #1003.',
      });
    });

    it.each([
      [
        'an unknown SKU',
        { items: [{ sku: 'NOPE-1' }] },
        undefined,
        'Order #1003 has no item with SKU NOPE-1',
      ],
      [
        'more than was ordered',
        { items: [{ sku: 'TEE-ORG-BLK-M', quantity: 2 }] },
        undefined,
        'Order #1003 has 1 of SKU TEE-ORG-BLK-M; a replacement of 2 is more than was ordered',
      ],
      [
        'a cancelled order',
        {},
        (o: Json) => (o.cancelledAt = '2026-11-20T10:00:00Z'),
        'Order #1003 is cancelled (2026-11-20T10:00:00Z): nothing to replace',
      ],
    ])('refuses %s without writing (rejected)', async (_what, params, change, message) => {
      answer(sent, source(change));
      const create = answer(sent, shopifyReply('order-create'));

      const error = await failure(connector.performAction!({ ...replacement, params } as ActionRequest));

      expect(error).toMatchObject({ code: 'rejected', retryable: false, message });
      expect(create.isDone()).toBe(false);
    });

    it('reports what Shopify refuses (userErrors) as rejected, and an unknown order as not_found', async () => {
      answer(sent, source());
      answer(
        sent,
        refusedWith('order-create', [
          {
            field: ['order', 'lineItems', '0', 'variantId'],
            message: 'Variant is out of stock',
            code: 'INVALID',
          },
        ]),
      );
      expect(await failure(connector.performAction!(replacement))).toMatchObject({
        code: 'rejected',
        message: 'Shopify refused to create a replacement for order #1003: Variant is out of stock',
      });
      answer(
        sent,
        source((o) => (o.name = '#10030')),
      );
      expect(await failure(connector.performAction!(replacement))).toMatchObject({ code: 'not_found' });
    });
  });

  it('marks a failed mutation as perhaps made (maybeWritten), and a failed read or a refused connection as not', async () => {
    answer(sent, source());
    answer(sent, { errors: 'Internal error' }, 502);
    expect(await failure(connector.performAction!(replacement))).toMatchObject({
      code: 'upstream_unavailable',
      maybeWritten: true,
      message: expect.stringContaining('the vendor may have made the write'),
    });
    answer(sent, owner());
    answer(sent, { errors: 'Internal error' }, 500);
    expect(await failure(connector.performAction!(credit))).toMatchObject({ maybeWritten: true });
    answer(sent, { errors: 'Internal error' }, 500);
    expect(await failure(connector.performAction!(credit))).toMatchObject({
      code: 'upstream_unavailable',
      maybeWritten: false,
    });
    // No connection at all: the request never went out.
    const refused: RunGraphql = async (operation) => {
      if (operation === 'OrderForReplacement') return shopifyReply('order-for-replacement').data;
      throw new ConnectorError('upstream_unavailable', 'Shopify unreachable (ECONNREFUSED)', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    };
    expect(await failure(replaceOrder(refused, '#1003', replacement as never, undefined))).toMatchObject({
      code: 'upstream_unavailable',
      maybeWritten: false,
    });
  });

  describe('store credit', () => {
    it('credits the order’s customer in the currency paid, then records the credit in the order’s note', async () => {
      answer(sent, owner());
      answer(sent, shopifyReply('store-credit-credit'));
      answer(sent, shopifyReply('order-update'));

      const result = await connector.performAction!(credit);

      expect(sent.map((s) => s.operation)).toEqual([
        'OrderForStoreCredit',
        'StoreCreditAccountCredit',
        'OrderUpdateNote',
      ]);
      expect(sent[1].variables).toEqual({
        id: 'gid://shopify/Customer/7001',
        creditInput: { creditAmount: { amount: '10.00', currencyCode: 'USD' } },
      });
      expect(sent[2].variables).toEqual({
        input: {
          id: 'gid://shopify/Order/5903456789012',
          note: 'Gift wrap please\nStore credit 10.00 USD issued: Late parcel [hub:act-s1]',
        },
      });
      expect(result).toEqual({
        externalId: 'gid://shopify/StoreCreditAccount/880001',
        url: `${ADMIN}/customers/7001`,
        summary: 'Shopify credited 10.0 USD store credit to Jane Doe for order #1003 (balance 25.0 USD).',
      });
    });

    it('does not credit again when the order’s note already records this action', async () => {
      answer(
        sent,
        owner((o) => (o.note = 'Store credit 10.00 USD issued [hub:act-s1]')),
      );
      const write = answer(sent, shopifyReply('store-credit-credit'));

      const result = await connector.performAction!(credit);

      expect(write.isDone()).toBe(false);
      expect(result.summary).toBe('Shopify order #1003 already records this store credit.');
    });

    it('keeps the credit when the note cannot be written, and says so instead of failing (a retry would credit again)', async () => {
      answer(sent, owner());
      answer(sent, shopifyReply('store-credit-credit'));
      answer(sent, { errors: 'Internal error' }, 500);

      const result = await connector.performAction!(credit);

      expect(result.summary).toMatch(
        /balance 25\.0 USD\); the order's note could not record it \(no answer\)\.$/,
      );
    });

    it.each([
      ['a guest checkout', credit, (o: Json) => (o.customer = null), /has no customer account/],
      [
        'another currency',
        { ...credit, params: { amount: '10.00', currency: 'EUR' } },
        undefined,
        /was paid in USD; store credit for it is in USD, not EUR/,
      ],
    ])('refuses %s without writing (rejected)', async (_what, action, change, message) => {
      answer(sent, owner(change));
      const write = answer(sent, shopifyReply('store-credit-credit'));

      const error = await failure(connector.performAction!(action as ActionRequest));

      expect(error).toMatchObject({ code: 'rejected', message: expect.stringMatching(message) });
      expect(write.isDone()).toBe(false);
    });

    it('reports a refusal (userErrors) as rejected', async () => {
      answer(sent, owner());
      answer(
        sent,
        refusedWith('store-credit-credit', [
          {
            field: ['creditInput', 'creditAmount'],
            message: 'Amount must be positive',
            code: 'NEGATIVE_OR_ZERO_AMOUNT',
          },
        ]),
      );

      expect(await failure(connector.performAction!(credit))).toMatchObject({
        code: 'rejected',
        message: 'Shopify refused to give 10.00 USD store credit for order #1003: Amount must be positive',
      });
    });
  });

  describe('by hand', () => {
    it('tells a person how to do each remedy in Shopify admin, and how to see whether it landed', () => {
      const replace = connector.manualAction!(replacement);
      expect(replace.instructions).toContain('Duplicate');
      expect(replace.instructions).toContain('1 × mug-cer-12');
      expect(replace.instructions).toContain(`hub-${replacement.id}`);
      expect(connector.manualCheck!(replacement).instructions).toContain(
        `search for the tag hub-${replacement.id}`,
      );

      const give = connector.manualAction!(credit);
      expect(give.instructions).toContain('Issue 10.00 USD');
      expect(give.instructions).toContain('"Store credit 10.00 USD issued: Late parcel [hub:act-s1]"');
      expect(connector.manualCheck!(credit).instructions).toContain('[hub:act-s1]');
    });
  });
});
