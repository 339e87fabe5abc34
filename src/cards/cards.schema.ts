import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

/**
 * The customer card served by the hub (docs/doors/card.md): short-lived signed links, minted with an
 * API key, open the card for one customer without the key ever being in a URL. Off until a signing
 * secret is set.
 */
export const CardsSchema = z
  .object({
    /** Signs card links (HMAC-SHA256). Every hub process behind one load balancer needs the same one. */
    signingSecret: z.string().min(32, 'must be at least 32 characters'),
    /** How long a link opens its card unless the minting call asks for less. */
    ttlSeconds: wholeNumber().pipe(z.number().min(30).max(3_600)).default(300),
    /**
     * Which sites may show the card in a frame (CSP frame-ancestors), e.g.
     * ["https://*.freshdesk.com", "https://*.lightning.force.com"]. Default: any.
     */
    frameAncestors: z
      .array(
        z
          .string()
          .regex(
            /^(\*|'self'|https:\/\/[\w.*-]+(:\d+)?)$/,
            "a https origin (wildcards allowed), '*' or 'self'",
          ),
      )
      .min(1)
      .default(['*']),
  })
  .strict();
export type CardsConfig = z.infer<typeof CardsSchema>;
