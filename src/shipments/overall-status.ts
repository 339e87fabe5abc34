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

/** The order's overall shipment status (API.md): the least advanced live shipment's. */
export function overallStatus(order: Order, stage: Insights['orderStage']): ShipmentStatus {
  if (order.status === 'cancelled' || stage === 'cancelled') return 'cancelled';
  const live = order.shipments.filter((s) => s.status !== 'cancelled');
  if (live.length === 0) return 'pending';
  return live.map((s) => s.status).sort((a, b) => PROGRESS.indexOf(a) - PROGRESS.indexOf(b))[0];
}
