import { type Order } from '../canonical';
import {
  compareDecimals,
  currencyExponent,
  isKnownCurrency,
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

/** Why a remedy carries no amount: the order's prices or currency are unknown, or the playbook names no sum for it. */
export type NoAmount = 'unknown' | 'nothing_left' | 'currency_not_named';

/**
 * What a refund or store credit is worth for this order, exactly (decimal strings at the
 * currency's scale): what is left of the order, a share of the items in question (unit price ×
 * quantity, before order-level discounts) or of the order's total, or a sum per currency; never
 * more than what is left after earlier refunds, nor than `max`.
 */
export function remedyAmount(
  spec: RemedyAmount,
  order: Order,
  skus: readonly string[] | undefined,
): Money | NoAmount {
  const currency = order.currency ?? order.totals.total?.currency;
  const total = order.totals.total;
  if (!currency || !isKnownCurrency(currency) || !total || total.currency !== currency) return 'unknown';
  const refunded = order.totals.refunded;
  if (refunded && refunded.currency !== currency) return 'unknown';
  const left = normalizeDecimal(subtractDecimals(total.amount, refunded?.amount ?? '0') ?? '', currency);
  if (left === undefined) return 'unknown';
  if ((compareDecimals(left, '0') ?? 0) <= 0) return 'nothing_left';
  const caps = [left];
  if (spec.max) {
    const max = spec.max[currency];
    if (max === undefined) return 'currency_not_named';
    caps.push(max);
  }
  let wanted: string | undefined;
  if (spec.full) wanted = left;
  else if (spec.upTo) {
    wanted = spec.upTo[currency];
    if (wanted === undefined) return 'currency_not_named';
  } else if (spec.percent !== undefined) {
    const base = spec.of === 'order' ? total.amount : itemsValue(order, skus, currency);
    wanted = base === undefined ? undefined : share(base, spec.percent, currency);
  }
  if (wanted === undefined) return 'unknown';
  const amount = normalizeDecimal(smallest([wanted, ...caps]), currency);
  if (amount === undefined || !atScale(amount, currency)) return 'unknown';
  return (compareDecimals(amount, '0') ?? 0) > 0 ? { amount, currency } : 'nothing_left';
}

function smallest(amounts: string[]): string {
  return amounts.reduce((a, b) => ((compareDecimals(b, a) ?? 0) < 0 ? b : a));
}

/** Unit price × quantity of the items in question (the SKUs, else every line); undefined when one has no price. */
function itemsValue(order: Order, skus: readonly string[] | undefined, currency: string): string | undefined {
  const wanted = skus?.length ? new Set(skus.map((s) => s.toUpperCase())) : undefined;
  const values: string[] = [];
  for (const line of order.lineItems) {
    if (wanted && (!line.sku || !wanted.has(line.sku.toUpperCase()))) continue;
    if (!line.unitPrice || line.unitPrice.currency !== currency) return undefined;
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

/** Whether an amount is written at the currency's scale ("10.5" JPY is not an amount). */
function atScale(amount: string, currency: string): boolean {
  return toMinor(amount, currency) !== undefined;
}
