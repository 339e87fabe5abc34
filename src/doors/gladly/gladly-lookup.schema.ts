import { z } from 'zod';

/**
 * Gladly sends a list in suggestions and auto-link, and one string from an agent's manual search;
 * a null or an empty value is no value (never a 400 that Gladly would count against the lookup).
 */
const oneOrMany = z
  .union([z.string(), z.array(z.string().nullable()), z.null()])
  .transform((v) =>
    (Array.isArray(v) ? v : [v]).flatMap((s) => (typeof s === 'string' && s.trim() ? [s.trim()] : [])),
  );
const oneText = z
  .string()
  .nullish()
  .transform((s) => (s?.trim() ? s.trim() : undefined));

/**
 * A Lookup Adaptor request (docs/doors/gladly.md): BASIC finds candidates (auto-link, suggestions,
 * agent search), DETAILED fetches one linked profile with its orders. Fields Gladly may add pass.
 */
export const GladlyLookupSchema = z.looseObject({
  lookupLevel: z.enum(['BASIC', 'DETAILED']),
  uniqueMatchRequired: z
    .boolean()
    .nullish()
    .transform((b) => b ?? false),
  query: z.looseObject({
    emails: oneOrMany.optional(),
    email: oneOrMany.optional(),
    phones: oneOrMany.optional(),
    phone: oneOrMany.optional(),
    name: oneText,
    externalCustomerId: oneText,
    /** Gladly's own customer id: never a key the hub can look up by. */
    id: oneText,
  }),
});
export type GladlyLookup = z.infer<typeof GladlyLookupSchema>;

const text = z.string();

export const GladlyProductSchema = z.object({
  id: text,
  name: text,
  sku: text.optional(),
  quantity: text,
  unitPrice: text.optional(),
  status: text,
});

export const GladlyFulfillmentSchema = z.object({
  status: text,
  carrier: text.optional(),
  trackingNumber: text.optional(),
  trackingUrl: text.optional(),
  estimatedDeliveryDate: text.optional(),
  deliveredAt: text.optional(),
  productIds: z.array(text),
});

/** A transaction card of type ORDER: values are strings (Gladly shows them as they are). */
export const GladlyOrderSchema = z.object({
  type: z.literal('ORDER'),
  orderNumber: text,
  orderStatus: text,
  orderTotal: text.optional(),
  currencyCode: text.optional(),
  createdAt: text,
  orderLink: text.optional(),
  itemCount: text,
  note: text.optional(),
  products: z.array(GladlyProductSchema),
  fulfillments: z.array(GladlyFulfillmentSchema),
});
export type GladlyOrder = z.infer<typeof GladlyOrderSchema>;

/** One customer in a lookup answer; `customAttributes` values are flat strings ("" clears one). */
export const GladlyCustomerSchema = z.object({
  externalCustomerId: text,
  name: text.optional(),
  address: text.optional(),
  emails: z.array(z.object({ original: text })).optional(),
  phones: z.array(z.object({ original: text, type: text.optional() })).optional(),
  customAttributes: z.record(text, text).optional(),
  transactions: z.array(GladlyOrderSchema).optional(),
});
export type GladlyCustomer = z.infer<typeof GladlyCustomerSchema>;

export const GladlyAnswerSchema = z.object({ results: z.array(GladlyCustomerSchema) });
export type GladlyAnswer = z.infer<typeof GladlyAnswerSchema>;
