/**
 * Exact money conversion without floats (CANONICAL.md "Money").
 * ISO 4217 exponents: most currencies 2; these 0 and 3.
 */
const ZERO_DECIMAL = new Set('BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' '));
const THREE_DECIMAL = new Set('BHD JOD KWD OMR TND'.split(' '));

export function currencyExponent(currency: string): number {
  const c = currency.toUpperCase();
  return ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
}

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
  const raw = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = DECIMAL.exec(raw);
  if (!m) return undefined;
  const [, sign, whole, fraction = ''] = m;
  const exp = currencyExponent(currency);
  let frac = fraction.length > exp ? fraction.replace(/0+$/, '') : fraction;
  if (frac.length < exp) frac = frac.padEnd(exp, '0');
  const w = stripLeadingZeros(whole);
  return `${sign}${w}${frac ? `.${frac}` : ''}`;
}

function stripLeadingZeros(digits: string): string {
  return digits.replace(/^0+(?=\d)/, '');
}
