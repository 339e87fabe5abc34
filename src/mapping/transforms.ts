import { minorToDecimal, normalizeDecimal } from './money';

/** A named transform: value in, value out; `undefined` means "no value" (the field is omitted). */
export type Transform = (value: unknown, args: Readonly<Record<string, unknown>>) => unknown;

const str = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined;

/** ISO 8601 UTC without milliseconds when they are zero: 2026-03-01T10:15:00Z. */
export function toIsoUtc(value: unknown): string | undefined {
  let ms: number;
  if (typeof value === 'number') ms = value < 1e11 ? value * 1000 : value; // unix seconds (Stripe) or ms
  else if (typeof value === 'string' && value.trim() !== '') {
    const s = value.trim();
    ms = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : Date.parse(s);
  } else return undefined;
  if (!Number.isFinite(ms)) return undefined;
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** E.164 when the number says its country (+ or 00); otherwise digits with `defaultCallingCode`, if given. */
export function toE164(value: unknown, defaultCallingCode?: string): string | undefined {
  const s = str(value)?.trim();
  if (!s) return undefined;
  const digits = s.replace(/\D/g, '');
  if (!digits) return undefined;
  let e164: string | undefined;
  if (s.startsWith('+')) e164 = `+${digits}`;
  else if (s.startsWith('00')) e164 = `+${digits.slice(2)}`;
  else if (defaultCallingCode) e164 = `+${defaultCallingCode}${digits.replace(/^0/, '')}`;
  return e164 && /^\+[1-9]\d{6,14}$/.test(e164) ? e164 : s;
}

/**
 * Money from a vendor object. Reads `amount` and `currency`/`currencyCode` unless told other keys;
 * `minorUnits: true` for integer minor units (Stripe).
 */
const money: Transform = (value, args) => {
  if (value == null || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  const amount = o[(args.amount as string) ?? 'amount'];
  const currencyRaw = args.currency
    ? o[args.currency as string]
    : (o.currency ?? o.currencyCode ?? args.defaultCurrency);
  const currency = str(currencyRaw)?.toUpperCase();
  if (amount == null || !currency) return undefined;
  const decimal = args.minorUnits
    ? minorToDecimal(amount as number | string, currency)
    : normalizeDecimal(amount as number | string, currency);
  return decimal === undefined ? undefined : { amount: decimal, currency };
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
  /** Identity key for people: trimmed, lower-cased (CANONICAL.md "Merging"). */
  email: (v) => str(v)?.trim().toLowerCase() || undefined,
  phone: (v, a) => toE164(v, a.defaultCallingCode as string | undefined),
  isoDate: (v) => toIsoUtc(v),
  money,
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
  sum: (v) => (Array.isArray(v) ? v.reduce((t: number, x) => t + (typeof x === 'number' ? x : 0), 0) : undefined),
  count: (v) => (Array.isArray(v) ? v.length : undefined),
};
