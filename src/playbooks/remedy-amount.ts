import { type Order } from '../canonical';
import {
  compareDecimals,
  currencyExponent,
  minorToDecimal,
  normalizeDecimal,
  subtractDecimals,
  sumDecimals,
} from '../money';
import { type RemedyAmount } from './playbook.schema';

export interface Money {
  amount: string;
  currency: string;
}

/**
 * What a refund or store credit is worth for this order, exactly (decimal strings): the rest of
 * the order, a share of the items in question or of the order, or a sum; never more than what is
 * left after earlier refunds. Undefined when the order's prices are not known.
 */
export function remedyAmount(
  spec: RemedyAmount,
  order: Order,
  skus: readonly string[] | undefined,
): Money | undefined {
  const currency = order.currency ?? order.totals.total?.currency;
  const total = order.totals.total?.amount;
  if (!currency || total === undefined) return undefined;
  const left = subtractDecimals(total, order.totals.refunded?.amount ?? '0');
  if (left === undefined || (compareDecimals(left, '0') ?? 0) <= 0)
    return { amount: zero(currency), currency };
  const capped = (amount: string | undefined): Money | undefined => {
    if (amount === undefined) return undefined;
    const kept = normalizeDecimal((compareDecimals(amount, left) ?? 0) > 0 ? left : amount, currency);
    return kept === undefined ? undefined : { amount: kept, currency };
  };
  if ('full' in spec) return capped(left);
  if ('upTo' in spec) return capped(normalizeDecimal(spec.upTo, currency));
  const base = spec.of === 'order' || !skus?.length ? left : itemsValue(order, skus, currency);
  if (base === undefined) return undefined;
  return capped(share(base, spec.percent, currency));
}

/** Unit price × quantity of the named items, added up; undefined when one has no price. */
function itemsValue(order: Order, skus: readonly string[], currency: string): string | undefined {
  const wanted = new Set(skus.map((s) => s.toUpperCase()));
  const values: string[] = [];
  for (const line of order.lineItems) {
    if (!line.sku || !wanted.has(line.sku.toUpperCase())) continue;
    if (!line.unitPrice) return undefined;
    const minor = toMinor(line.unitPrice.amount, currency);
    if (minor === undefined) return undefined;
    const value = minorToDecimal(String(minor * BigInt(line.quantity)), currency);
    if (value === undefined) return undefined;
    values.push(value);
  }
  return values.length ? sumDecimals(values, currency) : undefined;
}

/** `percent` % of an amount, rounded down to the currency's smallest unit. */
function share(amount: string, percent: number, currency: string): string | undefined {
  const minor = toMinor(amount, currency);
  if (minor === undefined) return undefined;
  return minorToDecimal(String((minor * BigInt(Math.round(percent * 100))) / 10_000n), currency);
}

/** "12.34" USD → 1234n; undefined for a negative amount or digits below the currency's smallest unit. */
function toMinor(amount: string, currency: string): bigint | undefined {
  const normalized = normalizeDecimal(amount, currency);
  const m = normalized === undefined ? null : /^(\d+)(?:\.(\d+))?$/.exec(normalized);
  if (!m || (m[2] ?? '').length !== currencyExponent(currency)) return undefined;
  return BigInt(m[1] + (m[2] ?? ''));
}

const zero = (currency: string) => minorToDecimal(0, currency)!;
