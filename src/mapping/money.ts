/**
 * Exact money conversion without floats (CANONICAL.md "Money").
 * ISO 4217 exponents: most currencies 2; these 0 and 3.
 */
const ZERO_DECIMAL = new Set('BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' '));
const THREE_DECIMAL = new Set('BHD JOD KWD OMR TND'.split(' '));

const exponents = new Map<string, number>();

export function currencyExponent(currency: string): number {
  let exp = exponents.get(currency);
  if (exp === undefined) {
    const c = currency.toUpperCase();
    exp = ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
    if (exponents.size < 1000) exponents.set(currency, exp);
  }
  return exp;
}

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
