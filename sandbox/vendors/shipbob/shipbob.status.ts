import { type Order, type Parcel, type ParcelStatus, type WarehouseState } from '../../world/world.types';

/**
 * ShipBob's statuses derived from the world's facts, so the WMS tells the same story as the other
 * views. Enumerations (API 2026-01): shipment `Orders.OrderStatusEnum`, order `Orders.OrderStatus`,
 * and the tracking status of GET /shipments-tracking with its mixed spellings (docs/canonical.md).
 */
export type ShipmentStatus =
  | 'None'
  | 'Processing'
  | 'Completed'
  | 'Exception'
  | 'OnHold'
  | 'Cancelled'
  | 'CleanSweeped'
  | 'LabeledCreated'
  | 'ImportReview';

export type OrderStatus =
  'Processing' | 'Exception' | 'PartiallyFulfilled' | 'Fulfilled' | 'Cancelled' | 'ImportReview';

/** Warehouse states in which ShipBob holds the order; before them the shop has not sent it. */
export const AT_WAREHOUSE: ReadonlySet<WarehouseState> = new Set([
  'submitted',
  'in_progress',
  'on_hold',
  'scheduled',
  'restocked',
]);

/** Status of the shipment that holds what no parcel carries yet, by the order's warehouse state. */
export function pendingShipmentStatus(order: Order): ShipmentStatus {
  if (order.cancellation || order.warehouse === 'restocked') return 'Cancelled';
  switch (order.warehouse) {
    case 'submitted':
      return 'ImportReview'; // sent, not yet released to the floor
    case 'on_hold':
    case 'scheduled': // a pre-order waits on hold for its release date
      return 'OnHold';
    default:
      return 'Processing';
  }
}

/** A label exists but the carrier has not picked the parcel up: still in the building. */
const AT_DOCK: ReadonlySet<ParcelStatus> = new Set(['label_created', 'label_printed', 'confirmed']);

export function parcelShipmentStatus(parcel: Parcel): ShipmentStatus {
  if (parcel.cancelledAt) return 'Cancelled';
  return AT_DOCK.has(parcel.status) ? 'LabeledCreated' : 'Completed';
}

/** GET /shipments-tracking `status` (verbatim spellings) and a `substatus` label per parcel state. */
export const TRACKING: Record<ParcelStatus, { status: string; substatus: string }> = {
  label_created: { status: 'PreTransit', substatus: 'Label created' },
  label_printed: { status: 'PreTransit', substatus: 'Label printed' },
  confirmed: { status: 'PreTransit', substatus: 'Carrier informed' },
  carrier_picked_up: { status: 'InTransit', substatus: 'Picked up' },
  in_transit: { status: 'InTransit', substatus: 'In Transit' },
  delayed: { status: 'InTransit', substatus: 'Delayed' },
  // The documented enum has no out-for-delivery value; the substatus carries it.
  out_for_delivery: { status: 'InTransit', substatus: 'Out for Delivery' },
  attempted_delivery: { status: 'Delivery attempt Failed', substatus: 'Failed Attempt' },
  ready_for_pickup: { status: 'Available for Pickup', substatus: 'Available for Pickup' },
  picked_up: { status: 'Delivered', substatus: 'Picked up by recipient' },
  delivered: { status: 'Delivered', substatus: 'Delivered' },
  failure: { status: 'DeliveryException', substatus: 'Delivery Exception' },
  returned_to_sender: { status: 'Return to sender', substatus: 'Returned to Sender' },
  lost: { status: 'Exception', substatus: 'Lost' },
};

export const CANCELLED_TRACKING = { status: 'Cancelled', substatus: 'Label voided' };

/** The order's status from its shipments (Orders.OrderStatus). */
export function orderStatus(shipments: readonly { status: ShipmentStatus }[]): OrderStatus {
  const live = shipments.filter((s) => s.status !== 'Cancelled' && s.status !== 'CleanSweeped');
  if (live.length === 0) return 'Cancelled';
  const completed = live.filter((s) => s.status === 'Completed').length;
  if (completed === live.length) return 'Fulfilled';
  if (live.some((s) => s.status === 'Exception')) return 'Exception';
  if (completed > 0) return 'PartiallyFulfilled';
  if (live.every((s) => s.status === 'ImportReview')) return 'ImportReview';
  return 'Processing';
}
