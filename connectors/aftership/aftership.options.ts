import { z } from 'zod';
import { baseConnectorOptions } from '../../src/connectors/contract';

/** The API version is part of the path: https://www.aftership.com/docs/tracking/2025-01/quickstart/versioning */
export const AFTERSHIP_API_URL = 'https://api.aftership.com/tracking/2025-01';

export const afterShipOptionsSchema = baseConnectorOptions
  .extend({
    /** Sent as the `as-api-key` header. */
    apiKey: z.string().min(1),
    /** The account's webhook secret (Settings > Webhooks); without it, POST /webhooks/{id} answers 404. */
    webhookSecret: z.string().min(1).optional(),
    /** The AfterShip admin a support agent opens by hand (manual look-ups). */
    adminUrl: z.url({ protocol: /^https?$/ }).default('https://admin.aftership.com'),
  })
  .strict();
export type AfterShipOptions = z.infer<typeof afterShipOptionsSchema>;
