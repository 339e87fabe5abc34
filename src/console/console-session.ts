import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { openJson, sealJson, sealingKey } from '../common/sealed';

/** The cookie that carries a console session; scoped to /console, so the API never sees it. */
export const SESSION_COOKIE = 'hub_console';
export const CONSOLE_PATH = '/console';

/**
 * One sign-in: which API key (by name, and a fingerprint of its value, so a key rotated or removed
 * ends the session), who is at the keyboard, and the form token that proves a POST came from a
 * console page.
 */
const ClaimsSchema = z
  .object({
    v: z.literal(1),
    key: z.string(),
    fingerprint: z.string(),
    person: z.string().optional(),
    csrf: z.string().regex(/^[\w-]{22,64}$/),
    iat: z.number().int(),
    exp: z.number().int(),
  })
  .strict();
export type ConsoleSession = z.infer<typeof ClaimsSchema>;

const PURPOSE = 'context-hub console session';

/** The secret that seals sessions: the configured one, else one every process derives from the same keys. */
export function sessionSecret(
  configured: string | undefined,
  apiKeys: readonly { name: string; key: string }[],
): string {
  if (configured) return configured;
  const hash = createHash('sha256').update('context-hub console keys\0');
  for (const k of [...apiKeys].sort((a, b) => a.name.localeCompare(b.name))) {
    hash.update(`${k.name}\0${createHash('sha256').update(k.key).digest('hex')}\0`);
  }
  return hash.digest('hex');
}

export function mintSession(
  secret: string,
  who: { key: string; fingerprint: string; person?: string },
  minutes: number,
  now = new Date(),
): { token: string; session: ConsoleSession } {
  const iat = Math.floor(now.getTime() / 1000);
  const session: ConsoleSession = {
    v: 1,
    key: who.key,
    fingerprint: who.fingerprint,
    ...(who.person ? { person: who.person } : {}),
    csrf: randomBytes(24).toString('base64url'),
    iat,
    exp: iat + minutes * 60,
  };
  return { token: sealJson(sealingKey(PURPOSE, secret), session), session };
}

/** The session a cookie holds, when the hub sealed it and it has not ended; undefined otherwise. */
export function openSession(
  secret: string,
  token: string,
  maxMinutes: number,
  now = new Date(),
): ConsoleSession | undefined {
  let claims: unknown;
  try {
    claims = openJson(sealingKey(PURPOSE, secret), token);
  } catch {
    return undefined;
  }
  const parsed = ClaimsSchema.safeParse(claims);
  if (!parsed.success) return undefined;
  const seconds = now.getTime() / 1000;
  // A session begun for longer than sessions may now last (the config shrank since) ends at the new limit.
  const end = Math.min(parsed.data.exp, parsed.data.iat + maxMinutes * 60);
  if (seconds >= end || parsed.data.iat > seconds + 60) return undefined;
  return parsed.data;
}

/** Whether a submitted form token is this session's (compared in constant time). */
export function formTokenMatches(session: ConsoleSession, submitted: unknown): boolean {
  if (typeof submitted !== 'string') return false;
  const a = Buffer.from(session.csrf);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One cookie's value from a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** The Set-Cookie value: HttpOnly (no script reads it), SameSite=Strict (no other site sends it). */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    `Path=${CONSOLE_PATH}`,
    `Max-Age=${maxAgeSeconds}`,
    'HttpOnly',
    'SameSite=Strict',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** Ends the session in the browser. */
export function clearedCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
