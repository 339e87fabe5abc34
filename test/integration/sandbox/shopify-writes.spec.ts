import { shopifyConnector } from '../../../connectors/shopify';
import { ORDER_BY_NAME } from '../../../connectors/shopify/shopify.queries';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { type ActionRequest, type Connector } from '../../../src/connectors/contract';
import { failure } from '../../support/connector-failure';
import { ANCHOR, control, graphql, TOKEN } from './sandbox.helpers';

function connect(sandbox: Sandbox, apiVersion = '2025-10'): Connector {
  const options = shopifyConnector.optionsSchema.parse({
    baseUrl: sandbox.url,
    shop: 'sandbox-shop.myshopify.com',
    accessToken: TOKEN,
    apiVersion,
  });
  return shopifyConnector.create(options, { id: 'shopify', logger: { debug() {}, warn() {} } });
}

const REFUND = `mutation Refund($input: RefundInput!) {
  refundCreate(input: $input) @idempotent(key: "refund-key-1") {
    refund { id note totalRefundedSet { shopMoney { amount currencyCode } } }
    userErrors { field message }
  }
}`;

describe('sandbox: Shopify writes (orderCancel, refundCreate, orderUpdate)', () => {
  let sandbox: Sandbox;
  let shopify: Connector;
  let keyed: Connector;

  const read = async (number: string) =>
    (await graphql(sandbox, ORDER_BY_NAME, { query: `name:#${number}` })).body.data.orders.nodes[0];
  const cancel = (id: string, orderNumber: string): ActionRequest => ({
    id,
    type: 'cancel',
    orderNumber,
    params: {
      reason: 'customer',
      refund: true,
      restock: true,
      notifyCustomer: false,
      staffNote: 'Asked by chat',
    },
  });
  const refund = (id: string, orderNumber: string, amount: string, currency = 'USD'): ActionRequest => ({
    id,
    type: 'refund',
    orderNumber,
    params: { amount, currency, reason: 'Damaged in transit' },
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    shopify = connect(sandbox);
    keyed = connect(sandbox, '2026-01');
  });
  afterAll(async () => {
    await shopify.close?.();
    await keyed.close?.();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  describe('orderCancel', () => {
    it('cancels, refunds what was paid and shows it on later reads; a second attempt writes nothing', async () => {
      const result = await shopify.performAction!(cancel('act-c1', '1003'));
      expect(result).toMatchObject({
        externalId: 'gid://shopify/Order/5001003',
        url: 'https://admin.shopify.com/store/sandbox-shop/orders/5001003',
      });
      expect(result.summary).toContain('cancelled order #1003');

      const order = await read('1003');
      expect(order).toMatchObject({
        cancelReason: 'CUSTOMER',
        // Writes happen "now" on the world's clock: the anchor plus the time since the start.
        cancelledAt: expect.stringMatching(/^2025-06-01T12:0\d:\d\dZ$/),
        closedAt: expect.stringMatching(/^2025-06-01T12:0\d:\d\dZ$/),
        displayFinancialStatus: 'REFUNDED',
        totalRefundedSet: { shopMoney: { amount: order.totalPriceSet.shopMoney.amount } },
      });
      expect(order.refunds).toHaveLength(1);
      expect(order.transactions.at(-1)).toMatchObject({ kind: 'REFUND', status: 'SUCCESS' });
      expect(order.lineItems.nodes.every((l: any) => l.unfulfilledQuantity === 0)).toBe(true);
      const note = await graphql(
        sandbox,
        '{ order(id: "gid://shopify/Order/5001003") { cancellation { staffNote } } }',
      );
      expect(note.body.data.order.cancellation.staffNote).toBe('Asked by chat [hub:act-c1]');

      const again = await shopify.performAction!(cancel('act-c1', '1003'));
      expect(again.summary).toContain('already cancelled');
      expect(sandbox.writes()).toEqual({
        writes: [
          {
            vendor: 'shopify',
            operation: 'orderCancel',
            orderNumber: '1003',
            key: 'act-c1',
            at: expect.any(String),
          },
        ],
        replays: 0,
      });
      expect(sandbox.stats().vendors.shopify.writes).toBe(1);
    });

    it('voids an authorization-only order instead of refunding it', async () => {
      await shopify.performAction!(cancel('act-c2', '1006'));
      const order = await read('1006');
      expect(order.displayFinancialStatus).toBe('VOIDED');
      expect(order.transactions.map((t: any) => t.kind)).toEqual(['AUTHORIZATION', 'VOID']);
    });

    it('refuses an order with fulfillments: rejected, nothing written', async () => {
      const error = await failure(shopify.performAction!(cancel('act-c3', '1001')));
      expect(error).toMatchObject({ code: 'rejected', retryable: false });
      expect(error.message).toContain('fulfillments');
      expect((await read('1001')).cancelledAt).toBeNull();
      expect(sandbox.writes().writes).toEqual([]);
    });

    it('answers not_found for an order Shopify does not have', async () => {
      expect((await failure(shopify.performAction!(cancel('act-c4', '999999')))).code).toBe('not_found');
    });
  });

  describe('refundCreate', () => {
    it('honours @idempotent(key:): the same key returns the first refund and writes once', async () => {
      const order = await read('1001');
      const sale = order.transactions.find((t: any) => t.kind === 'SALE');
      const input = {
        orderId: order.id,
        note: 'Goodwill',
        transactions: [
          { orderId: order.id, parentId: sale.id, amount: '10.00', gateway: sale.gateway, kind: 'REFUND' },
        ],
      };
      const first = await graphql(sandbox, REFUND, { input });
      const second = await graphql(sandbox, REFUND, { input });
      expect(first.body.data.refundCreate.userErrors).toEqual([]);
      expect(second.body.data.refundCreate.refund.id).toBe(first.body.data.refundCreate.refund.id);
      expect(first.body.data.refundCreate.refund.totalRefundedSet.shopMoney).toEqual({
        amount: '10.0',
        currencyCode: 'USD',
      });

      const after = await read('1001');
      expect(after.displayFinancialStatus).toBe('PARTIALLY_REFUNDED');
      expect(after.totalRefundedSet.shopMoney.amount).toBe('10.0');
      expect(after.refunds.map((r: any) => r.note)).toEqual(['Goodwill']);
      expect(sandbox.writes()).toMatchObject({
        writes: [{ vendor: 'shopify', operation: 'refundCreate', orderNumber: '1001', key: 'refund-key-1' }],
        replays: 1,
      });
    });

    it('refunds through the connector with the directive on 2026-01 and replays it on a retry', async () => {
      const result = await keyed.performAction!(refund('act-r1', '1001', '12.5'));
      expect(result.summary).toBe('Shopify refunded 12.5 USD on order #1001.');
      expect(result.externalId).toMatch(/^gid:\/\/shopify\/Refund\/\d+$/);
      const again = await keyed.performAction!(refund('act-r1', '1001', '12.5'));
      expect(again.externalId).toBe(result.externalId);
      expect(sandbox.writes().writes).toMatchObject([{ operation: 'refundCreate', key: 'act-r1' }]);
      expect((await read('1001')).refunds.map((r: any) => r.note)).toEqual([
        'Damaged in transit [hub:act-r1]',
      ]);
    });

    it('finds an earlier refund by its marker on 2025-10 (no directive) and writes once', async () => {
      await shopify.performAction!(refund('act-r2', '1001', '5'));
      const again = await shopify.performAction!(refund('act-r2', '1001', '5'));
      expect(again.summary).toContain('already has this refund');
      expect(sandbox.writes()).toMatchObject({ writes: [{ key: 'act-r2' }], replays: 0 });
    });

    it('refuses more than is left to refund (userErrors → rejected) and another currency', async () => {
      const over = await failure(shopify.performAction!(refund('act-r3', '1001', '5000')));
      expect(over).toMatchObject({ code: 'rejected', retryable: false });
      expect(over.message).toContain('left to refund');
      const currency = await failure(shopify.performAction!(refund('act-r4', '1001', '5', 'EUR')));
      expect(currency.code).toBe('rejected');
      expect(sandbox.writes().writes).toEqual([]);
    });

    it('a refund that landed while its reply was lost is found by its marker on the retry', async () => {
      // The first attempt, as it reached Shopify (no directive on 2025-10): the reply never came back.
      const order = await read('1001');
      const sale = order.transactions.find((t: any) => t.kind === 'SALE');
      const lost = await graphql(
        sandbox,
        'mutation Lost($input: RefundInput!) { refundCreate(input: $input) { userErrors { message } } }',
        {
          input: {
            orderId: order.id,
            note: 'Damaged in transit [hub:act-r5]',
            transactions: [{ orderId: order.id, parentId: sale.id, amount: '7', kind: 'REFUND' }],
          },
        },
      );
      expect(lost.body.data.refundCreate.userErrors).toEqual([]);
      const retry = await shopify.performAction!(refund('act-r5', '1001', '7'));
      expect(retry.summary).toContain('already has this refund');
      expect(sandbox.writes().writes).toMatchObject([{ operation: 'refundCreate', key: 'act-r5' }]);
    });

    it('requires the directive from 2026-04, as Shopify announced', async () => {
      const res = await fetch(`${sandbox.url}/admin/api/2026-04/graphql.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
        body: JSON.stringify({
          query:
            'mutation { refundCreate(input: { orderId: "gid://shopify/Order/5001001" }) { userErrors { message } } }',
        }),
      });
      const body = (await res.json()) as any;
      expect(body.errors[0].message).toContain('@idempotent');
      expect(sandbox.writes().writes).toEqual([]);
    });
  });

  describe('orderUpdate (note)', () => {
    const note = (id: string): ActionRequest => ({
      id,
      type: 'note',
      orderNumber: '1002',
      params: { text: 'Customer called about the missing item', author: 'Dana' },
    });

    it('appends a line with the marker; the same action again finds it and writes nothing', async () => {
      const before = (await read('1002')).note;
      await shopify.performAction!(note('act-n1'));
      const line = 'Customer called about the missing item — Dana [hub:act-n1]';
      expect((await read('1002')).note).toBe(before ? `${before}\n${line}` : line);
      const again = await shopify.performAction!(note('act-n1'));
      expect(again.summary).toContain('already has this note');
      await shopify.performAction!(note('act-n2'));
      expect(sandbox.writes().writes.map((w) => [w.operation, w.orderNumber, w.key])).toEqual([
        ['orderUpdate', '1002', 'act-n1'],
        ['orderUpdate', '1002', 'act-n2'],
      ]);
    });
  });

  describe('faults and reset', () => {
    it('refuses writes when the vendor is down or failing, and records nothing', async () => {
      await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 1 });
      expect((await failure(shopify.performAction!(cancel('act-f1', '1003')))).code).toBe(
        'upstream_unavailable',
      );
      await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 0, down: true });
      expect((await failure(shopify.performAction!(cancel('act-f1', '1003')))).code).toBe(
        'upstream_unavailable',
      );
      await control(sandbox, 'DELETE', '/_sandbox/faults/shopify');
      expect((await read('1003')).cancelledAt).toBeNull();
      expect(sandbox.writes().writes).toEqual([]);
    });

    it('a throttled mutation changes nothing', async () => {
      await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { throttleRate: 1 });
      const reply = await graphql(sandbox, REFUND, { input: { orderId: 'gid://shopify/Order/5001001' } });
      expect(reply.body.errors[0].extensions.code).toBe('THROTTLED');
      expect(sandbox.writes()).toEqual({ writes: [], replays: 0 });
      expect(sandbox.stats().vendors.shopify.writes).toBe(1);
    });

    it('reset puts the orders back and empties the ledger', async () => {
      await shopify.performAction!(cancel('act-x', '1003'));
      sandbox.reset();
      expect((await read('1003')).cancelledAt).toBeNull();
      expect(sandbox.writes()).toEqual({ writes: [], replays: 0 });
    });
  });
});
