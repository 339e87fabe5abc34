/**
 * Money, in one place: ISO 4217 exponents from a maintained list (currency.ts), exact decimal
 * arithmetic (decimal.ts), display with the currency's symbol (format.ts) and how Stripe writes amounts where it differs from ISO (stripe-units.ts).
 */
export { currencyExponent, isKnownCurrency, UnknownCurrencyError } from './currency';
export {
  addDecimals,
  compareDecimals,
  minorToDecimal,
  normalizeDecimal,
  subtractDecimals,
  sumDecimals,
} from './decimal';
export { formatMoney } from './format';
export { fromStripeAmount, type StripeUnits, stripeUnits, toStripeAmount } from './stripe-units';
