import { type Order, type ShipmentStatus } from '../canonical';
import { type Insights } from '../insights/insights.schema';

/**
 * From least to most advanced. Trouble ranks lowest so that "the least advanced shipment" is the
 * one a customer needs to hear about.
 */
const PROGRESS: readonly ShipmentStatus[] = [
  'exception',
  'returned_to_sender',
  'failed_attempt',
  'expired',
  'unknown',
  'pending',
  'info_received',
  'in_transit',
  'out_for_delivery',
  'available_for_pickup',
  'delivered',
];

/**
 * Whether items are still to ship: counted when every shipment says what it carries (the shop's
 * own status may lag the warehouse), else the shop's word that the order is partly fulfilled.
 */
function hasUnshippedItems(order: Order, live: Order['shipments']): boolean {
  const ordered = order.lineItems.reduce((t, l) => t + l.quantity, 0);
  if (ordered > 0 && live.every((s) => s.items?.length)) {
    const shipped = live.reduce((t, s) => t + s.items!.reduce((n, i) => n + i.quantity, 0), 0);
    return shipped < ordered;
  }
  return order.fulfillmentStatus === 'partially_fulfilled';
}

/** The order's overall shipment status (docs/canonical.md "Statuses"): the least advanced live shipment's. */
export function overallStatus(order: Order, stage: Insights['orderStage']): ShipmentStatus {
  if (order.status === 'cancelled' || stage === 'cancelled') return 'cancelled';
  const live = order.shipments.filter((s) => s.status !== 'cancelled');
  if (live.length === 0) return 'pending';
  const statuses = live.map((s) => s.status);
  // Items still to ship are a parcel that has not left: "delivered" would be untrue.
  if (hasUnshippedItems(order, live)) statuses.push('pending');
  return statuses.sort((a, b) => PROGRESS.indexOf(a) - PROGRESS.indexOf(b))[0];
}
