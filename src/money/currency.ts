import { code as isoCurrency } from 'currency-codes';

/**
 * ISO 4217 minor units, from the `currency-codes` package (ISO's own list, dated in the package):
 * how many decimals a currency's amounts have. JPY and ISK have none, KWD, IQD and LYD three,
 * CLF four. A code ISO does not list is an error, never a guess of two.
 */
export class UnknownCurrencyError extends Error {
  readonly code = 'unknown_currency';
  constructor(readonly currency: string) {
    super(`unknown currency "${currency}": not an ISO 4217 code`);
    this.name = 'UnknownCurrencyError';
  }
}

const exponents = new Map<string, number>();

/** The number of decimals of `currency` (any case). Throws UnknownCurrencyError. */
export function currencyExponent(currency: string): number {
  const known = exponents.get(currency);
  if (known !== undefined) return known;
  const record = /^[A-Za-z]{3}$/.test(currency) ? isoCurrency(currency.toUpperCase()) : undefined;
  if (!record) throw new UnknownCurrencyError(currency);
  exponents.set(currency, record.digits);
  return record.digits;
}

/** Whether ISO 4217 lists `currency` (any case). */
export function isKnownCurrency(currency: string): boolean {
  try {
    currencyExponent(currency);
    return true;
  } catch {
    return false;
  }
}
