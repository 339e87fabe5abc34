import { type OperationDefinitionNode, parse } from 'graphql';
import nock from 'nock';
import { staffNote } from '../../../connectors/shopify/shopify.marker';
import { refundCreateDocument } from '../../../connectors/shopify/shopify.mutations';
import { type ActionRequest, type Connector } from '../../../src/connectors/contract';
import { type Json, shopifyReply } from '../../fixtures/shopify';
import { failure } from '../../support/connector-failure';
import { ADMIN, answerGraphql, createShopify, type Sent } from '../../support/shopify-graphql';

const ORDER_GID = 'gid://shopify/Order/5903456789012';
const SALE_GID = 'gid://shopify/OrderTransaction/6300000001';

const create = createShopify;
const answer = answerGraphql;

/** The order lookup every action starts with, edited by `change`. */
function order(change: (o: Json) => void = () => undefined): Json {
  const reply = shopifyReply('order-for-action');
  change(reply.data.orders.nodes[0]);
  return reply;
}

const withUserErrors = (fixture: 'order-cancel' | 'refund-create' | 'order-update', errors: Json[]) => {
  const reply = shopifyReply(fixture);
  const payload = Object.values(reply.data)[0] as Json;
  if (fixture === 'order-cancel') {
    payload.job = null;
    payload.orderCancelUserErrors = errors;
  } else {
    payload.userErrors = errors;
    payload[fixture === 'refund-create' ? 'refund' : 'order'] = null;
  }
  return reply;
};

const cancel: ActionRequest = {
  id: 'act-c1',
  type: 'cancel',
  orderNumber: '1003',
  params: {
    reason: 'customer',
    refund: true,
    restock: false,
    notifyCustomer: true,
    staffNote: 'Asked by chat',
  },
};
const refund: ActionRequest = {
  id: 'act-r1',
  type: 'refund',
  orderNumber: '1003',
  params: { amount: '20.00', currency: 'USD', reason: 'Damaged' },
};
const note: ActionRequest = {
  id: 'act-n1',
  type: 'note',
  orderNumber: '1003',
  params: { text: 'Customer called about the parcel', author: 'Dana' },
};

