import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { compareDecimals } from '../money';

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
    return `API key "${principal.name}" has no refund limit in ${amount.currency}, so every ${amount.currency} refund or credit needs approval`;
  }
  // Exact (src/money): "100" equals "100.00", no fraction of any length is cut off, and what is no
  // decimal at all counts as above the limit.
  if ((compareDecimals(amount.amount, limit) ?? 1) === 1) {
    return `${amount.amount} ${amount.currency} is above the ${limit} ${amount.currency} API key "${principal.name}" may refund or credit without approval`;
  }
  return undefined;
}
