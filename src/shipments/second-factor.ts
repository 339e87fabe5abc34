import { type Order } from '../canonical';
import { type ShipmentStatusQuery } from './shipment-status.schemas';

const postal = (p: string | undefined) => (p ?? '').toUpperCase().replace(/[\s-]/g, '');
// A US ZIP+4 ("10001-1234") matches its five-digit ZIP.
const zip5 = (p: string) => (/^\d{9}$/.test(p) ? p.slice(0, 5) : p);

/**
 * Whether the caller knows what only the buyer knows: the order's own email, or the postal code
 * it ships to. Checked against the order record only, never against a person a help desk matched.
 */
export function secondFactorMatches(query: ShipmentStatusQuery, order: Order): boolean {
  if (query.email !== undefined && order.customer?.email?.trim().toLowerCase() !== query.email) return false;
  if (query.postalCode !== undefined) {
    const theirs = postal(order.shippingAddress?.postalCode);
    if (!theirs || zip5(theirs) !== zip5(postal(query.postalCode))) return false;
  }
  return true;
}
