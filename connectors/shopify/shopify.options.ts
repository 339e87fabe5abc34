import { z } from 'zod';
import { baseConnectorOptions } from '../../src/connectors/contract';

export const shopifyOptionsSchema = baseConnectorOptions
  .extend({
    /** The shop's permanent domain, e.g. acme.myshopify.com. */
    shop: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'must be the permanent domain, e.g. acme.myshopify.com'),
    accessToken: z.string().min(1),
    apiVersion: z
      .string()
      .regex(/^(\d{4}-\d{2}|unstable)$/, 'must look like 2026-01')
      .default('2026-01'),
    /**
     * The app's client secret (API secret key): Shopify signs webhooks with it
     * (X-Shopify-Hmac-Sha256). Without it, POST /webhooks/{id} answers 404 for this connector.
     */
    webhookSecret: z.string().min(1).optional(),
    /** How the shop prefixes order names ("#1001" by default). */
    orderNamePrefix: z.string().max(10).default('#'),
    /** Longest wait for Shopify's GraphQL bucket to refill before giving up with rate_limited. */
    maxThrottleWaitMs: z.number().int().min(0).max(10_000).default(1_000),
  })
  .strict();
export type ShopifyOptions = z.infer<typeof shopifyOptionsSchema>;
