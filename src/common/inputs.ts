import { z } from 'zod';
import { toE164 } from '../phones/phone';

/**
 * The identifiers callers give the hub, with their length limits, defined once: every schema
 * that takes one (context, bot status, actions, tasks, audit) uses these, so no over-long input
 * reaches a pattern, a vendor or the database. Lengths are checked first, before any transform.
 */
export const INPUT_LIMITS = {
  /** RFC 5321: a forward-path is at most 256 octets including the angle brackets. */
  email: 254,
  /** E.164 is 15 digits; room for a "+", spaces, dashes and brackets as people type them. */
  phone: 32,
  /** The number the customer sees ("1001", "#1001", "SO-2026-000123"). */
  orderNumber: 64,
} as const;

/** An email address, trimmed and lower-cased. */
export const EmailInput = z
  .string()
  .max(INPUT_LIMITS.email, `must be at most ${INPUT_LIMITS.email} characters`)
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an email address'));

/** "1001", "#1001" or "%231001" → "1001"; anything else fails, naming the field. */
export const OrderNumberInput = z
  .string()
  .max(INPUT_LIMITS.orderNumber + 3, `must be at most ${INPUT_LIMITS.orderNumber} characters`)
  .trim()
  .transform((s) => s.replace(/^#/, ''))
  .pipe(
    z
      .string()
      .max(INPUT_LIMITS.orderNumber, `must be at most ${INPUT_LIMITS.orderNumber} characters`)
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
        'must be the order number the customer sees, e.g. 1001 or #1001',
      ),
  );

/**
 * A phone in international form. An unencoded "+" in a query string arrives as a space
 * (`?phone=+4420...`), so a leading space before digits is read as the "+" it was.
 */
export const PhoneInput = z
  .string()
  .max(INPUT_LIMITS.phone, `must be at most ${INPUT_LIMITS.phone} characters`)
  .transform((raw) => raw.replace(/^\s+(?=\d)/, '+').trim())
  // With its country (+ or 00), read as src/phones/phone.ts reads every number; the API takes no
  // national form, whatever region the shop is in. Letters or an extension make it no number.
  .transform((s, ctx) => {
    const e164 = /^(\+|00)[\d\s().-]+$/.test(s) ? toE164(s) : undefined;
    if (e164) return e164;
    ctx.addIssue({ code: 'custom', message: 'must be an international number, e.g. +442079460958' });
    return z.NEVER;
  });
