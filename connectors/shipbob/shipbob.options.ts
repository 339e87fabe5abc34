import { z } from 'zod';
import { baseConnectorOptions, wholeNumber } from '../../src/connectors/contract';

/** The API the connector is written against; the payload schemas and the mapping follow 2026-01. */
export const SHIPBOB_API_URL = 'https://api.shipbob.com/2026-01';
/** ShipBob's merchant web app (the sandbox account's is https://webstage.shipbob.dev/app/merchant). */
export const SHIPBOB_ADMIN_URL = 'https://web.shipbob.com/app/merchant';

export const shipbobOptionsSchema = baseConnectorOptions
  .extend({
    /** Personal Access Token or OAuth access token, sent as `Authorization: Bearer …`. */
    accessToken: z.string().min(1),
    /** Sent as the `shipbob_channel_id` header when set (reads only need it for multi-channel tokens). */
    channelId: wholeNumber().pipe(z.number().int().positive()).optional(),
    /**
     * The subscription's signing secret, `whsec_` + base64 (Standard Webhooks); without it,
     * POST /webhooks/{id} answers 404.
     */
    webhookSecret: z
      .string()
      .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'must be the signing secret, whsec_ followed by base64')
      .optional(),
    /** Base of the deep links into ShipBob's web app (never an API URL). */
    adminUrl: z.url({ protocol: /^https?$/ }).default(SHIPBOB_ADMIN_URL),
  })
  .strict();
export type ShipBobOptions = z.infer<typeof shipbobOptionsSchema>;
