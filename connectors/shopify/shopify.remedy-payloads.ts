import { z } from 'zod';

/** The least the remedy replies must have (shopify.remedy-mutations.ts); unknown fields pass through. */
const userError = z.looseObject({
  field: z.array(z.string()).nullish(),
  message: z.string(),
  code: z.string().nullish(),
});

const money = z.looseObject({ amount: z.string(), currencyCode: z.string() });

const address = z.looseObject({
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  company: z.string().nullish(),
  address1: z.string().nullish(),
  address2: z.string().nullish(),
  city: z.string().nullish(),
  provinceCode: z.string().nullish(),
  countryCode: z.string().nullish(),
  zip: z.string().nullish(),
  phone: z.string().nullish(),
});
export type ShopifyAddress = z.infer<typeof address>;

export const replacementLineSchema = z.looseObject({
  sku: z.string().nullish(),
  title: z.string(),
  quantity: z.number().int(),
  requiresShipping: z.boolean().nullish(),
  variant: z.looseObject({ id: z.string() }).nullish(),
});
export type ReplacementLine = z.infer<typeof replacementLineSchema>;

const orderRef = z.looseObject({ id: z.string(), legacyResourceId: z.string(), name: z.string() });
export type OrderRef = z.infer<typeof orderRef>;

export const replacementSourceSchema = orderRef.extend({
  cancelledAt: z.string().nullish(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string().nullish(),
  email: z.string().nullish(),
  customer: z.looseObject({ id: z.string() }).nullish(),
  shippingAddress: address.nullish(),
  lineItems: z.looseObject({ nodes: z.array(replacementLineSchema) }),
});
export type ReplacementSource = z.infer<typeof replacementSourceSchema>;

export const orderForReplacementReplySchema = z.object({
  orders: z.object({ nodes: z.array(replacementSourceSchema) }),
  placed: z.object({ nodes: z.array(orderRef) }),
});

export const orderCreateReplySchema = z.object({
  orderCreate: z.looseObject({ order: orderRef.nullish(), userErrors: z.array(userError) }),
});

export const storeCreditOwnerSchema = orderRef.extend({
  note: z.string().nullish(),
  currencyCode: z.string(),
  presentmentCurrencyCode: z.string().nullish(),
  customer: z
    .looseObject({ id: z.string(), legacyResourceId: z.string(), displayName: z.string().nullish() })
    .nullish(),
});
export type StoreCreditOwner = z.infer<typeof storeCreditOwnerSchema>;

export const orderForStoreCreditReplySchema = z.object({
  orders: z.object({ nodes: z.array(storeCreditOwnerSchema) }),
});

export const storeCreditReplySchema = z.object({
  storeCreditAccountCredit: z.looseObject({
    storeCreditAccountTransaction: z
      .looseObject({
        amount: money,
        balanceAfterTransaction: money,
        account: z.looseObject({ id: z.string() }),
      })
      .nullish(),
    userErrors: z.array(userError),
  }),
});
