import { z } from 'zod';

/**
 * The least a reply must have before the connector hands it on; the mapping and the canonical
 * schema check the rest. Unknown fields pass through (Shopify adds fields in new API versions).
 */
const node = z.looseObject({ id: z.string(), legacyResourceId: z.string().optional() });

export const ordersReplySchema = z.object({
  orders: z.object({ nodes: z.array(node.extend({ name: z.string() })) }),
});

export const customersReplySchema = z.object({
  customers: z.object({ nodes: z.array(node.extend({ email: z.string().nullish() })) }),
});

export const shopReplySchema = z.object({ shop: z.looseObject({ name: z.string() }) });

/** `extensions.cost` on every GraphQL reply. https://shopify.dev/docs/api/usage/rate-limits */
export const costSchema = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullish(),
  throttleStatus: z.object({
    maximumAvailable: z.number(),
    currentlyAvailable: z.number(),
    restoreRate: z.number(),
  }),
});
export type QueryCost = z.infer<typeof costSchema>;
