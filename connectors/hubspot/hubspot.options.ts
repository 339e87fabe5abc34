import { z } from 'zod';
import { baseConnectorOptions, wholeNumber } from '../../src/connectors/contract';

export const HUBSPOT_API_URL = 'https://api.hubapi.com';

export const hubspotOptionsSchema = baseConnectorOptions
  .extend({
    /** A private app's access token (scopes: crm.objects.contacts.read, tickets). */
    accessToken: z.string().min(1),
    /** The HubSpot account id ("Hub ID"), for deep links into the app; without it links are left out. */
    portalId: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(z.string().regex(/^\d+$/, 'must be the numeric Hub ID'))
      .optional(),
    /**
     * The app's client secret: HubSpot signs webhooks with it (X-HubSpot-Signature-v3). Without it,
     * POST /webhooks/{id} answers 404. The signature covers the URL, see webhooks.publicUrl.
     */
    webhookSecret: z.string().min(1).optional(),
    /** Where the HubSpot app lives for this account (EU accounts: https://app-eu1.hubspot.com). */
    appOrigin: z.url({ protocol: /^https$/ }).default('https://app.hubspot.com'),
    /**
     * How long the ticket pipelines (stage id → OPEN/CLOSED) are kept before being fetched again.
     * A stage id the cache does not know triggers an earlier refresh (a stage added since).
     */
    pipelineCacheTtlMs: wholeNumber().pipe(z.number().min(0).max(86_400_000)).default(600_000),
  })
  .strict();
export type HubspotOptions = z.infer<typeof hubspotOptionsSchema>;
