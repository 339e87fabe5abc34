import { createHash } from 'node:crypto';
import {
  assertFresh,
  hmacSha256,
  requireHeader,
  signatureMatches,
  WebhookRejected,
} from '../../connectors/webhook-signature';

/** A request as Gladly signed it: the raw body bytes, never re-serialized JSON. */
export interface GladlyRequest {
  method: string;
  /** The path Gladly called, without the query string. */
  path: string;
  /** The query string without "?", as sent ("" for none). */
  query: string;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  rawBody: Buffer;
}

const VENDOR = 'Gladly';
const AUTHORIZATION =
  /^SigningAlgorithm=hmac-sha256,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-fA-F]{64})$/;
const TIME = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** `Gladly-Time` (20190213T214016Z) as epoch ms; NaN when it is not that form. */
export function gladlyTimeMs(value: string): number {
  const m = TIME.exec(value);
  return m ? Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) : NaN;
}

/**
 * Gladly's request signing (docs/doors/gladly.md "Signature"): a canonical request of method, path,
 * query, each signed header as `name:value` (whitespace collapsed), the signed-header list and the
 * body's SHA-256, hashed into "hmac-sha256\n<Gladly-Time>\n<hash>", signed with a key that is
 * HMAC(secret, the date of Gladly-Time). Throws WebhookRejected: `signature_missing`,
 * `signature_invalid`, `timestamp_stale` (outside `toleranceSeconds` of now).
 */
export function verifyGladlySignature(
  request: GladlyRequest,
  secret: string,
  now: Date,
  toleranceSeconds: number,
): void {
  const authorization = requireHeader(request.headers, 'gladly-authorization', VENDOR);
  const time = requireHeader(request.headers, 'gladly-time', VENDOR);
  const parsed = AUTHORIZATION.exec(authorization);
  if (!parsed) {
    throw new WebhookRejected(
      'signature_invalid',
      `${VENDOR}: Gladly-Authorization is not hmac-sha256 signing`,
    );
  }
  const signed = parsed[1].split(';');
  // The time must be signed too, or an old signature could be replayed under a new Gladly-Time.
  if (!signed.includes('gladly-time')) {
    throw new WebhookRejected('signature_invalid', `${VENDOR}: Gladly-Time is not among the signed headers`);
  }
  assertFresh(gladlyTimeMs(time), now, toleranceSeconds, VENDOR);
  // Only the request's own header values: a name such as "constructor" is not a header.
  const valueOf = (name: string) => {
    const value = Object.hasOwn(request.headers, name) ? request.headers[name] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  const missing = signed.find((name) => valueOf(name) === undefined);
  if (missing)
    throw new WebhookRejected('signature_invalid', `${VENDOR}: signed header ${missing} is missing`);
  const canonical =
    `${request.method.toUpperCase()}\n${request.path}\n${request.query}\n` +
    signed.map((name) => `${name}:${valueOf(name)!.trim().split(/\s+/).join(' ')}\n`).join('') +
    `\n${parsed[1]}\n${sha256Hex(request.rawBody)}`;
  const key = hmacSha256(secret, time.slice(0, 8));
  const expected = hmacSha256(key, `hmac-sha256\n${time}\n${sha256Hex(canonical)}`);
  if (!signatureMatches(parsed[2], expected, 'hex')) {
    throw new WebhookRejected('signature_invalid', `${VENDOR}: the signature does not match`);
  }
}
