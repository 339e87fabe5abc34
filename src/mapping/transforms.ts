import { type PhoneRegion, toE164 } from '../phones/phone';
import {
  fromStripeAmount,
  minorToDecimal,
  normalizeDecimal,
  sumDecimals,
  UnknownCurrencyError,
} from '../money';

/** A named transform: value in, value out; `undefined` means "no value" (the field is omitted). */
export type Transform = (value: unknown, args: Readonly<Record<string, unknown>>) => unknown;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** ISO 8601 UTC without milliseconds when they are zero: 2026-03-01T10:15:00Z. */
const CANONICAL_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function toIsoUtc(value: unknown): string | undefined {
  // Most vendors already send this exact form (Shopify does): skip the Date round trip.
  if (typeof value === 'string' && CANONICAL_ISO.test(value)) return value;
  let ms: number;
  if (typeof value === 'number')
    ms = value < 1e11 ? value * 1000 : value; // unix seconds (Stripe) or ms
  else if (typeof value === 'string' && value.trim() !== '') {
    const s = value.trim();
    // Date-only and offset-less date-times are read as UTC: Date.parse would use the host's zone.
    if (/^\d{4}-\d{2}-\d{2}$/.test(s)) ms = Date.parse(`${s}T00:00:00Z`);
    else if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(s))
      ms = Date.parse(`${s.replace(' ', 'T')}Z`);
    else ms = Date.parse(s);
  } else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Money from a vendor object. Reads `amount` and `currency`/`currencyCode` unless told other keys;
 * `minorUnits: true` for integers in ISO 4217 minor units, `minorUnits: stripe` for Stripe's own
 * (src/money/stripe-units.ts: ISK in hundredths, MGA in whole units). A currency ISO does not list
 * gives no money (the canonical schema then names the field).
 */
const money: Transform = (value, args) => {
  if (value == null || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  const amount = args.amount ? o[args.amount as string] : o.amount;
  const currencyRaw = args.currency
    ? o[args.currency as string]
    : (o.currency ?? o.currencyCode ?? args.defaultCurrency);
  if (amount == null || typeof currencyRaw !== 'string' || currencyRaw === '') return undefined;
  const currency = UPPER_ISO.test(currencyRaw) ? currencyRaw : currencyRaw.toUpperCase();
  let decimal: string | undefined;
  try {
    decimal =
      args.minorUnits === 'stripe'
        ? fromStripeAmount(amount as number | string, currency)
        : args.minorUnits
          ? minorToDecimal(amount as number | string, currency)
          : normalizeDecimal(amount as number | string, currency);
  } catch (error) {
    if (error instanceof UnknownCurrencyError) return undefined;
    throw error;
  }
  return decimal === undefined ? undefined : { amount: decimal, currency };
};
const UPPER_ISO = /^[A-Z]{3}$/;

/** Exact sum of a list of money objects in one currency; a mixed-currency list has no sum. */
const sumMoney: Transform = (value, args) => {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const monies = value.map((v) => money(v, args) as { amount: string; currency: string } | undefined);
  if (monies.some((m) => !m)) return undefined;
  const currency = monies[0]!.currency;
  if (monies.some((m) => m!.currency !== currency)) return undefined;
  const amount = sumDecimals(
    monies.map((m) => m!.amount),
    currency,
  );
  return amount === undefined ? undefined : { amount, currency };
};

/**
 * The highest-ranked value of a list by `order` (lowest first), e.g. the worst risk level. A value
 * not in `order` ranks above all: a level the vendor added since must surface (as unknown), not hide.
 */
const highest: Transform = (value, args) => {
  const order = (args.order as unknown[]) ?? [];
  const list = Array.isArray(value) ? value : [value];
  let best: unknown;
  let bestRank = -Infinity;
  for (const v of list) {
    const known = order.indexOf(v);
    const rank = known === -1 ? Infinity : known;
    if (rank > bestRank || best === undefined) {
      best = v;
      bestRank = rank;
    }
  }
  return best;
};

export const TRANSFORMS: Readonly<Record<string, Transform>> = {
  string: (v) => str(v),
  number: (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isFinite(n) ? n : undefined;
  },
  int: (v) => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : NaN;
    return Number.isSafeInteger(n) ? n : undefined;
  },
  boolean: (v) => (v == null ? undefined : v === true || v === 'true' || v === 1),
  trim: (v) => str(v)?.trim() || undefined,
  lowercase: (v) => str(v)?.toLowerCase(),
  uppercase: (v) => str(v)?.toUpperCase(),
  /** Identity key for people: trimmed, lower-cased (docs/canonical.md "Merging"). */
  email: (v) => str(v)?.trim().toLowerCase() || undefined,
  /**
   * E.164 when it is a valid number (src/phones/phone.ts), read in `region` when written without
   * its country (the config's `phones.defaultRegion` unless the mapping names one); otherwise as
   * the source wrote it, trimmed; nothing when it has no digit at all.
   */
  phone: (v, a) => {
    const written = str(v)?.trim();
    if (!written || !/\d/.test(written)) return undefined;
    return toE164(written, a.region as PhoneRegion | undefined) ?? written;
  },
  isoDate: (v) => toIsoUtc(v),
  money,
  sumMoney,
  highest,
  /** "#1001" → "1001": the number the customer sees. */
  orderNumber: (v) => str(v)?.trim().replace(/^#/, '') || undefined,
  /** "gid://shopify/Order/450789469" → "450789469". */
  gidId: (v) => str(v)?.split('/').pop() || undefined,
  /** "•••• •••• •••• 4242" → "4242". */
  last4: (v) => {
    const digits = str(v)?.replace(/\D/g, '');
    return digits && digits.length >= 4 ? digits.slice(-4) : undefined;
  },
  /** "a, b ,c" → ["a","b","c"] (REST-style tag strings); arrays pass through. */
  split: (v, a) =>
    Array.isArray(v)
      ? v
      : str(v)
          ?.split((a.separator as string) ?? ',')
          .map((s) => s.trim())
          .filter(Boolean),
  /** Sum of a list of numbers (e.g. quantities of the items in a shipment). */
  sum: (v) =>
    Array.isArray(v) ? v.reduce((t: number, x) => t + (typeof x === 'number' ? x : 0), 0) : undefined,
  count: (v) => (Array.isArray(v) ? v.length : undefined),
  /** [a, b, c] → a − b − c for numbers; undefined when the first is not a number (missing parts count 0). */
  subtract: (v) => {
    if (!Array.isArray(v) || typeof v[0] !== 'number') return undefined;
    return v.slice(1).reduce((t: number, x) => t - (typeof x === 'number' ? x : 0), v[0]);
  },
};
