import { capturedAmount } from './payment.builder';
import { type LinePick, type RefundSpec, type ReturnSpec } from './order-spec.types';
import { int, type Rng } from './random';
import { days, hours, iso } from './time.util';
import { type LineItem, type Payment, type Refund, type Return } from './world.types';

export interface AfterSaleContext {
  rng: Rng;
  nextId: (kind: 'refund' | 'return') => number;
  latestMs: number;
  lineItems: LineItem[];
  itemsTotal: number;
  shipping: number;
  total: number;
  pick: (lines: readonly LinePick[] | undefined) => { lineItemId: number; quantity: number }[];
}

/**
 * Refunds go back to the first payment that collected money. A line refund is prorated with the
 * order's discount and tax (as shops compute it); `all` refunds whatever is left of the capture.
 */
export function buildRefunds(
  ctx: AfterSaleContext,
  specs: readonly RefundSpec[],
  payments: Payment[],
  fromMs: number,
) {
  const payment = payments.find((p) => capturedAmount(p) > 0);
  if (specs.length > 0 && !payment) throw new Error('sandbox scenario: a refund needs a captured payment');
  let left = payment ? capturedAmount(payment) : 0;
  return specs.map((spec, i): Refund => {
    const lines = spec.lines ? ctx.pick(spec.lines) : [];
    const gross = lines.reduce((sum, l) => sum + l.quantity * unitPrice(ctx, l.lineItemId), 0);
    const amount = spec.all ? left : Math.round((gross * (ctx.total - ctx.shipping)) / ctx.itemsTotal);
    if (spec.status !== 'pending' && spec.status !== 'failed') left -= amount;
    const at = Math.min(fromMs + hours(spec.afterHours ?? int(ctx.rng, 24, 72) + i * 24), ctx.latestMs);
    return {
      id: ctx.nextId('refund'),
      paymentId: payment?.id ?? 0,
      amount,
      reason: spec.reason,
      ...(spec.note ? { note: spec.note } : {}),
      at: iso(at),
      status: spec.status ?? 'succeeded',
      lines: lines.map((l) => ({ ...l, restock: spec.restock ?? false })),
    };
  });
}

/** Returns are opened a few days after delivery; closed ones close three days later. */
export function buildReturns(ctx: AfterSaleContext, specs: readonly ReturnSpec[], fromMs: number): Return[] {
  return specs.map((spec, i) => {
    const createdMs = Math.min(fromMs + days(int(ctx.rng, 1, 3)), ctx.latestMs);
    const done = spec.status === 'closed' || spec.status === 'declined' || spec.status === 'canceled';
    return {
      id: ctx.nextId('return'),
      index: i + 1,
      status: spec.status,
      reason: spec.reason,
      createdAt: iso(createdMs),
      ...(done ? { closedAt: iso(Math.min(createdMs + days(3), ctx.latestMs)) } : {}),
      lines: ctx.pick(spec.lines),
    };
  });
}

function unitPrice(ctx: AfterSaleContext, lineItemId: number): number {
  return ctx.lineItems.find((l) => l.id === lineItemId)?.unitPrice ?? 0;
}
