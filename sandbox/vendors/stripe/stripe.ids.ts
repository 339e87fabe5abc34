import { substream, token } from '../../world/random';
import { type Payment } from '../../world/world.types';

/**
 * Stripe-style ids for world entities: a prefix and a mixed-case suffix, derived from the world
 * seed and the entity, so the same world always has the same ids. https://docs.stripe.com/api
 */
export function stripeId(seed: number, prefix: string, entity: string, length = 24): string {
  return `${prefix}_${token(substream(seed, `stripe:${entity}`), length)}`;
}

const PAYMENT_INTENT_ID = /^pi_[A-Za-z0-9]{14,}$/;

/** The world's provider reference when it looks like a PaymentIntent id, else one derived from the payment. */
export function paymentIntentId(seed: number, payment: Payment): string {
  return PAYMENT_INTENT_ID.test(payment.providerRef)
    ? payment.providerRef
    : stripeId(seed, 'pi', `payment:${payment.id}`);
}

/** A PaymentIntent's charge shares its suffix (pi_3Mtw… → ch_3Mtw…), as on Stripe. */
export function chargeId(paymentIntent: string): string {
  return `ch_${paymentIntent.slice(3)}`;
}

export function paymentMethodId(seed: number, payment: Payment): string {
  return stripeId(seed, 'pm', `payment-method:${payment.id}`);
}

export function customerId(seed: number, worldCustomerId: number): string {
  return stripeId(seed, 'cus', `customer:${worldCustomerId}`, 14);
}

/** Unix seconds, Stripe's time format. */
export function unix(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}
