import { currencyExponent } from './currency';
import { normalizeDecimal } from './decimal';

/**
 * How Stripe writes amounts, where it differs from ISO 4217 (https://docs.stripe.com/currencies):
 * integers in the currency's smallest unit, with Stripe's own lists. Zero-decimal currencies take
 * whole units (MGA too, which ISO gives two decimals); its three-decimal ones take thousandths
 * ending in 0; ISK, zero-decimal in ISO, stays two-decimal in Stripe's API but only in whole
 * krónur (multiples of 100, since April 2023). Everything else is two-decimal in Stripe, whatever
 * ISO says (IQD and LYD have three there).
 */
const STRIPE_ZERO_DECIMAL = new Set(
  'BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF XPF'.split(' '),
);
const STRIPE_THREE_DECIMAL = new Set('BHD JOD KWD OMR TND'.split(' '));
const STRIPE_WHOLE_UNITS_IN_TWO_DECIMALS = new Set(['ISK']);

export interface StripeUnits {
  /** Decimals of Stripe's integer amounts: 1234 at exponent 2 is 12.34. */
  exponent: number;
  /** The amount must be a multiple of this (10 for three-decimal currencies, 100 for ISK). */
  step: number;
}

/** Stripe's units for `currency` (any case). Throws UnknownCurrencyError for a code ISO does not list. */
export function stripeUnits(currency: string): StripeUnits {
  currencyExponent(currency); // an unknown code is an error, not a two-decimal guess
  const c = currency.toUpperCase();
  if (STRIPE_ZERO_DECIMAL.has(c)) return { exponent: 0, step: 1 };
  if (STRIPE_THREE_DECIMAL.has(c)) return { exponent: 3, step: 10 };
  if (STRIPE_WHOLE_UNITS_IN_TWO_DECIMALS.has(c)) return { exponent: 2, step: 100 };
  // "Unless otherwise specified, currencies are two-decimal": also ISO's IQD and LYD (three).
  return { exponent: 2, step: 1 };
}

/** A Stripe amount (1234 USD, 50000 ISK) as a decimal string at the ISO scale ("12.34", "500"). */
export function fromStripeAmount(minor: number | string, currency: string): string | undefined {
  const { exponent } = stripeUnits(currency);
  const raw = typeof minor === 'number' ? (Number.isSafeInteger(minor) ? String(minor) : '') : minor.trim();
  const m = /^(-?)(\d+)$/.exec(raw);
  if (!m) return undefined;
  const digits = m[2].padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return normalizeDecimal(`${m[1]}${text}`, currency);
}

/**
 * A positive decimal amount ("12.34" USD) as Stripe's integer (1234), or why Stripe cannot take it
 * exactly: more decimals than Stripe's units have, not a step Stripe accepts, not above zero. Never
 * rounded: a refund of another amount than asked is worse than none.
 */
export function toStripeAmount(amount: string, currency: string): { minor: number } | { refused: string } {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount.trim());
  if (!m) return { refused: 'not a plain positive decimal' };
  const { exponent, step } = stripeUnits(currency);
  const fraction = (m[2] ?? '').replace(/(?<!0)0+$/, '');
  if (fraction.length > exponent) return { refused: `more decimals than Stripe takes in it (${exponent})` };
  const minor = Number(m[1] + fraction.padEnd(exponent, '0'));
  if (!Number.isSafeInteger(minor) || minor <= 0) return { refused: 'must be greater than zero' };
  if (minor % step !== 0) {
    const unit = fromStripeAmount(step, currency);
    return { refused: `Stripe takes ${currency.toUpperCase()} amounts in steps of ${unit}` };
  }
  return { minor };
}
