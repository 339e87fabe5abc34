import { currencyExponent, isKnownCurrency } from './currency';

/**
 * Money as people read it, with the currency's symbol and its ISO 4217 decimals: "$83.99", "¥1,200",
 * "KWD 1.250", "IQD 1.250" (en-US). The decimal string is formatted exactly, never through a float,
 * and never rounded to the locale's cash decimals (CLDR shows IQD and MGA without any).
 */
export function formatMoney(money: { amount: string; currency: string }, locale = 'en-US'): string {
  const digits = isKnownCurrency(money.currency) ? currencyExponent(money.currency) : undefined;
  const format = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: money.currency,
    ...(digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  });
  // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3, Node ≥ 19).
  // A plain space where ICU puts a no-break one ("KWD 1.250"): the text also goes to SMS and bots.
  return format.format(money.amount as unknown as number).replace(/\u00a0/g, ' ');
}