describe('ShopifyConnector actions (GraphQL Admin API via nock)', () => {
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

  it('declares cancel and note natural; refund keyed only where @idempotent exists (2026-01); remedies unsafe', async () => {
    const remedies = { replacement: 'unsafe', store_credit: 'unsafe' };
    expect(connector.actions).toEqual({ cancel: 'natural', refund: 'natural', note: 'natural', ...remedies });
    const keyed = create('2026-01');
    expect(keyed.actions).toEqual({ cancel: 'natural', refund: 'keyed', note: 'natural', ...remedies });
    await keyed.close?.();
  });

  describe('cancel', () => {
    it('looks the order up by its exact name, then sends orderCancel with the marked staff note', async () => {
      answer(sent, order());
      answer(sent, shopifyReply('order-cancel'));

      const result = await connector.performAction!(cancel);

      expect(sent.map((s) => s.operation)).toEqual(['OrderForAction', 'OrderCancel']);
      expect(sent[0].variables).toEqual({ query: 'name:"#1003"' });
      expect(sent[1].variables).toEqual({
        orderId: ORDER_GID,
        reason: 'CUSTOMER',
        refund: true,
        restock: false,
        notifyCustomer: true,
        staffNote: 'Asked by chat [hub:act-c1]',
      });
      expect(result).toEqual({
        externalId: ORDER_GID,
        url: `${ADMIN}/orders/5903456789012`,
        summary:
          'Shopify is cancelling order #1003 (reason customer, payments refunded; job gid://shopify/Job/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d).',
      });
    });

    it('answers an order that is already cancelled without writing', async () => {
      answer(
        sent,
        order((o) => (o.cancelledAt = '2025-05-30T10:00:00Z')),
      );

      const result = await connector.performAction!(cancel);

      expect(result.summary).toBe('Order #1003 was already cancelled in Shopify (2025-05-30T10:00:00Z).');
      expect(sent.map((s) => s.operation)).toEqual(['OrderForAction']);
    });

    it('maps orderCancelUserErrors to rejected (not retryable) when the order is still not cancelled', async () => {
      answer(sent, order());
      answer(
        sent,
        withUserErrors('order-cancel', [
          { field: ['orderId'], message: 'Cannot cancel a fulfilled order', code: 'INVALID' },
        ]),
      );
      answer(sent, order());

      const error = await failure(connector.performAction!(cancel));

      expect(error).toMatchObject({ code: 'rejected', retryable: false });
      expect(error.message).toBe('Shopify refused to cancel order #1003: Cannot cancel a fulfilled order');
      expect(sent.map((s) => s.operation)).toEqual(['OrderForAction', 'OrderCancel', 'OrderForAction']);
    });

    it('takes a refusal as success when the order shows cancelled by then (an earlier attempt landed)', async () => {
      answer(sent, order());
      answer(
        sent,
        withUserErrors('order-cancel', [{ field: ['orderId'], message: 'Invalid', code: 'INVALID' }]),
      );
      answer(
        sent,
        order((o) => (o.cancelledAt = '2025-06-01T12:00:03Z')),
      );

      await expect(connector.performAction!(cancel)).resolves.toMatchObject({
        summary: 'Order #1003 was already cancelled in Shopify (2025-06-01T12:00:03Z).',
      });
    });

    it('maps HTTP 503 on the mutation to upstream_unavailable, retryable', async () => {
      answer(sent, order());
      answer(sent, { errors: 'Service Unavailable' }, 503);

      expect(await failure(connector.performAction!(cancel))).toMatchObject({
        code: 'upstream_unavailable',
        retryable: true,
        httpStatus: 503,
      });
    });

    it('answers not_found when Shopify has no order of that name', async () => {
      answer(
        sent,
        order((o) => (o.name = '#10030')),
      );

      expect((await failure(connector.performAction!(cancel))).code).toBe('not_found');
      expect(sent).toHaveLength(1);
    });
  });

  describe('refund', () => {
    it('sends refundCreate with @idempotent(key: <action id>) on 2026-01, from the sale with enough left', async () => {
      await connector.close?.();
      connector = create('2026-01');
      answer(sent, order(), 200, '2026-01');
      answer(sent, shopifyReply('refund-create'), 200, '2026-01');

      const result = await connector.performAction!(refund);

      const mutation = parse(sent[1].query).definitions[0] as OperationDefinitionNode;
      const field = mutation.selectionSet.selections[0] as Json;
      expect(field.name.value).toBe('refundCreate');
      expect(field.directives.map((d: Json) => [d.name.value, d.arguments[0].value.value])).toEqual([
        ['idempotent', 'act-r1'],
      ]);
      expect(sent[1].variables).toEqual({
        input: {
          orderId: ORDER_GID,
          note: 'Damaged [hub:act-r1]',
          notify: false,
          currency: 'USD',
          transactions: [
            {
              orderId: ORDER_GID,
              parentId: SALE_GID,
              amount: '20.00',
              gateway: 'shopify_payments',
              kind: 'REFUND',
            },
          ],
        },
      });
      expect(result).toEqual({
        externalId: 'gid://shopify/Refund/8801234599',
        url: `${ADMIN}/orders/5903456789012`,
        summary: 'Shopify refunded 20.0 USD on order #1003.',
      });
    });

    it('sends no directive on versions without it (2025-10)', async () => {
      answer(sent, order());
      answer(sent, shopifyReply('refund-create'));

      await connector.performAction!(refund);

      expect(sent[1].query).not.toContain('@idempotent');
    });

    it('answers a refund whose note carries the marker without writing again', async () => {
      answer(
        sent,
        order((o) =>
          o.refunds.push({
            id: 'gid://shopify/Refund/8801234599',
            note: 'Damaged [hub:act-r1]',
            totalRefundedSet: { presentmentMoney: { amount: '20.0', currencyCode: 'USD' } },
          }),
        ),
      );

      const result = await connector.performAction!(refund);

      expect(result).toMatchObject({
        externalId: 'gid://shopify/Refund/8801234599',
        summary: 'Shopify already has this refund on order #1003 (20.0 USD).',
      });
      expect(sent).toHaveLength(1);
    });

    it('maps userErrors (more than is left) to rejected, not retryable', async () => {
      answer(sent, order());
      answer(
        sent,
        withUserErrors('refund-create', [
          { field: ['transactions', '0', 'amount'], message: 'Amount exceeds the refundable amount' },
        ]),
      );

      const error = await failure(
        connector.performAction!({ ...refund, params: { ...refund.params, amount: '70' } } as ActionRequest),
      );

      expect(error).toMatchObject({ code: 'rejected', retryable: false });
      expect(error.message).toContain('Amount exceeds the refundable amount');
      // 89.0 sold − 25.0 refunded (the failed refund does not count): the sale is still the one asked.
      expect(sent[1].variables.input.transactions[0].parentId).toBe(SALE_GID);
    });

    it('refuses another currency than the order’s, and an amount that is no decimal, without writing', async () => {
      answer(sent, order());
      const currency = await failure(
        connector.performAction!({
          ...refund,
          params: { ...refund.params, currency: 'EUR' },
        } as ActionRequest),
      );
      expect(currency).toMatchObject({ code: 'rejected', retryable: false });

      answer(sent, order());
      const amount = await failure(
        connector.performAction!({ ...refund, params: { ...refund.params, amount: '-5' } } as ActionRequest),
      );
      expect(amount).toMatchObject({ code: 'bad_request', retryable: false });
      expect(sent.map((s) => s.operation)).toEqual(['OrderForAction', 'OrderForAction']);
    });

    it('refuses an order with no captured payment', async () => {
      answer(
        sent,
        order((o) => {
          o.transactions = [{ ...o.transactions[0], kind: 'AUTHORIZATION' }];
        }),
      );

      expect((await failure(connector.performAction!(refund))).code).toBe('rejected');
      expect(sent).toHaveLength(1);
    });

    it('maps GraphQL INTERNAL_SERVER_ERROR on the mutation to upstream_unavailable', async () => {
      answer(sent, order());
      answer(sent, {
        errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
      });

      expect(await failure(connector.performAction!(refund))).toMatchObject({
        code: 'upstream_unavailable',
        retryable: true,
      });
    });
  });

  describe('note', () => {
    it('appends a marked line to the existing note with orderUpdate', async () => {
      answer(sent, order());
      answer(sent, shopifyReply('order-update'));

      const result = await connector.performAction!(note);

      expect(sent[1]).toMatchObject({
        operation: 'OrderUpdateNote',
        variables: {
          input: {
            id: ORDER_GID,
            note: 'Gift wrap please\nCustomer called about the parcel — Dana [hub:act-n1]',
          },
        },
      });
      expect(result).toEqual({
        externalId: ORDER_GID,
        url: `${ADMIN}/orders/5903456789012`,
        summary: 'Added a note to Shopify order #1003.',
      });
    });

    it('writes the line alone on an order without a note', async () => {
      answer(
        sent,
        order((o) => (o.note = null)),
      );
      answer(sent, shopifyReply('order-update'));

      await connector.performAction!(note);

      expect(sent[1].variables.input.note).toBe('Customer called about the parcel — Dana [hub:act-n1]');
    });

    it('answers a note that already has the marker without writing', async () => {
      answer(
        sent,
        order((o) => (o.note = 'Gift wrap please\nCustomer called — Dana [hub:act-n1]')),
      );

      const result = await connector.performAction!(note);

      expect(result.summary).toBe('Shopify order #1003 already has this note.');
      expect(sent).toHaveLength(1);
    });

    it('maps userErrors to rejected', async () => {
      answer(sent, order());
      answer(sent, withUserErrors('order-update', [{ field: ['note'], message: 'Note is too long' }]));

      expect(await failure(connector.performAction!(note))).toMatchObject({
        code: 'rejected',
        retryable: false,
      });
    });
  });

  describe('texts and documents', () => {
    it('writes any key into the directive as a valid GraphQL string', () => {
      const key = 'a"b\\c\n';
      const operation = parse(refundCreateDocument(key)).definitions[0] as OperationDefinitionNode;
      const directive = (operation.selectionSet.selections[0] as Json).directives[0];
      expect(directive.arguments[0].value.value).toBe(key);
    });

    it('keeps a staff note within 255 characters, marker kept whole', () => {
      const long = staffNote('x'.repeat(400), 'act-1');
      expect(long).toHaveLength(255);
      expect(long.endsWith('… [hub:act-1]')).toBe(true);
      expect(staffNote(undefined, 'act-1')).toBe('[hub:act-1]');
    });
  });

  describe('manual steps', () => {
    it('links to the order search until the order was read, then to the order itself', async () => {
      expect(connector.manualAction!(cancel).url).toBe(`${ADMIN}/orders?query=%231003`);

      answer(
        sent,
        order((o) => (o.cancelledAt = '2025-05-30T10:00:00Z')),
      );
      await connector.performAction!(cancel);

      expect(connector.manualAction!(cancel).url).toBe(`${ADMIN}/orders/5903456789012`);
    });

    it('spells out what to enter, marker included', () => {
      expect(connector.manualAction!(cancel).instructions).toBe(
        'In Shopify admin open order #1003 and choose More actions → Cancel order. ' +
          'Reason: "Customer changed or canceled order". Refund payment: yes. Restock items: no. ' +
          'Send a notification to the customer: yes. Staff note: "Asked by chat [hub:act-c1]". ' +
          'Then click Cancel order. If the order already shows Canceled, there is nothing to do.',
      );
      expect(connector.manualAction!(refund).instructions).toContain(
        'Refund 20.00 USD to the original payment method',
      );
      expect(connector.manualAction!(refund).instructions).toContain('"Damaged [hub:act-r1]"');
      expect(connector.manualAction!(note).instructions).toContain(
        '"Customer called about the parcel — Dana [hub:act-n1]"',
      );
    });
  });
});
