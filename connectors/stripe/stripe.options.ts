import { z } from 'zod';
import { baseConnectorOptions } from '../../src/connectors/contract';

/** Stripe caps a search query at 10 clauses; each metadata key is one `OR` clause. https://docs.stripe.com/search */
const MAX_SEARCH_CLAUSES = 10;

export const stripeOptionsSchema = baseConnectorOptions
  .extend({
    /** A secret (`sk_`) or restricted (`rk_`) key with read access to PaymentIntents, Charges, Refunds, Disputes, Customers. */
    secretKey: z.string().regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret or restricted key'),
    /** PaymentIntent metadata keys the shop writes its order number under, tried together (OR). */
    orderNumberMetadataKeys: z
      .array(
        z
          .string()
          .min(1)
          .max(40) // Stripe's metadata key limit
          .regex(/^[^\s'"\\[\]]+$/, 'must not contain spaces, quotes, backslashes or brackets'),
      )
      .min(1)
      .max(MAX_SEARCH_CLAUSES)
      .default(['order_number', 'order_id']),
    /** The webhook endpoint's signing secret (`whsec_...`); without it, POST /webhooks/{id} answers 404. */
    webhookSecret: z
      .string()
      .regex(/^whsec_\S+$/, 'must be the endpoint signing secret, whsec_...')
      .optional(),
    /** Origin of the deep links; `https://dashboard.stripe.com/test` for a test-mode account. */
    dashboardUrl: z
      .url({ protocol: /^https?$/ })
      .transform((u) => u.replace(/(?<!\/)\/+$/, ''))
      .default('https://dashboard.stripe.com'),
  })
  .strict()
  // The SDK takes host, port and protocol only: a path prefix could not be honoured, so refuse it at boot.
  .refine((o) => !o.baseUrl || ['', '/'].includes(new URL(o.baseUrl).pathname), {
    path: ['baseUrl'],
    message: 'Stripe takes an origin only (the SDK adds /v1), e.g. http://127.0.0.1:4010',
  });
export type StripeOptions = z.infer<typeof stripeOptionsSchema>;
