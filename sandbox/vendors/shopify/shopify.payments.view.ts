import { Connection } from '../../graphql/connection';
import { type CurrencyCode, type Customer, type Order, type Payment } from '../../world/world.types';
import { gid, ids } from './shopify.ids';
import { moneyBag } from './shopify.money';

export type Transaction = Record<string, unknown> & { id: string };

// Refund transactions get their own id range, clear of payment.id × 10 + n.
const REFUND_TX_BASE = 50_000_000;

const GATEWAY_LABEL: Record<Payment['gateway'], string> = {
  shopify_payments: 'Shopify Payments',
  paypal: 'PayPal Express Checkout',
  manual: 'Bank Deposit',
};

const STATUS: Record<Payment['outcome'], string> = {
  succeeded: 'SUCCESS',
  pending: 'PENDING',
  failed: 'FAILURE',
  error: 'ERROR',
};

/**
 * World payments and refunds → Shopify OrderTransactions: SALE for immediate capture,
 * AUTHORIZATION then CAPTURE/VOID for manual capture, REFUND pointing at the SALE or CAPTURE.
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/OrderTransaction
 */
export function transactionsView(order: Order, customer: Customer | undefined) {
  const all: Transaction[] = [];
  // What a refund points at: the SALE, or the first CAPTURE of an authorization.
  const refundable = new Map<number, Transaction>();
  const add = (
    n: number,
    fields: Omit<Partial<Transaction>, 'id'>,
    at: string,
    amount: number,
    parent: Transaction | null,
  ) => {
    const tx = orderTransaction(n, fields, at, amount, order.currency, parent);
    all.push(tx);
    return tx;
  };
  for (const payment of order.payments) {
    const common = {
      gateway: payment.gateway,
      formattedGateway: GATEWAY_LABEL[payment.gateway],
      paymentDetails: cardDetails(payment, customer),
    };
    const first = add(
      payment.id * 10,
      {
        ...common,
        kind: payment.capture === 'automatic' ? 'SALE' : 'AUTHORIZATION',
        status: STATUS[payment.outcome],
        authorizationCode: payment.outcome === 'succeeded' ? String(100_000 + payment.id) : null,
        authorizationExpiresAt: payment.authorizationExpiresAt ?? null,
        errorCode: payment.failureCode ? payment.failureCode.toUpperCase() : null,
      },
      payment.createdAt,
      payment.amount,
      null,
    );
    if (payment.capture === 'automatic') refundable.set(payment.id, first);
    payment.captures.forEach((capture, i) => {
      const tx = add(
        payment.id * 10 + 1 + i,
        { ...common, kind: 'CAPTURE' },
        capture.at,
        capture.amount,
        first,
      );
      if (i === 0) refundable.set(payment.id, tx);
    });
    if (payment.voidedAt)
      add(payment.id * 10 + 9, { ...common, kind: 'VOID' }, payment.voidedAt, payment.amount, first);
  }
  const refundTx = new Map<number, Transaction>();
  for (const refund of order.refunds) {
    const parent = refundable.get(refund.paymentId) ?? null;
    const status =
      refund.status === 'succeeded' ? 'SUCCESS' : refund.status === 'pending' ? 'PENDING' : 'FAILURE';
    const fields = {
      kind: 'REFUND',
      status,
      gateway: parent?.gateway ?? 'manual',
      formattedGateway: parent?.formattedGateway ?? 'Manual',
      paymentDetails: parent?.paymentDetails ?? null,
    };
    refundTx.set(refund.id, add(REFUND_TX_BASE + refund.id, fields, refund.at, refund.amount, parent));
  }
  return { transactions: all, refundTx };
}

