import { z } from 'zod';
import { baseConnectorOptions, wholeNumber } from '../../src/connectors/contract';

export const EASYPOST_API_URL = 'https://api.easypost.com/v2';

export const easyPostOptionsSchema = baseConnectorOptions
  .extend({
    /** A production (EZAK…) or test (EZTK…) API key; sent as the Basic auth user name. */
    apiKey: z.string().min(1),
    /**
     * Tracker look-ups in flight at once. EasyPost allows about five requests a second on its
     * index endpoints (https://docs.easypost.com/guides/rate-limiting-guide), so keep it small.
     */
    concurrency: wholeNumber().pipe(z.number().int().min(1).max(10)).default(4),
    /** The `webhook_secret` given when creating the webhook (X-Hmac-Signature); without it, POST /webhooks/{id} answers 404. */
    webhookSecret: z.string().min(1).optional(),
    /** The dashboard a support agent opens by hand (manual look-ups). */
    dashboardUrl: z.url({ protocol: /^https?$/ }).default('https://app.easypost.com'),
  })
  .strict();
export type EasyPostOptions = z.infer<typeof easyPostOptionsSchema>;
