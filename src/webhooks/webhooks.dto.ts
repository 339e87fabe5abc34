import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';

export const WebhookReceiptSchema = z.object({
  status: z
    .enum(['queued', 'duplicate'])
    .describe('queued: 202, taken for processing; duplicate: 200, seen before and ignored'),
  connector: z.string().describe('the connector id from the path'),
  deliveryId: z
    .string()
    .describe("the vendor's id of the delivery, e.g. X-Shopify-Webhook-Id or a Stripe event id"),
  kind: z
    .string()
    .optional()
    .describe('the event as the vendor names it, e.g. orders/updated, tracker.updated'),
});

// The class name becomes the OpenAPI schema name.
export class WebhookReceipt extends createZodDto(WebhookReceiptSchema) {}
