import { type ApiKeyPrincipal } from '../auth/api-key.store';

/** A decimal string as an integer count of 1/10,000ths, so "100" and "100.00" compare equal. */
function toUnits(decimal: string): bigint {
  const [whole, fraction = ''] = decimal.split('.');
  return BigInt(whole) * 10_000n + BigInt((fraction + '0000').slice(0, 4));
}

/**
 * Why a refund must wait for a person's approval, or undefined when the key may run it: a key
 * with `refundLimit` runs refunds up to its limit in that currency; above it, or in a currency
 * the limit does not name, a person approves first.
 */
export function approvalReason(
  principal: Pick<ApiKeyPrincipal, 'name' | 'refundLimit'>,
  amount: { amount: string; currency: string },
): string | undefined {
  const limits = principal.refundLimit;
  if (!limits) return undefined;
  const limit = limits[amount.currency];
  if (limit === undefined) {
    return `API key "${principal.name}" has no refund limit in ${amount.currency}, so every ${amount.currency} refund needs approval`;
  }
  if (toUnits(amount.amount) > toUnits(limit)) {
    return `${amount.amount} ${amount.currency} is above the ${limit} ${amount.currency} API key "${principal.name}" may refund without approval`;
  }
  return undefined;
}
