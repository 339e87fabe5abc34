/**
 * Money as people read it, with the currency's symbol and its own decimals: "$83.99", "¥1,200",
 * "KWD 1.250" (en-US). The decimal string is formatted exactly, never through a float.
 */
export function formatMoney(money: { amount: string; currency: string }, locale = 'en-US'): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency });
  // Intl formats a decimal string exactly (ECMA-402 NumberFormat v3, Node ≥ 19).
  // A plain space where ICU puts a no-break one ("KWD 1.250"): the text also goes to SMS and bots.
  return format.format(money.amount as unknown as number).replace(/\u00a0/g, ' ');
}
