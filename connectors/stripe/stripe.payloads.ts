import { z } from 'zod';

/**
 * Stripe's objects, API version STRIPE_API_VERSION (stripe.client.ts): what the connector acts on
 * is required, every other field the mappings read is declared nullish, and unknown fields pass
 * through (Stripe adds fields in new versions). The connector parses each SDK reply with these, and
 * mappings/stripe/*.yaml may read only what `orderRecordSchema` and `customerSchema` declare
 * (checked at boot). Amounts are integers in the currency's minor unit, currencies lower case,
 * times Unix seconds.
 * Objects: https://docs.stripe.com/api/payment_intents/object, /api/charges/object,
 * /api/refunds/object, /api/disputes/object, /api/customers/object
 */
const list = <T extends z.ZodType>(item: T) =>
  z.looseObject({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });

const searchResult = <T extends z.ZodType>(item: T) =>
  z.looseObject({ object: z.literal('search_result'), data: z.array(item), has_more: z.boolean() });

const minor = z.number().int();
const unixTime = z.number().int();
const text = z.string().nullish();

export const refundSchema = z.looseObject({
  id: z.string(),
  object: z.literal('refund'),
  amount: minor,
  currency: z.string(),
  status: z.string().nullable(),
  /** duplicate, fraudulent, requested_by_customer, expired_uncaptured_charge */
  reason: text,
  created: unixTime,
  /** The hub writes `hub_action_id` here when it creates a refund. */
  metadata: z.record(z.string(), z.string()).nullish(),
  payment_intent: z.string().nullish(),
});

export const disputeSchema = z.looseObject({
  id: z.string(),
  object: z.literal('dispute'),
  amount: minor,
  currency: z.string(),
  status: z.string(),
  /** The network's reason, e.g. fraudulent, product_not_received. */
  reason: text,
  created: unixTime,
  /** `due_by`: when the evidence must be in; null when it can no longer be submitted. */
  evidence_details: z.looseObject({ due_by: unixTime.nullish() }).nullish(),
});

/** A payment method's details that print the account's last four digits. */
const lastFour = z.looseObject({ last4: text }).nullish();

/** Charge.payment_method_details: `type` names the one sub-object that is set. */
const paymentMethodDetails = z.looseObject({
  type: text,
  card: z.looseObject({ brand: text, last4: text }).nullish(),
  sepa_debit: lastFour,
  us_bank_account: lastFour,
  bacs_debit: lastFour,
  au_becs_debit: lastFour,
});

export const chargeSchema = z.looseObject({
  id: z.string(),
  object: z.literal('charge'),
  amount_refunded: minor,
  /** Of `amount_refunded` (the mapping's refunded money). */
  currency: text,
  disputed: z.boolean(),
  payment_method_details: paymentMethodDetails.nullish(),
  /** Radar's verdict; `risk_level`: normal, elevated, highest, not_assessed, unknown. */
  outcome: z.looseObject({ risk_level: text }).nullish(),
  /** Only when expanded (`expand[]=data.latest_charge.refunds`); at most 10 items, then `has_more`. */
  refunds: list(refundSchema).nullish(),
});

export const paymentIntentSchema = z.looseObject({
  id: z.string(),
  object: z.literal('payment_intent'),
  amount: minor,
  amount_received: minor,
  currency: z.string(),
  status: z.string(),
  created: unixTime,
  metadata: z.record(z.string(), z.string()),
  /** The error of the last declined attempt; null once an attempt succeeds. */
  last_payment_error: z.looseObject({ type: text, code: text }).nullish(),
  /** Expanded by the connector; an id string if the expansion did not happen. */
  latest_charge: z.union([z.string(), chargeSchema]).nullable(),
});
export type PaymentIntentPayload = z.infer<typeof paymentIntentSchema>;

export const customerSchema = z.looseObject({
  id: z.string(),
  object: z.literal('customer'),
  email: z.string().nullable(),
  name: text,
  phone: text,
  created: unixTime.nullish(),
});

export const paymentIntentSearchSchema = searchResult(paymentIntentSchema);
export const paymentIntentListSchema = list(paymentIntentSchema);
export const refundListSchema = list(refundSchema);
export const disputeListSchema = list(disputeSchema);
export const customerListSchema = list(customerSchema);
export const customerSearchSchema = searchResult(customerSchema);

/**
 * The `order` record the connector composes (stripe.connector.ts `recordOf`): the order number and
 * its PaymentIntents, each with its `refunds` and `disputes` lists attached.
 */
export const orderRecordSchema = z.looseObject({
  orderNumber: z.string(),
  payment_intents: z.array(
    paymentIntentSchema.extend({ refunds: refundListSchema, disputes: disputeListSchema }),
  ),
});
export type OrderRecord = z.input<typeof orderRecordSchema>;
