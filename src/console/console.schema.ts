import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

/**
 * The ops console at /console (docs/console.md): back office and IT sign in with their API key;
 * the browser then holds a sealed, HttpOnly session cookie, never the key.
 */
export const ConsoleSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** How long a sign-in lasts; signing in again starts a new one. */
    sessionMinutes: wholeNumber()
      .pipe(
        z
          .number()
          .min(5)
          .max(24 * 60),
      )
      .default(480),
    /**
     * Seals the session cookies. Default: derived from every configured API key, which every hub
     * process behind one load balancer shares; changing any key then signs everyone out. Set it
     * (32+ characters) to keep sessions across key changes.
     */
    sessionSecret: z.string().min(32, 'must be at least 32 characters').optional(),
  })
  .strict();
export type ConsoleConfig = z.infer<typeof ConsoleSchema>;
