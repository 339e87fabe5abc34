import { z } from 'zod';

/**
 * The least a Stripe reply must have before the connector hands it on; the mapping and the
 * canonical schema check the rest. Unknown fields pass through (Stripe adds fields in new versions).
 * Objects: https://docs.stripe.com/api/payment_intents/object, /api/charges/object,
 * /api/refunds/object, /api/disputes/object, /api/customers/object
 */
const list = <T extends z.ZodType>(item: T) =>
  z.looseObject({ object: z.literal('list'), data: z.array(item), has_more: z.boolean() });

const searchResult = <T extends z.ZodType>(item: T) =>
  z.looseObject({ object: z.literal('search_result'), data: z.array(item), has_more: z.boolean() });

const minor = z.number().int();
const unixTime = z.number().int();

export const refundSchema = z.looseObject({
  id: z.string(),
  object: z.literal('refund'),
  amount: minor,
  currency: z.string(),
  status: z.string().nullable(),
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
  created: unixTime,
});

export const chargeSchema = z.looseObject({
  id: z.string(),
  object: z.literal('charge'),
  amount_refunded: minor,
  disputed: z.boolean(),
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
  /** Expanded by the connector; an id string if the expansion did not happen. */
  latest_charge: z.union([z.string(), chargeSchema]).nullable(),
});
export type PaymentIntentPayload = z.infer<typeof paymentIntentSchema>;

export const customerSchema = z.looseObject({
  id: z.string(),
  object: z.literal('customer'),
  email: z.string().nullable(),
});

export const paymentIntentSearchSchema = searchResult(paymentIntentSchema);
export const paymentIntentListSchema = list(paymentIntentSchema);
export const refundListSchema = list(refundSchema);
export const disputeListSchema = list(disputeSchema);
export const customerListSchema = list(customerSchema);
export const customerSearchSchema = searchResult(customerSchema);
