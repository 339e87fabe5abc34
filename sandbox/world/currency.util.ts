import { code as isoCurrency } from 'currency-codes';
import { type CurrencyCode } from './world.types';

const exponentOf = (currency: CurrencyCode): number => {
  const record = isoCurrency(currency);
  if (!record) throw new Error(`sandbox world: ${currency} is not an ISO 4217 currency`);
  return record.digits;
};

/** ISO 4217 exponents of the currencies the world uses (JPY has no minor unit, KWD has three). */
export const CURRENCY_EXPONENT: Record<CurrencyCode, number> = {
  USD: exponentOf('USD'),
  EUR: exponentOf('EUR'),
  GBP: exponentOf('GBP'),
  CAD: exponentOf('CAD'),
  JPY: exponentOf('JPY'),
  KWD: exponentOf('KWD'),
};

// Rough rates from USD so prices look plausible in every currency; the world never converts back.
const FROM_USD: Record<CurrencyCode, number> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  CAD: 1.36,
  JPY: 150,
  KWD: 0.307,
};

/**
 * A catalog price (USD cents) in another currency's minor units, rounded the way shops price:
 * x.95 in the two-decimal currencies, whole hundreds of yen, and exact fils for KWD (so
 * three-decimal amounts such as "12.345" really occur).
 */
export function priceIn(usdCents: number, currency: CurrencyCode): number {
  if (currency === 'USD') return usdCents;
  const major = (usdCents / 100) * FROM_USD[currency];
  if (currency === 'JPY') return Math.max(100, Math.round(major / 100) * 100);
  if (currency === 'KWD') return Math.round(major * 1000);
  return Math.max(95, Math.round(major) * 100 - 5);
}

/** Flat shipping per currency (minor units). */
export const SHIPPING_FEE: Record<CurrencyCode, number> = {
  USD: 795,
  EUR: 595,
  GBP: 495,
  CAD: 995,
  JPY: 800,
  KWD: 2500,
};

/** Decimal string of a minor-unit amount, trailing zeros kept ("49.90", "1500", "12.345"). */
export function toDecimal(minor: number, currency: CurrencyCode): string {
  const exp = CURRENCY_EXPONENT[currency];
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  if (exp === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}
