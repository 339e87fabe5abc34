import { type PaymentSpec } from './order-spec.types';
import { digits, int, pick, token, type Rng } from './random';
import { days, hours, iso } from './time.util';
import { type CardBrand, type Dispute, type Payment, type PaymentMethod } from './world.types';

const BRANDS: readonly CardBrand[] = [
  'Visa',
  'Visa',
  'Mastercard',
  'Mastercard',
  'American Express',
  'Discover',
];

/** Card authorizations lapse after about a week (Shopify Payments: 7 days). */
const AUTH_VALIDITY_DAYS = 7;

export interface PaymentContext {
  rng: Rng;
  nextId: (kind: 'payment' | 'capture' | 'dispute') => number;
  placedMs: number;
  anchorMs: number;
  /** Latest allowed time (just before the anchor). */
  latestMs: number;
  total: number;
  email: string;
}

export function buildPayment(ctx: PaymentContext, spec: PaymentSpec): Payment {
  const { rng } = ctx;
  const amount = Math.round(ctx.total * (spec.share ?? 1));
  const outcome = spec.outcome ?? 'succeeded';
  const createdMs = ctx.placedMs;
  const payment: Payment = {
    id: ctx.nextId('payment'),
    gateway: spec.gateway ?? (spec.paypal ? 'paypal' : spec.bankTransfer ? 'manual' : 'shopify_payments'),
    method: method(rng, spec, ctx),
    amount,
    createdAt: iso(createdMs),
    capture: spec.manual ? 'manual' : 'automatic',
    outcome,
    captures: [],
    providerRef: `pi_${token(rng, 24)}`,
  };
  if (spec.failureCode) payment.failureCode = spec.failureCode;
  if (spec.dispute) payment.dispute = dispute(ctx, spec.dispute, amount);
  if (!spec.manual || outcome !== 'succeeded') return payment;

  payment.authorizationExpiresAt = iso(createdMs + days(AUTH_VALIDITY_DAYS));
  const share = spec.voided || spec.expired ? 0 : (spec.captured ?? 1);
  if (share > 0) {
    const at = Math.min(createdMs + hours(int(rng, 20, 48)), ctx.latestMs);
    payment.captures.push({ id: ctx.nextId('capture'), amount: Math.round(amount * share), at: iso(at) });
  }
  if (spec.voided) payment.voidedAt = iso(Math.min(createdMs + hours(int(rng, 2, 12)), ctx.latestMs));
  if (spec.expired) payment.expiredAt = iso(Math.min(createdMs + days(AUTH_VALIDITY_DAYS), ctx.latestMs));
  return payment;
}

/** The merchant has about a week to answer a chargeback (Stripe: `evidence_details.due_by`). */
function dispute(ctx: PaymentContext, spec: NonNullable<PaymentSpec['dispute']>, amount: number): Dispute {
  const openedMs = ctx.anchorMs - days(spec.openedDaysAgo) - int(ctx.rng, 0, 3599) * 1000;
  return {
    id: ctx.nextId('dispute'),
    amount,
    reason: spec.reason,
    status: spec.status,
    openedAt: iso(Math.max(ctx.placedMs + hours(1), Math.min(openedMs, ctx.latestMs))),
    evidenceDueBy: iso(ctx.anchorMs + days(spec.evidenceDueInDays ?? 7)),
  };
}

function method(rng: Rng, spec: PaymentSpec, ctx: PaymentContext): PaymentMethod {
  if (spec.paypal) return { type: 'paypal', payerEmail: ctx.email };
  if (spec.bankTransfer) return { type: 'bank_transfer' };
  const brand = spec.card ?? pick(rng, BRANDS);
  const year = new Date(ctx.placedMs).getUTCFullYear();
  return {
    type: 'card',
    brand,
    last4: spec.last4 ?? digits(rng, 4),
    expMonth: int(rng, 1, 12),
    expYear: year + int(rng, 1, 5),
  };
}

/** What a payment actually collected: the sale, or the sum of its captures. */
export function capturedAmount(payment: Payment): number {
  if (payment.outcome !== 'succeeded') return 0;
  if (payment.capture === 'automatic') return payment.amount;
  return payment.captures.reduce((sum, c) => sum + c.amount, 0);
}
