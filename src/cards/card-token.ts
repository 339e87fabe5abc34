import { z } from 'zod';
import { openJson, SealError, sealJson, sealingKey } from '../common/sealed';

/** Who a card link opens: one customer, found by email or phone, as the minting key could see them. */
export const CardSubjectSchema = z
  .object({
    email: z.string().optional(),
    phone: z.string().optional(),
    /** The API key that minted the link: the audit trail and logs name it. */
    key: z.string(),
    /** A fingerprint of that key's value: a key rotated or re-created under the same name voids the link. */
    fingerprint: z.string(),
  })
  .strict()
  .refine((s) => (s.email === undefined) !== (s.phone === undefined), 'exactly one of email or phone');
export type CardSubject = z.infer<typeof CardSubjectSchema>;

const ClaimsSchema = z
  .object({ v: z.literal(1), sub: CardSubjectSchema, iat: z.number().int(), exp: z.number().int() })
  .strict();

export class CardTokenError extends Error {
  constructor(readonly reason: 'malformed' | 'forged' | 'expired') {
    super(`card link ${reason}`);
    this.name = 'CardTokenError';
  }
}

/**
 * The claims sealed (src/common/sealed.ts) under a key derived from the secret: whoever holds a
 * link can neither read whom it opens (no email in a URL, a browser history or a log) nor change
 * it. Changing the secret voids every link.
 */
export function mintCardToken(
  secret: string,
  subject: CardSubject,
  ttlSeconds: number,
  now = new Date(),
): string {
  const iat = Math.floor(now.getTime() / 1000);
  return sealJson(keyOf(secret), { v: 1, sub: subject, iat, exp: iat + ttlSeconds });
}

/** The link's subject when the hub sealed it and it has not expired. */
export function verifyCardToken(
  secret: string,
  token: string,
  maxTtlSeconds: number,
  now = new Date(),
): CardSubject {
  let claims: unknown;
  try {
    claims = openJson(keyOf(secret), token);
  } catch (error) {
    throw new CardTokenError(error instanceof SealError ? error.reason : 'malformed');
  }
  const parsed = ClaimsSchema.safeParse(claims);
  if (!parsed.success) throw new CardTokenError('malformed');
  const seconds = now.getTime() / 1000;
  // A link minted for longer than any link may now live (the config shrank since) ends at the new limit.
  const end = Math.min(parsed.data.exp, parsed.data.iat + maxTtlSeconds);
  if (seconds >= end || parsed.data.iat > seconds + 60) throw new CardTokenError('expired');
  return parsed.data.sub;
}

const keyOf = (secret: string): Buffer => sealingKey('context-hub card link', secret);
