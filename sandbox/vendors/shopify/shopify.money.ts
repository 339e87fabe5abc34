import { CURRENCY_EXPONENT } from '../../world/currency.util';
import { type CurrencyCode } from '../../world/world.types';

/**
 * Shopify's Decimal serialization: trailing zeros dropped but at least one decimal kept, so
 * 49.90 USD is "49.9", 1500 JPY is "1500.0" and 12.345 KWD is "12.345". Mappings must not expect a
 * fixed number of decimals.
 * https://shopify.dev/docs/api/admin-graphql/latest/scalars/Decimal
 */
export function shopifyDecimal(minor: number, currency: CurrencyCode): string {
  const exp = CURRENCY_EXPONENT[currency];
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const whole = exp === 0 ? digits : digits.slice(0, -exp);
  const fraction = exp === 0 ? '' : digits.slice(-exp).replace(/(?<!0)0+$/, '');
  return `${sign}${whole}.${fraction || '0'}`;
}

export interface MoneyV2 {
  __typename: 'MoneyV2';
  amount: string;
  currencyCode: CurrencyCode;
}

export function moneyV2(minor: number, currency: CurrencyCode): MoneyV2 {
  return { __typename: 'MoneyV2', amount: shopifyDecimal(minor, currency), currencyCode: currency };
}

/**
 * MoneyBag: the shop and presentment amounts. The sandbox sells in each order's own currency, so
 * both are the order currency (a real multi-currency shop converts shopMoney to its currency).
 */
export function moneyBag(minor: number, currency: CurrencyCode) {
  const money = moneyV2(minor, currency);
  return { __typename: 'MoneyBag', shopMoney: money, presentmentMoney: money };
}

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/**
 * A Decimal a client sent ("12.34", "1500.0", "12.345") in minor units of the currency; undefined
 * when it is not a plain non-negative decimal or has more (non-zero) digits than the currency has.
 */
export function minorOf(amount: unknown, currency: CurrencyCode): number | undefined {
  const m = DECIMAL.exec(String(amount ?? '').trim());
  if (!m) return undefined;
  const exp = CURRENCY_EXPONENT[currency];
  const fraction = (m[2] ?? '').replace(/(?<!0)0+$/, '');
  if (fraction.length > exp) return undefined;
  const minor = Number(m[1] + fraction.padEnd(exp, '0'));
  return Number.isSafeInteger(minor) ? minor : undefined;
}

const SIGNED_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A signed Decimal a client sent, in minor units of the currency, rounded half away from zero to
 * the currency's digits (Shopify rounds amounts to the currency's precision); undefined when it is
 * not a decimal.
 */
export function roundedMinorOf(amount: unknown, currency: CurrencyCode): number | undefined {
  const m = SIGNED_DECIMAL.exec(String(amount ?? '').trim());
  if (!m) return undefined;
  const exp = CURRENCY_EXPONENT[currency];
  const fraction = (m[3] ?? '').padEnd(exp + 1, '0');
  const minor = Number(m[2] + fraction.slice(0, exp)) + (Number(fraction[exp]) >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(minor)) return undefined;
  return m[1] && minor ? -minor : minor;
}

/** The currencies the sandbox's shop sells in (those of its world); other ISO codes are refused. */
export function isShopCurrency(code: unknown): code is CurrencyCode {
  return typeof code === 'string' && Object.hasOwn(CURRENCY_EXPONENT, code);
}
