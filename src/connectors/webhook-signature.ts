import { createHmac, timingSafeEqual } from 'node:crypto';
import { type WebhookSubject } from './contract';

/**
 * Why a connector refused an inbound webhook. Stable codes: the core answers 401
 * (`webhook_signature_invalid`) for the first three, 400 for a signed payload it cannot use.
 */
export type WebhookRejectionCode =
  'signature_missing' | 'signature_invalid' | 'timestamp_stale' | 'payload_invalid';

export class WebhookRejected extends Error {
  constructor(
    readonly code: WebhookRejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookRejected';
  }

  get isSignatureProblem(): boolean {
    return this.code !== 'payload_invalid';
  }
}

/** HMAC-SHA256 of the parts, in order, as raw bytes. */
export function hmacSha256(key: string | Buffer, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac('sha256', key);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/**
 * Whether a signature a vendor sent is the one we computed, in constant time. Base64 compares
 * exactly; hex without regard to case.
 */
export function signatureMatches(
  received: string | undefined,
  expected: Buffer,
  encoding: 'base64' | 'hex',
): boolean {
  if (!received) return false;
  const text = encoding === 'hex' ? received.trim().toLowerCase() : received.trim();
  const a = Buffer.from(text, 'utf8');
  const b = Buffer.from(expected.toString(encoding), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Rejects a signed timestamp further than `toleranceSeconds` from now, either way: an old one is a
 * replay, one from the future a forged or badly skewed clock.
 */
export function assertFresh(signedAtMs: number, now: Date, toleranceSeconds: number, vendor: string): void {
  if (!Number.isFinite(signedAtMs)) {
    throw new WebhookRejected('signature_invalid', `${vendor}: the signature timestamp is not a time`);
  }
  const skewSeconds = Math.abs(now.getTime() - signedAtMs) / 1000;
  if (skewSeconds > toleranceSeconds) {
    throw new WebhookRejected(
      'timestamp_stale',
      `${vendor}: the signature timestamp is ${Math.round(skewSeconds)} s from now (tolerance ${toleranceSeconds} s)`,
    );
  }
}

/** The signed body as JSON; a signed body that is not JSON is refused as `payload_invalid`. */
export function parseJsonBody(rawBody: Buffer, vendor: string): unknown {
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new WebhookRejected('payload_invalid', `${vendor}: the body is not JSON`);
  }
}

/** A required header, else `signature_missing` naming it. */
export function requireHeader(
  headers: Readonly<Record<string, string | undefined>>,
  name: string,
  vendor: string,
): string {
  const value = headers[name]?.trim();
  if (!value) throw new WebhookRejected('signature_missing', `${vendor}: no ${name} header`);
  return value;
}

/** A non-empty string or number at `value`, as a string (vendor ids are either). */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && value.trim()) return value.trim();
  return undefined;
}

/** Narrows a parsed JSON value to an object (else an empty one), for reading optional fields. */
export function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A subject without its empty fields; undefined when nothing is left. Emails are compared in lower case. */
export function webhookSubject(fields: WebhookSubject): WebhookSubject | undefined {
  const subject: WebhookSubject = {};
  if (fields.orderNumber?.trim()) subject.orderNumber = fields.orderNumber.trim();
  if (fields.trackingNumber?.trim()) subject.trackingNumber = fields.trackingNumber.trim();
  if (fields.email?.trim()) subject.email = fields.email.trim().toLowerCase();
  return Object.keys(subject).length ? subject : undefined;
}
