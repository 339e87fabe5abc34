import { type Order, type Payment, type RiskLevel } from '../../world/world.types';

/**
 * Stripe's statuses, derived from world facts (never stored), so every view agrees.
 * https://docs.stripe.com/payments/paymentintents/lifecycle
 */
export type PaymentIntentStatus =
  'requires_payment_method' | 'processing' | 'requires_capture' | 'succeeded' | 'canceled';

/** What a payment collected so far: the sale, or the sum of its captures. */
export function received(payment: Payment): number {
  if (payment.outcome !== 'succeeded') return 0;
  if (payment.capture === 'automatic') return payment.amount;
  return payment.captures.reduce((sum, c) => sum + c.amount, 0);
}

export function paymentIntentStatus(payment: Payment): PaymentIntentStatus {
  if (payment.outcome === 'failed' || payment.outcome === 'error') return 'requires_payment_method';
  if (payment.outcome === 'pending') return 'processing';
  if (payment.capture === 'automatic') return 'succeeded';
  // An uncaptured authorization is canceled when voided, and by Stripe when it lapses (7 days).
  if (payment.voidedAt || payment.expiredAt) return 'canceled';
  // Several partial captures (Shopify's deposits) are Stripe multicapture: requires_capture until in full.
  return received(payment) >= payment.amount ? 'succeeded' : 'requires_capture';
}

export function cancellationReason(order: Order, payment: Payment): string | null {
  if (payment.expiredAt) return 'automatic';
  if (!payment.voidedAt) return null;
  return order.cancellation?.reason === 'fraud' ? 'fraudulent' : 'requested_by_customer';
}

/** Radar's `outcome.risk_level` for the order's risk. https://docs.stripe.com/radar/risk-evaluation */
export const RISK: Record<RiskLevel, { level: string; score: number | null }> = {
  none: { level: 'normal', score: 4 },
  low: { level: 'normal', score: 18 },
  medium: { level: 'elevated', score: 67 },
  high: { level: 'highest', score: 91 },
  pending: { level: 'not_assessed', score: null },
};

export const CARD_BRAND: Record<string, string> = {
  Visa: 'visa',
  Mastercard: 'mastercard',
  'American Express': 'amex',
  Discover: 'discover',
  JCB: 'jcb',
};

/** Decline details for a failure code, as a card_error carries them. https://docs.stripe.com/declines/codes */
export function declineOf(failureCode: string | undefined): {
  code: string;
  decline_code: string | null;
  message: string;
} {
  switch (failureCode) {
    case 'processing_error':
      return {
        code: 'processing_error',
        decline_code: null,
        message: 'An error occurred while processing your card. Try again in a little bit.',
      };
    case 'insufficient_funds':
      return {
        code: 'card_declined',
        decline_code: 'insufficient_funds',
        message: 'Your card has insufficient funds.',
      };
    case 'expired_card':
      return { code: 'expired_card', decline_code: null, message: 'Your card has expired.' };
    case 'incorrect_cvc':
      return {
        code: 'incorrect_cvc',
        decline_code: null,
        message: "Your card's security code is incorrect.",
      };
    default:
      return { code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' };
  }
}
