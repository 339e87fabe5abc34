import { type Order } from '../canonical';
import { HubException } from '../common/problem';

/*
 * What a caller reports, checked against the playbooks and the order: the same refusals over
 * HTTP (400) and in `npm run playbooks:try`.
 */

/** A situation some playbook answers. */
export function checkSituation(situations: readonly string[], situation: string | undefined): void {
  if (situation && !situations.includes(situation)) {
    throw HubException.badRequest(
      `No playbook answers the situation "${situation}"; known: ${situations.join(', ')}.`,
      [{ path: 'situation', message: `one of ${situations.join(', ')}` }],
    );
  }
}

/** SKUs the order holds (compared without regard to case). */
export function checkSkus(order: Order, skus: readonly string[] | undefined): void {
  if (!skus?.length) return;
  const onOrder = new Set(order.lineItems.flatMap((l) => (l.sku ? [l.sku.toUpperCase()] : [])));
  const missing = skus.filter((s) => !onOrder.has(s.toUpperCase()));
  if (missing.length) {
    throw HubException.badRequest(`Order ${order.number} has no item ${missing.join(', ')}.`, [
      { path: 'skus', message: `not on the order: ${missing.join(', ')}` },
    ]);
  }
}
