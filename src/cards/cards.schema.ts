import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

/**
 * The customer card served by the hub (docs/doors/card.md): short-lived signed links, minted with an
 * API key, open the card for one customer without the key ever being in a URL. Off until a signing
 * secret is set.
 */
export const CardsSchema = z
  .object({
    /**
     * Seals card links (AES-256-GCM under a key derived from it). Every hub process behind one load
     * balancer needs the same one; changing it voids every link.
     */
    signingSecret: z.string().min(32, 'must be at least 32 characters'),
    /**
     * Where browsers reach the hub, for the links (e.g. https://hub.example.com); default
     * webhooks.publicUrl, else the address the minting call reached (behind a TLS proxy that is
     * the proxy's inner http:// address: set this).
     */
    publicUrl: z
      .url({ protocol: /^https?$/, error: 'an http(s) URL such as https://hub.example.com' })
      .optional(),
    /** How long a link opens its card unless the minting call asks for less. */
    ttlSeconds: wholeNumber().pipe(z.number().min(30).max(3_600)).default(300),
    /**
     * Which sites may show the card in a frame (CSP frame-ancestors), e.g.
     * ["https://*.freshdesk.com", "https://*.lightning.force.com"]. Default: none (the page opens
     * on its own only); list your helpdesks' origins to embed it.
     */
    frameAncestors: z
      .array(
        z
          .string()
          .regex(
            /^(\*|'self'|'none'|https:\/\/[\w.*-]+(:\d+)?)$/,
            "a https origin (wildcards allowed), '*', 'self' or 'none'",
          ),
      )
      .min(1)
      .default(["'none'"]),
  })
  .strict();
export type CardsConfig = z.infer<typeof CardsSchema>;
