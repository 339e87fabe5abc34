import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

/**
 * Gladly's Lookup Adaptor (docs/doors/gladly.md). Gladly authenticates with request signing (its
 * integration's signing key), Basic auth, or both; whichever is set here is required, and one must
 * be: the door answers with customer data.
 */
export const GladlyDoorSchema = z
  .object({
    /** The signing key of the Gladly integration (Gladly-Authorization HMAC). */
    signingSecret: z.string().min(16, 'must be at least 16 characters').optional(),
    basicAuth: z
      .object({
        username: z.string().min(1),
        password: z.string().min(12, 'must be at least 12 characters'),
      })
      .strict()
      .optional(),
    /** How far Gladly-Time may be from the hub's clock. */
    toleranceSeconds: wholeNumber().pipe(z.number().min(30).max(3_600)).default(300),
    /** Orders sent as transaction cards in a DETAILED answer, newest first. */
    orders: wholeNumber().pipe(z.number().min(1).max(50)).default(10),
  })
  .strict()
  .refine((g) => g.signingSecret !== undefined || g.basicAuth !== undefined, {
    message:
      'set signingSecret (Gladly request signing) or basicAuth: an open door would give anyone customer data',
  });
export type GladlyDoor = z.infer<typeof GladlyDoorSchema>;

/**
 * Intercom's inbox app (Canvas Kit, docs/doors/intercom.md). Intercom signs each request with the
 * app's client secret; the teammates' clicks become actions of the API key named by `actAs` (checked
 * at boot: it must exist and hold actions:write), so its refund limit, approvals and audit apply.
 */
export const IntercomDoorSchema = z
  .object({
    /** The app's client secret (Developer Hub → Basic info): the X-Body-Signature key. */
    clientSecret: z.string().min(16, 'must be at least 16 characters'),
    /** The `apiKeys[].name` whose principal requests the teammates' cancels, refunds and notes. */
    actAs: z.string().min(1),
    /** Recent orders shown, newest first (fewer when the canvas would pass Intercom's 64 KB). */
    orders: wholeNumber().pipe(z.number().min(1).max(50)).default(5),
    /**
     * How long a rendered canvas may act: a click on an older one does nothing and shows the order
     * as it is now. Intercom's signature carries no time; this bounds what a replayed click can do.
     */
    actionWindowSeconds: wholeNumber().pipe(z.number().min(60).max(86_400)).default(3_600),
    /**
     * The Intercom workspace (app id) the door answers; requests from any other are refused with a
     * canvas. Unset: any workspace the app is installed in (a private app has one).
     */
    workspaceId: z.string().min(1).optional(),
  })
  .strict();
export type IntercomDoor = z.infer<typeof IntercomDoorSchema>;

/** Where helpdesks and bots come in on their own terms (not with the hub's API keys). */
export const DoorsSchema = z
  .object({ gladly: GladlyDoorSchema.optional(), intercom: IntercomDoorSchema.optional() })
  .strict();
