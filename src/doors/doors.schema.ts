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

/** Where helpdesks and bots come in on their own terms (not with the hub's API keys). */
export const DoorsSchema = z.object({ gladly: GladlyDoorSchema.optional() }).strict();
