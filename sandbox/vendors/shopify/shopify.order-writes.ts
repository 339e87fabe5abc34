import { type Connection } from '../../graphql/connection';
import { type CurrencyCode } from '../../world/world.types';
import { minorOf, moneyBag } from './shopify.money';
import { orderTransaction, refundObject, type Transaction } from './shopify.payments.view';
import { type ShopifyObject } from './shopify.view';

/**
 * What the sandbox's mutations change on an Order of the Shopify view, in place: the view is
 * built once at start, so later reads (orders, order, node) show the write at once. Money is
 * recomputed from the order's transactions, the way the view derived it from the world.
 */
export type OrderObject = ShopifyObject & {
  name: string;
  currencyCode: CurrencyCode;
  presentmentCurrencyCode: CurrencyCode;
  cancelledAt: string | null;
  note: string | null;
  totalPriceSet: { shopMoney: { amount: string } };
  transactions: Transaction[];
  refunds: ShopifyObject[];
  fulfillments: { status: string }[];
  lineItems: Connection<{ unfulfilledQuantity: number }>;
};

export interface WriteContext {
  /** The world's "now". */
  at: string;
  /** A fresh number for the ids of what the write creates. */
  nextId(): number;
}

/** Id ranges clear of the world's own refunds and transactions. */
const REFUND_ID_BASE = 900_000;
const TRANSACTION_ID_BASE = 70_000_000;

const isCharge = (t: Transaction) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS';
const parentId = (t: Transaction) => (t.parentTransaction as Transaction | null)?.id;
const amountOf = (t: Transaction, currency: CurrencyCode) =>
  minorOf((t.amountSet as { shopMoney: { amount: string } }).shopMoney.amount, currency) ?? 0;
const sum = (txs: Transaction[], currency: CurrencyCode) =>
  txs.reduce((s, t) => s + amountOf(t, currency), 0);

/** The payments money can be refunded from (SALE, CAPTURE), each with what is left on it. */
export function refundable(order: OrderObject): { tx: Transaction; left: number }[] {
  const c = order.currencyCode;
  return order.transactions.filter(isCharge).map((tx) => {
    const refunds = order.transactions.filter(
      (r) =>
        r.kind === 'REFUND' && (r.status === 'SUCCESS' || r.status === 'PENDING') && parentId(r) === tx.id,
    );
    return { tx, left: amountOf(tx, c) - sum(refunds, c) };
  });
}

/** A refund of `parts` (each on its payment), with one REFUND transaction per part. */
export function addRefund(
  order: OrderObject,
  ctx: WriteContext,
  note: string | null,
  parts: { parent: Transaction; amount: number }[],
): ShopifyObject {
  const c = order.currencyCode;
  const n = ctx.nextId();
  const txs = parts.map((p, i) =>
    orderTransaction(
      TRANSACTION_ID_BASE + n * 10 + i,
      {
        kind: 'REFUND',
        gateway: p.parent.gateway,
        formattedGateway: p.parent.formattedGateway,
        paymentDetails: p.parent.paymentDetails,
      },
      ctx.at,
      p.amount,
      c,
      p.parent,
    ),
  );
  const total = parts.reduce((s, p) => s + p.amount, 0);
  const refund = refundObject(REFUND_ID_BASE + n, ctx.at, note, total, c, [], txs);
  order.transactions.push(...txs);
  order.refunds.push(refund);
  order.updatedAt = ctx.at;
  recomputeMoney(order);
  return refund;
}

/**
 * `orderCancel`: cancelled and closed now; with `refund`, what is left on every payment is
 * refunded and open authorizations are voided. Restocking has nothing to change here (the
 * sandbox keeps no inventory).
 */
export function cancelOrder(
  order: OrderObject,
  ctx: WriteContext,
  input: { reason: string; refund: boolean; staffNote: string | null },
): void {
  Object.assign(order, {
    cancelledAt: ctx.at,
    cancelReason: input.reason,
    cancellation: { __typename: 'OrderCancellation', staffNote: input.staffNote },
    closed: true,
    closedAt: ctx.at,
    updatedAt: ctx.at,
    totalOutstandingSet: moneyBag(0, order.currencyCode),
  });
  for (const line of order.lineItems.nodes) line.unfulfilledQuantity = 0;
  if (!input.refund) return;
  const parts = refundable(order)
    .filter((p) => p.left > 0)
    .map((p) => ({ parent: p.tx, amount: p.left }));
  if (parts.length) addRefund(order, ctx, 'Order canceled', parts);
  voidOpenAuthorizations(order, ctx);
}

/** `orderUpdate` of the note; true when it changed. */
export function setNote(order: OrderObject, note: string | null, ctx: WriteContext): boolean {
  if (order.note === note) return false;
  order.note = note;
  order.updatedAt = ctx.at;
  return true;
}

function voidOpenAuthorizations(order: OrderObject, ctx: WriteContext): void {
  const settled = new Set(
    order.transactions.filter((t) => t.kind === 'CAPTURE' || t.kind === 'VOID').map(parentId),
  );
  const open = order.transactions.filter(
    (t) => t.kind === 'AUTHORIZATION' && t.status === 'SUCCESS' && !settled.has(t.id),
  );
  for (const auth of open) {
    const fields = {
      kind: 'VOID',
      gateway: auth.gateway,
      formattedGateway: auth.formattedGateway,
      paymentDetails: auth.paymentDetails,
    };
    const amount = amountOf(auth, order.currencyCode);
    const tx = orderTransaction(
      TRANSACTION_ID_BASE + ctx.nextId() * 10,
      fields,
      ctx.at,
      amount,
      order.currencyCode,
      auth,
    );
    order.transactions.push(tx);
  }
  if (open.length && !order.transactions.some(isCharge)) order.displayFinancialStatus = 'VOIDED';
}

/** Refunded and current totals, and the financial status, from the transactions. */
function recomputeMoney(order: OrderObject): void {
  const c = order.currencyCode;
  const captured = sum(order.transactions.filter(isCharge), c);
  const refunded = sum(
    order.transactions.filter((t) => t.kind === 'REFUND' && t.status === 'SUCCESS'),
    c,
  );
  const total = minorOf(order.totalPriceSet.shopMoney.amount, c) ?? 0;
  order.totalRefundedSet = moneyBag(refunded, c);
  order.currentTotalPriceSet = moneyBag(Math.max(0, total - refunded), c);
  if (captured > 0 && refunded > 0)
    order.displayFinancialStatus = refunded >= captured ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
}
