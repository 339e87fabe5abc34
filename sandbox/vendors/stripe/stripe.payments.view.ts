import { type Customer, type Order, type Payment } from '../../world/world.types';
import { chargeId, paymentMethodId, unix } from './stripe.ids';
import {
  CARD_BRAND,
  cancellationReason,
  declineOf,
  paymentIntentStatus,
  received,
  RISK,
} from './stripe.status';

export type StripeObject = Record<string, unknown> & { id: string; object: string };

/** What the view needs to know about a payment besides the world facts. */
export interface PaymentRefs {
  seed: number;
  order: Order;
  payment: Payment & { method: { type: 'card' } };
  customer: Customer | undefined;
  customerId: string | undefined;
  paymentIntentId: string;
  /** What Stripe has refunded on the charge: refunds not failed, plus a released authorization. */
  amountRefunded: number;
}

const address = (c: Customer | undefined) =>
  c
    ? {
        city: c.address.city,
        country: c.address.countryCode,
        line1: c.address.line1,
        line2: c.address.line2 ?? null,
        postal_code: c.address.postalCode,
        state: c.address.regionCode ?? c.address.region ?? null,
      }
    : null;

/**
 * A world card payment → Stripe PaymentIntent (without expansions: `latest_charge` is an id).
 * https://docs.stripe.com/api/payment_intents/object
 */
export function paymentIntentView(r: PaymentRefs): StripeObject {
  const { payment, order } = r;
  const status = paymentIntentStatus(payment);
  const captured = received(payment);
  const charge = chargeId(r.paymentIntentId);
  const pm = paymentMethodId(r.seed, payment);
  const failed = status === 'requires_payment_method';
  const decline = declineOf(payment.failureCode);
  const canceledAt = payment.voidedAt ?? payment.expiredAt;
  return {
    id: r.paymentIntentId,
    object: 'payment_intent',
    amount: payment.amount,
    amount_capturable: status === 'requires_capture' ? payment.amount - captured : 0,
    amount_details: { tip: {} },
    amount_received: captured,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: canceledAt ? unix(canceledAt) : null,
    cancellation_reason: cancellationReason(order, payment),
    capture_method: payment.capture === 'manual' ? 'manual' : 'automatic_async',
    client_secret: `${r.paymentIntentId}_secret_sandbox`,
    confirmation_method: 'automatic',
    created: unix(payment.createdAt),
    currency: order.currency.toLowerCase(),
    customer: r.customerId ?? null,
    description: `Order #${order.number}`,
    excluded_payment_method_types: null,
    last_payment_error: failed
      ? {
          charge,
          code: decline.code,
          decline_code: decline.decline_code,
          doc_url: `https://stripe.com/docs/error-codes/${decline.code.replace(/_/g, '-')}`,
          message: decline.message,
          payment_method: { id: pm, object: 'payment_method', type: 'card' },
          type: 'card_error',
        }
      : null,
    latest_charge: charge,
    livemode: false,
    metadata: { order_number: String(order.number) },
    next_action: null,
    on_behalf_of: null,
    payment_method: failed ? null : pm,
    payment_method_configuration_details: null,
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    processing: null,
    receipt_email: order.email,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status,
    transfer_data: null,
    transfer_group: null,
  };
}

/**
 * The PaymentIntent's charge (one attempt per world payment). `refunds` is left out: Stripe only
 * includes it when expanded. https://docs.stripe.com/api/charges/object
 */
export function chargeView(r: PaymentRefs): StripeObject {
  const { payment, order, customer } = r;
  const id = chargeId(r.paymentIntentId);
  const status =
    payment.outcome === 'succeeded' ? 'succeeded' : payment.outcome === 'pending' ? 'pending' : 'failed';
  const capturedAmount = received(payment);
  const captured = status === 'succeeded' && (payment.capture === 'automatic' || payment.captures.length > 0);
  const decline = declineOf(payment.failureCode);
  const risk = RISK[order.risk.level];
  const card = payment.method;
  const brand = CARD_BRAND[card.brand] ?? 'unknown';
  return {
    id,
    object: 'charge',
    amount: payment.amount,
    amount_captured: capturedAmount,
    amount_refunded: r.amountRefunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: captured ? `txn_${id.slice(3)}` : null,
    billing_details: {
      address: address(customer),
      email: order.email,
      name: customer ? `${customer.firstName} ${customer.lastName}` : null,
      phone: null,
      tax_id: null,
    },
    calculated_statement_descriptor: 'CONTEXTHUB SANDBOX',
    captured,
    created: unix(payment.createdAt),
    currency: order.currency.toLowerCase(),
    customer: r.customerId ?? null,
    description: `Order #${order.number}`,
    disputed: payment.dispute !== undefined,
    failure_balance_transaction: null,
    failure_code: status === 'failed' ? decline.code : null,
    failure_message: status === 'failed' ? decline.message : null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome:
      status === 'pending'
        ? null
        : status === 'failed'
          ? {
              network_status: 'declined_by_network',
              reason: decline.decline_code ?? decline.code,
              risk_level: risk.level,
              risk_score: risk.score,
              seller_message: 'The bank did not return any further details with this decline.',
              type: 'issuer_declined',
            }
          : {
              network_status: 'approved_by_network',
              reason: null,
              risk_level: risk.level,
              risk_score: risk.score,
              seller_message: 'Payment complete.',
              type: 'authorized',
            },
    paid: status === 'succeeded',
    payment_intent: r.paymentIntentId,
    payment_method: paymentMethodId(r.seed, payment),
    payment_method_details: {
      card: {
        amount_authorized: status === 'succeeded' ? payment.amount : null,
        brand,
        checks: { address_line1_check: 'pass', address_postal_code_check: 'pass', cvc_check: 'pass' },
        country: customer?.address.countryCode ?? null,
        exp_month: card.expMonth,
        exp_year: card.expYear,
        funding: 'credit',
        last4: card.last4,
        multicapture: { status: payment.capture === 'manual' ? 'available' : 'unavailable' },
        network: brand,
        three_d_secure: null,
        wallet: card.wallet ? { apple_pay: {}, dynamic_last4: card.last4, type: card.wallet } : null,
      },
      type: 'card',
    },
    radar_options: {},
    receipt_email: order.email,
    receipt_number: null,
    receipt_url: `https://pay.stripe.com/receipts/payment/sandbox_${id.slice(3)}`,
    refunded: r.amountRefunded > 0 && r.amountRefunded >= (captured ? capturedAmount : payment.amount),
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status,
    transfer_data: null,
    transfer_group: null,
  };
}
