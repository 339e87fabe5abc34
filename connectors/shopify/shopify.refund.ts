import {
  type ActionRequest,
  type ActionResult,
  addDecimals,
  type CallOptions,
  compareDecimals,
  ConnectorError,
  subtractDecimals,
} from '../../src/connectors/contract';
import { type ActionOrder, type ActionTransaction, refundCreateReplySchema } from './shopify.action-payloads';
import { type RunGraphql } from './shopify.actions';
import { rejected } from './shopify.errors';
import { marker, refundNote } from './shopify.marker';
import { refundCreateDocument } from './shopify.mutations';

type RefundAction = Extract<ActionRequest, { type: 'refund' }>;

/**
 * `refundCreate` of `amount` on the order's payment that has that much left (SALE or CAPTURE),
 * in the currency the customer paid (presentment). A refund whose note carries this action's
 * marker has already landed and is answered as it is. An amount above what is left is Shopify's
 * to refuse (userErrors → rejected).
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/refundCreate
 */
export async function refundOrder(
  run: RunGraphql,
  order: ActionOrder,
  action: RefundAction,
  idempotencyKey: string | undefined,
  options: CallOptions | undefined,
): Promise<Omit<ActionResult, 'url'>> {
  const { amount, currency, reason } = action.params;
  const done = order.refunds.find((r) => r.note?.includes(marker(action.id)));
  if (done) {
    const money = done.totalRefundedSet.presentmentMoney;
    return {
      externalId: done.id,
      summary: `Shopify already has this refund on order ${order.name} (${money.amount} ${money.currencyCode}).`,
    };
  }
  const wanted = compareDecimals(amount, '0') === 1 ? amount.trim() : undefined;
  if (!wanted || amount.trim().startsWith('-')) {
    throw new ConnectorError('bad_request', `Refund amount "${amount}" is not a positive decimal`, {
      retryable: false,
    });
  }
  const paid = order.presentmentCurrencyCode ?? order.currencyCode;
  if (currency.toUpperCase() !== paid) {
    throw new ConnectorError(
      'rejected',
      `Order ${order.name} was paid in ${paid}; Shopify cannot refund it in ${currency.toUpperCase()}`,
    );
  }
  const parent = payment(order, wanted);
  if (!parent) {
    throw new ConnectorError(
      'rejected',
      `Order ${order.name} has no captured payment to refund (an authorization is voided by cancelling)`,
    );
  }
  const input = {
    orderId: order.id,
    note: refundNote(reason, action.id),
    notify: false,
    currency: paid,
    transactions: [
      {
        orderId: order.id,
        parentId: parent.id,
        amount,
        ...(parent.gateway ? { gateway: parent.gateway } : {}),
        kind: 'REFUND',
      },
    ],
  };
  const data = await run(
    'RefundCreate',
    refundCreateDocument(idempotencyKey),
    { input },
    refundCreateReplySchema,
    options,
  );
  const { refund, userErrors } = data.refundCreate;
  if (userErrors.length || !refund)
    throw rejected(`refund ${amount} ${paid} on order ${order.name}`, userErrors);
  const money = refund.totalRefundedSet.presentmentMoney;
  return {
    externalId: refund.id,
    summary: `Shopify refunded ${money.amount} ${money.currencyCode} on order ${order.name}.`,
  };
}

/**
 * The payment to refund from: the first with enough left, else the one with the most left (for
 * Shopify to refuse in its own words). Left = amount − refunds not failed that point at it.
 */
function payment(order: ActionOrder, wanted: string): ActionTransaction | undefined {
  const value = (t: ActionTransaction) => t.amountSet.presentmentMoney.amount;
  const charges = order.transactions.filter(
    (t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS',
  );
  // Exact decimals (src/money): amounts in floats would say 0.1 + 0.2 > 0.3.
  const withLeft = charges.map((tx) => {
    const refunded = order.transactions
      .filter(
        (r) =>
          r.kind === 'REFUND' &&
          (r.status === 'SUCCESS' || r.status === 'PENDING') &&
          r.parentTransaction?.id === tx.id,
      )
      .reduce((sum, r) => addDecimals(sum, value(r)) ?? sum, '0');
    return { tx, left: subtractDecimals(value(tx), refunded) ?? '0' };
  });
  const enough = withLeft.find((p) => (compareDecimals(p.left, wanted) ?? -1) >= 0);
  const most = withLeft.reduce<(typeof withLeft)[number] | undefined>(
    (best, p) => (!best || compareDecimals(p.left, best.left) === 1 ? p : best),
    undefined,
  );
  return (enough ?? most)?.tx;
}
