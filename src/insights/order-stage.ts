import { type Order, type ShipmentStatus } from '../canonical';
import { type Insights } from './insights.schema';

const MOVING: ReadonlySet<ShipmentStatus> = new Set([
  'in_transit',
  'out_for_delivery',
  'failed_attempt',
  'available_for_pickup',
  'exception',
]);

/** Where the order is in its life, from the customer's point of view. */
export function orderStage(order: Order): NonNullable<Insights['orderStage']> {
  if (order.status === 'cancelled') return 'cancelled';
  const live = order.shipments.filter((s) => s.status !== 'cancelled');
  if (
    live.some((s) => s.status === 'returned_to_sender') ||
    order.returns.some((r) => r.status === 'closed')
  ) {
    return 'returned';
  }
  if (
    live.length > 0 &&
    live.every((s) => s.status === 'delivered') &&
    order.fulfillmentStatus === 'fulfilled'
  ) {
    return 'delivered';
  }
  if (live.some((s) => MOVING.has(s.status) || s.status === 'delivered')) return 'in_transit';
  if (
    live.length > 0 ||
    ['in_progress', 'partially_fulfilled', 'scheduled'].includes(order.fulfillmentStatus)
  ) {
    return 'in_warehouse';
  }
  return 'pre_fulfillment';
}
