import { capturedAmount } from '../../world/payment.builder';
import { type Order, type ParcelStatus, type Payment, type WarehouseState } from '../../world/world.types';

/**
 * Shopify's display statuses derived from the world's facts, so every view of an order tells
 * the same story. Enumerations: https://shopify.dev/docs/api/admin-graphql/latest/enums/OrderDisplayFinancialStatus
 * and .../OrderDisplayFulfillmentStatus, .../FulfillmentDisplayStatus, .../FulfillmentEventStatus.
 */
export function displayFinancialStatus(order: Order): string {
  const captured = order.payments.reduce((sum, p) => sum + capturedAmount(p), 0);
  const refunded = refundedAmount(order);
  if (captured > 0) {
    if (refunded >= captured) return 'REFUNDED';
    if (refunded > 0) return 'PARTIALLY_REFUNDED';
    return captured >= order.total ? 'PAID' : 'PARTIALLY_PAID';
  }
  if (order.payments.some(isOpenAuthorization)) return 'AUTHORIZED';
  if (order.payments.some((p) => p.outcome === 'pending')) return 'PENDING';
  if (order.payments.some((p) => p.voidedAt)) return 'VOIDED';
  if (order.payments.some((p) => p.expiredAt)) return 'EXPIRED';
  return 'PENDING';
}

/** Pending and failed refunds have not moved money yet. */
export function refundedAmount(order: Order): number {
  return order.refunds.filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0);
}

function isOpenAuthorization(p: Payment): boolean {
  return (
    p.capture === 'manual' &&
    p.outcome === 'succeeded' &&
    p.captures.length === 0 &&
    !p.voidedAt &&
    !p.expiredAt
  );
}

const WAREHOUSE_DISPLAY: Record<WarehouseState, string> = {
  unsubmitted: 'UNFULFILLED',
  open: 'OPEN',
  submitted: 'PENDING_FULFILLMENT',
  in_progress: 'IN_PROGRESS',
  on_hold: 'ON_HOLD',
  scheduled: 'SCHEDULED',
  declined: 'REQUEST_DECLINED',
  restocked: 'RESTOCKED',
};

/** Units of each line in parcels that were not cancelled (and that the OMS knows about). */
export function fulfilledQuantities(order: Order): Map<number, number> {
  const done = new Map<number, number>();
  for (const parcel of order.parcels) {
    if (parcel.cancelledAt || parcel.omsLacksTracking) continue;
    for (const item of parcel.items)
      done.set(item.lineItemId, (done.get(item.lineItemId) ?? 0) + item.quantity);
  }
  return done;
}

export function displayFulfillmentStatus(order: Order): string {
  const done = fulfilledQuantities(order);
  const shippable = order.lineItems.filter((l) => l.requiresShipping);
  const fulfilled = shippable.reduce((sum, l) => sum + Math.min(done.get(l.id) ?? 0, l.quantity), 0);
  const wanted = shippable.reduce((sum, l) => sum + l.quantity, 0);
  if (wanted > 0 && fulfilled >= wanted) return 'FULFILLED';
  if (fulfilled > 0) return 'PARTIALLY_FULFILLED';
  return WAREHOUSE_DISPLAY[order.warehouse];
}

/** FulfillmentEventStatus: Shopify has no "returned" or "lost" event, carriers report them as FAILURE. */
export const EVENT_STATUS: Record<ParcelStatus, string> = {
  label_created: 'LABEL_PURCHASED',
  label_printed: 'LABEL_PRINTED',
  confirmed: 'CONFIRMED',
  carrier_picked_up: 'CARRIER_PICKED_UP',
  in_transit: 'IN_TRANSIT',
  out_for_delivery: 'OUT_FOR_DELIVERY',
  attempted_delivery: 'ATTEMPTED_DELIVERY',
  delayed: 'DELAYED',
  ready_for_pickup: 'READY_FOR_PICKUP',
  picked_up: 'PICKED_UP',
  delivered: 'DELIVERED',
  failure: 'FAILURE',
  returned_to_sender: 'FAILURE',
  lost: 'FAILURE',
};

/** FulfillmentDisplayStatus: the same words, plus NOT_DELIVERED for parcels that will not arrive. */
export function fulfillmentDisplayStatus(status: ParcelStatus, cancelled: boolean): string {
  if (cancelled) return 'CANCELED';
  if (status === 'returned_to_sender' || status === 'lost') return 'NOT_DELIVERED';
  return EVENT_STATUS[status];
}