/** One OrderTransaction (SALE unless `fields` say otherwise); writes add REFUND and VOID ones. */
export function orderTransaction(
  n: number,
  fields: Omit<Partial<Transaction>, 'id'>,
  at: string,
  amount: number,
  currency: CurrencyCode,
  parent: Transaction | null,
): Transaction {
  return {
    __typename: 'OrderTransaction',
    ...ids('OrderTransaction', n),
    kind: 'SALE',
    status: 'SUCCESS',
    gateway: 'manual',
    formattedGateway: 'Manual',
    createdAt: at,
    processedAt: at,
    test: false,
    amountSet: moneyBag(amount, currency),
    parentTransaction: parent,
    paymentDetails: null,
    authorizationCode: null,
    authorizationExpiresAt: null,
    errorCode: null,
    ...fields,
  };
}

function cardDetails(payment: Payment, customer: Customer | undefined) {
  if (payment.method.type !== 'card') return null;
  const m = payment.method;
  return {
    __typename: 'CardPaymentDetails',
    company: m.brand,
    number: `•••• •••• •••• ${m.last4}`,
    name: customer ? `${customer.firstName} ${customer.lastName}` : null,
    expirationMonth: m.expMonth,
    expirationYear: m.expYear,
    wallet: m.wallet ? 'APPLE_PAY' : null,
    avsResultCode: 'Y',
    cvvResultCode: 'M',
  };
}

export function refundsView(
  order: Order,
  lineItemsById: Map<number, object>,
  refundTx: Map<number, Transaction>,
) {
  return order.refunds.map((refund) =>
    refundObject(
      refund.id,
      refund.at,
      refund.note ?? null,
      refund.amount,
      order.currency,
      refund.lines.map((line, i) => ({
        __typename: 'RefundLineItem',
        id: gid('RefundLineItem', refund.id * 100 + i),
        quantity: line.quantity,
        restocked: line.restock,
        restockType: order.cancellation ? 'CANCEL' : line.restock ? 'RETURN' : 'NO_RESTOCK',
        lineItem: lineItemsById.get(line.lineItemId) ?? null,
      })),
      [refundTx.get(refund.id)].filter((t) => t !== undefined),
    ),
  );
}

/** One Refund with its line items and transactions; writes (refundCreate, orderCancel) add them too. */
export function refundObject(
  n: number,
  at: string,
  note: string | null,
  amount: number,
  currency: CurrencyCode,
  lines: object[],
  transactions: Transaction[],
) {
  return {
    __typename: 'Refund',
    ...ids('Refund', n),
    createdAt: at,
    updatedAt: at,
    note,
    totalRefundedSet: moneyBag(amount, currency),
    refundLineItems: new Connection('RefundLineItemConnection', lines),
    transactions: new Connection('OrderTransactionConnection', transactions),
  };
}

const RETURN_REASON: Record<Order['returns'][number]['reason'], string> = {
  size_too_small: 'SIZE_TOO_SMALL',
  size_too_large: 'SIZE_TOO_LARGE',
  defective: 'DEFECTIVE',
  not_as_described: 'NOT_AS_DESCRIBED',
  unwanted: 'UNWANTED',
  other: 'OTHER',
};

/** https://shopify.dev/docs/api/admin-graphql/latest/objects/Return */
export function returnsView(order: Order, lineItemsById: Map<number, object>) {
  return new Connection(
    'ReturnConnection',
    order.returns.map((r) => ({
      __typename: 'Return',
      id: gid('Return', r.id),
      name: `#${order.number}-R${r.index}`,
      status: r.status.toUpperCase(),
      createdAt: r.createdAt,
      closedAt: r.closedAt ?? null,
      totalQuantity: r.lines.reduce((sum, l) => sum + l.quantity, 0),
      returnLineItems: new Connection(
        'ReturnLineItemConnection',
        r.lines.map((line, i) => ({
          __typename: 'ReturnLineItem',
          id: gid('ReturnLineItem', r.id * 100 + i),
          quantity: line.quantity,
          returnReason: RETURN_REASON[r.reason],
          lineItem: lineItemsById.get(line.lineItemId) ?? null,
        })),
      ),
    })),
  );
}
