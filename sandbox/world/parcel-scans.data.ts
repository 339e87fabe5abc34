import { type ParcelStatus } from './world.types';

/** How a parcel got to its current status: the usual carrier scan sequence, oldest first. */
const MOVING: ParcelStatus[] = [
  'label_created',
  'confirmed',
  'carrier_picked_up',
  'in_transit',
  'in_transit',
];
export const PATHS: Record<ParcelStatus, ParcelStatus[]> = {
  label_created: ['label_created'],
  label_printed: ['label_created', 'label_printed'],
  confirmed: ['label_created', 'confirmed'],
  carrier_picked_up: ['label_created', 'confirmed', 'carrier_picked_up'],
  in_transit: MOVING,
  delayed: [...MOVING, 'delayed'],
  out_for_delivery: [...MOVING, 'out_for_delivery'],
  delivered: [...MOVING, 'out_for_delivery', 'delivered'],
  attempted_delivery: [...MOVING, 'out_for_delivery', 'attempted_delivery'],
  ready_for_pickup: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'ready_for_pickup'],
  picked_up: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'ready_for_pickup', 'picked_up'],
  failure: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'out_for_delivery', 'failure'],
  returned_to_sender: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'failure', 'returned_to_sender'],
  lost: [...MOVING, 'lost'],
};

/** Hours between one scan and the next, by the status reached. */
export const STEP_HOURS: Record<ParcelStatus, [number, number]> = {
  label_created: [0, 0],
  label_printed: [1, 3],
  confirmed: [2, 6],
  carrier_picked_up: [4, 12],
  in_transit: [6, 26],
  delayed: [20, 30],
  out_for_delivery: [6, 14],
  delivered: [2, 8],
  attempted_delivery: [2, 8],
  ready_for_pickup: [18, 26],
  picked_up: [20, 50],
  failure: [2, 8],
  returned_to_sender: [48, 96],
  lost: [72, 120],
};

export const MESSAGES: Record<ParcelStatus, string[]> = {
  label_created: ['Shipping label created'],
  label_printed: ['Shipping label printed'],
  confirmed: ['Shipment information received by carrier'],
  carrier_picked_up: ['Picked up by carrier'],
  in_transit: ['Departed facility', 'Arrived at sort facility'],
  delayed: ['Delayed: weather conditions in the region', 'Delayed: missed connection at hub'],
  out_for_delivery: ['Out for delivery'],
  delivered: ['Delivered, left at front door', 'Delivered, signed for by recipient', 'Delivered to mailroom'],
  attempted_delivery: ['Delivery attempted: no one available to sign', 'Delivery attempted: business closed'],
  ready_for_pickup: ['Available for pickup at access point'],
  picked_up: ['Picked up by recipient at access point'],
  failure: ['Delivery failed: address could not be found', 'Delivery failed: recipient refused package'],
  returned_to_sender: ['Returned to sender'],
  lost: ['Carrier reports the parcel lost'],
};
