import { type Dispute, type Refund } from '../../world/world.types';
import { chargeId, stripeId, unix } from './stripe.ids';
import { type PaymentRefs, type StripeObject } from './stripe.payments.view';
import { CARD_BRAND, received } from './stripe.status';

const REFUND_REASON: Record<Refund['reason'], string> = {
  duplicate: 'duplicate',
  customer_request: 'requested_by_customer',
  cancellation: 'requested_by_customer',
  returned: 'requested_by_customer',
  not_received: 'requested_by_customer',
  damaged: 'requested_by_customer',
};

export interface RefundFacts {
  id: string;
  amount: number;
  status: 'pending' | 'succeeded' | 'failed';
  reason: string | null;
  at: string;
  metadata?: Record<string, string>;
}

/** A refund of a PaymentIntent's charge; `POST /v1/refunds` builds its refunds with this too. */
export function refundObject(
  owner: { paymentIntentId: string; currency: string },
  facts: RefundFacts,
): StripeObject {
  const charge = chargeId(owner.paymentIntentId);
  const done = facts.status === 'succeeded';
  return {
    id: facts.id,
    object: 'refund',
    amount: facts.amount,
    balance_transaction: done ? `txn_${facts.id.slice(3)}` : null,
    charge,
    created: unix(facts.at),
    currency: owner.currency,
    destination_details: {
      card: {
        reference: done ? facts.id.slice(3, 19) : null,
        reference_status: done ? 'available' : 'pending',
        reference_type: 'acquirer_reference_number',
        type: 'refund',
      },
      type: 'card',
    },
    ...(facts.status === 'failed'
      ? {
          failure_balance_transaction: `txn_${facts.id.slice(3)}`,
          failure_reason: 'expired_or_canceled_card',
        }
      : {}),
    metadata: facts.metadata ?? {},
    payment_intent: owner.paymentIntentId,
    reason: facts.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: facts.status,
    transfer_reversal: null,
  };
}

/**
 * The payment's refunds, newest first: the world's refunds, plus the release of an authorization
 * that was voided or lapsed (Stripe refunds the uncaptured amount when it cancels the
 * PaymentIntent). https://docs.stripe.com/api/refunds/object
 */
export function refundsView(r: PaymentRefs, refunds: readonly Refund[]): StripeObject[] {
  const owner = { paymentIntentId: r.paymentIntentId, currency: r.order.currency.toLowerCase() };
  const out = refunds.map((refund) =>
    refundObject(owner, {
      id: stripeId(r.seed, 're', `refund:${refund.id}`),
      amount: refund.amount,
      status: refund.status,
      reason: REFUND_REASON[refund.reason],
      at: refund.at,
    }),
  );
  const released = r.payment.voidedAt ?? r.payment.expiredAt;
  const uncaptured = r.payment.amount - received(r.payment);
  if (released && uncaptured > 0) {
    out.push(
      refundObject(owner, {
        id: stripeId(r.seed, 're', `release:${r.payment.id}`),
        amount: uncaptured,
        status: 'succeeded',
        reason: r.payment.expiredAt ? 'expired_uncaptured_charge' : null,
        at: released,
      }),
    );
  }
  return out.sort((a, b) => (b.created as number) - (a.created as number));
}

/** What Stripe counts in `charge.amount_refunded`: every refund that has not failed. */
export function amountRefunded(refunds: readonly StripeObject[]): number {
  return refunds.filter((x) => x.status !== 'failed').reduce((sum, x) => sum + (x.amount as number), 0);
}

/** A chargeback on the payment's charge. https://docs.stripe.com/api/disputes/object */
export function disputeView(r: PaymentRefs, dispute: Dispute): StripeObject {
  const responded = dispute.status !== 'needs_response';
  return {
    id: stripeId(r.seed, 'dp', `dispute:${dispute.id}`),
    object: 'dispute',
    amount: dispute.amount,
    balance_transactions: [],
    charge: chargeId(r.paymentIntentId),
    created: unix(dispute.openedAt),
    currency: r.order.currency.toLowerCase(),
    enhanced_eligibility_types: [],
    evidence: {
      customer_email_address: responded ? r.order.email : null,
      product_description: null,
      shipping_tracking_number: responded ? (r.order.parcels[0]?.trackingNumber ?? null) : null,
      uncategorized_text: null,
    },
    evidence_details: {
      due_by: dispute.evidenceDueBy ? unix(dispute.evidenceDueBy) : null,
      enhanced_eligibility: {},
      has_evidence: responded,
      past_due: false,
      submission_count: responded ? 1 : 0,
    },
    is_charge_refundable: false,
    livemode: false,
    metadata: {},
    payment_intent: r.paymentIntentId,
    payment_method_details: {
      card: {
        brand: CARD_BRAND[r.payment.method.brand] ?? 'unknown',
        case_type: 'chargeback',
        network_reason_code: NETWORK_REASON[dispute.reason],
      },
      type: 'card',
    },
    reason: dispute.reason,
    status: dispute.status,
  };
}

/** A plausible card-network reason code per reason (Visa's numbering). */
const NETWORK_REASON: Record<Dispute['reason'], string> = {
  fraudulent: '10.4',
  product_not_received: '13.1',
  product_unacceptable: '13.3',
  duplicate: '12.6.1',
  general: '13.7',
};
