import { currencyExponent } from './currency';

/**
 * Exact money arithmetic on decimal strings, never floats (0.1 + 0.2 is 0.3 here), at each
 * currency's ISO 4217 scale (currency.ts). Every function that takes a currency throws
 * UnknownCurrencyError for a code ISO does not list.
 */

const TWO_DECIMALS = /^-?[1-9]\d*\.\d\d$|^-?0\.\d\d$/;

const INTEGER = /^-?\d+$/;
const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** 1099 USD → "10.99"; 1500 JPY → "1500"; 12345 KWD → "12.345". Accepts safe integers or digit strings. */
export function minorToDecimal(minor: number | string, currency: string): string | undefined {
  const raw = typeof minor === 'number' ? (Number.isSafeInteger(minor) ? String(minor) : '') : minor.trim();
  if (!INTEGER.test(raw)) return undefined;
  const negative = raw.startsWith('-');
  const digits = negative ? raw.slice(1) : raw;
  const exp = currencyExponent(currency);
  if (exp === 0) return (negative ? '-' : '') + stripLeadingZeros(digits);
  const padded = digits.padStart(exp + 1, '0');
  const whole = stripLeadingZeros(padded.slice(0, -exp));
  return `${negative ? '-' : ''}${whole}.${padded.slice(-exp)}`;
}

/**
 * "10.0" USD → "10.00"; "1500.0" JPY → "1500"; "49.95" stays. Digits beyond the currency's scale
 * are kept when they are not zero: exact beats tidy.
 */
export function normalizeDecimal(value: number | string, currency: string): string | undefined {
  // The common case, already at the scale of a two-decimal currency ("49.95"): nothing to do.
  if (typeof value === 'string' && TWO_DECIMALS.test(value) && currencyExponent(currency) === 2) return value;
  const raw = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = DECIMAL.exec(raw);
  if (!m) return undefined;
  const [, sign, whole, fraction = ''] = m;
  const exp = currencyExponent(currency);
  let frac = fraction.length > exp ? fraction.replace(/(?<!0)0+$/, '') : fraction;
  if (frac.length < exp) frac = frac.padEnd(exp, '0');
  const w = stripLeadingZeros(whole);
  return `${sign}${w}${frac ? `.${frac}` : ''}`;
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}

/** Exact sum of decimal strings (no floats): ["10.50", "0.25"] → "10.75" at the currency's scale. */
export function sumDecimals(values: string[], currency: string): string | undefined {
  let scale = currencyExponent(currency);
  const parsed: { sign: bigint; whole: string; frac: string }[] = [];
  for (const v of values) {
    const m = DECIMAL.exec(v.trim());
    if (!m) return undefined;
    parsed.push({ sign: m[1] ? -1n : 1n, whole: m[2], frac: m[3] ?? '' });
    scale = Math.max(scale, (m[3] ?? '').length);
  }
  let total = 0n;
  for (const p of parsed) total += p.sign * BigInt(p.whole + p.frac.padEnd(scale, '0'));
  const negative = total < 0n;
  const digits = (negative ? -total : total).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return normalizeDecimal(`${negative ? '-' : ''}${text}`, currency);
}

/** A decimal string as an integer at `scale` decimals, or undefined when it is not one or is finer. */
function scaled(value: string, scale: number): bigint | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const fraction = (m[3] ?? '').replace(/(?<!0)0+$/, '');
  if (fraction.length > scale) return undefined;
  const magnitude = BigInt(m[2] + fraction.padEnd(scale, '0'));
  return m[1] ? -magnitude : magnitude;
}

/** The decimals a decimal string has, trailing zeros aside ("12.50" has 1); undefined when not one. */
function decimalsOf(value: string): number | undefined {
  const m = DECIMAL.exec(value.trim());
  return m ? (m[3] ?? '').replace(/(?<!0)0+$/, '').length : undefined;
}

/**
 * Compares two decimal strings exactly, whatever their scales ("100" equals "100.00", "0.1" +
 * "0.2" is not above "0.3"): -1, 0 or 1; undefined when either is not a decimal.
 */
export function compareDecimals(a: string, b: string): -1 | 0 | 1 | undefined {
  const [da, db] = [decimalsOf(a), decimalsOf(b)];
  if (da === undefined || db === undefined) return undefined;
  const scale = Math.max(da, db);
  const [x, y] = [scaled(a, scale)!, scaled(b, scale)!];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** a + b exactly, as a decimal string at the finer of their scales; undefined when either is not a decimal. */
export function addDecimals(a: string, b: string): string | undefined {
  return combine(a, b, 1n);
}

/** a − b exactly, as a decimal string at the finer of their scales; undefined when either is not a decimal. */
export function subtractDecimals(a: string, b: string): string | undefined {
  return combine(a, b, -1n);
}

function combine(a: string, b: string, sign: 1n | -1n): string | undefined {
  const [da, db] = [decimalsOf(a), decimalsOf(b)];
  if (da === undefined || db === undefined) return undefined;
  const scale = Math.max(da, db);
  const result = scaled(a, scale)! + sign * scaled(b, scale)!;
  const negative = result < 0n;
  const digits = (negative ? -result : result).toString().padStart(scale + 1, '0');
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return `${negative ? '-' : ''}${text}`;
}
