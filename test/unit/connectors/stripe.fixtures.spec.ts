import {
  customerListSchema,
  customerSearchSchema,
  disputeListSchema,
  paymentIntentSearchSchema,
  refundListSchema,
} from '../../../connectors/stripe/stripe.payloads';
import { type Json, stripeReply, type StripeFixture } from '../../fixtures/stripe';

/**
 * The fixtures stand in for Stripe in the mapping and connector tests, so they must be what the
 * connector accepts and what its request asks for: searches with `latest_charge` and the charge's
 * `refunds` expanded, money that adds up, and Stripe's error shape.
 */
const SEARCHES: StripeFixture[] = [
  'payment-intents-search',
  'payment-intents-search-jpy',
  'payment-intents-search-kwd',
  'payment-intents-search-statuses',
];

describe('test/fixtures/stripe', () => {
  it.each(SEARCHES)('%s passes the connector’s search schema', (name) => {
    expect(paymentIntentSearchSchema.safeParse(stripeReply(name)).error).toBeUndefined();
  });

  it.each([
    ['refunds', refundListSchema],
    ['disputes', disputeListSchema],
    ['customers', customerListSchema],
    ['customers-search', customerSearchSchema],
  ] as const)('%s passes the connector’s schema', (name, schema) => {
    expect(schema.safeParse(stripeReply(name)).error).toBeUndefined();
  });

  it.each(SEARCHES)('%s: every charge is expanded with its refunds, and amount_refunded adds up', (name) => {
    for (const pi of stripeReply(name).data as Json[]) {
      expect(pi.metadata.order_number ?? pi.metadata.order_id).toBeDefined();
      const charge = pi.latest_charge;
      if (charge === null) continue;
      expect(charge).toMatchObject({ object: 'charge', payment_intent: pi.id, currency: pi.currency });
      expect(charge.refunds).toMatchObject({ object: 'list', has_more: false });
      const refunded = (charge.refunds.data as Json[])
        .filter((r) => r.status !== 'failed' && r.status !== 'canceled')
        .reduce((sum, r) => sum + r.amount, 0);
      expect(charge.amount_refunded).toBe(refunded);
      for (const refund of charge.refunds.data)
        expect(refund).toMatchObject({ charge: charge.id, payment_intent: pi.id });
    }
  });

  it('disputes belong to a disputed charge of the order', () => {
    const charges = new Map<string, Json>(
      stripeReply('payment-intents-search').data.map((pi: Json) => [pi.latest_charge.id, pi.latest_charge]),
    );
    for (const dispute of stripeReply('disputes').data) {
      expect(charges.get(dispute.charge)).toMatchObject({
        disputed: true,
        payment_intent: dispute.payment_intent,
      });
    }
  });

  it.each(['error-invalid-api-key', 'error-rate-limit', 'error-api', 'error-resource-missing'] as const)(
    '%s has Stripe’s error shape',
    (name) => {
      expect(stripeReply(name)).toEqual({
        error: expect.objectContaining({ type: expect.any(String), message: expect.any(String) }),
      });
    },
  );
});
