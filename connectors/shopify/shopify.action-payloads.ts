import { z } from 'zod';

/** The least the action replies must have (shopify.mutations.ts); unknown fields pass through. */
const money = z.looseObject({
  presentmentMoney: z.looseObject({ amount: z.string(), currencyCode: z.string() }),
});

export const actionTransactionSchema = z.looseObject({
  id: z.string(),
  kind: z.string(),
  status: z.string(),
  gateway: z.string().nullish(),
  amountSet: money,
  parentTransaction: z.looseObject({ id: z.string() }).nullish(),
});
export type ActionTransaction = z.infer<typeof actionTransactionSchema>;

export const actionOrderSchema = z.looseObject({
  id: z.string(),
  legacyResourceId: z.string(),
  name: z.string(),
  cancelledAt: z.string().nullish(),
  note: z.string().nullish(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string().nullish(),
  transactions: z.array(actionTransactionSchema),
  refunds: z.array(z.looseObject({ id: z.string(), note: z.string().nullish(), totalRefundedSet: money })),
});
export type ActionOrder = z.infer<typeof actionOrderSchema>;

export const actionOrdersReplySchema = z.object({ orders: z.object({ nodes: z.array(actionOrderSchema) }) });

const userError = z.looseObject({
  field: z.array(z.string()).nullish(),
  message: z.string(),
  code: z.string().nullish(),
});
export type UserError = z.infer<typeof userError>;

export const orderCancelReplySchema = z.object({
  orderCancel: z.looseObject({
    job: z.looseObject({ id: z.string(), done: z.boolean() }).nullish(),
    orderCancelUserErrors: z.array(userError),
  }),
});

export const refundCreateReplySchema = z.object({
  refundCreate: z.looseObject({
    refund: z.looseObject({ id: z.string(), totalRefundedSet: money }).nullish(),
    userErrors: z.array(userError),
  }),
});

export const orderUpdateReplySchema = z.object({
  orderUpdate: z.looseObject({
    order: z.looseObject({ id: z.string(), note: z.string().nullish() }).nullish(),
    userErrors: z.array(userError),
  }),
});
