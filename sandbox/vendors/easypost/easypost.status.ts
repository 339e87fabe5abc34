import { type ParcelStatus } from '../../world/world.types';

/**
 * EasyPost's words for the world's parcel statuses: Tracker/TrackingDetail `status` and
 * `status_detail` (https://docs.easypost.com/docs/trackers). EasyPost has no "delivery attempted"
 * status: a missed delivery stays in transit with the documented `delivery_exception` detail.
 */
export const TRACKER_STATUS: Record<ParcelStatus, { status: string; detail: string }> = {
  label_created: { status: 'pre_transit', detail: 'label_created' },
  label_printed: { status: 'pre_transit', detail: 'label_created' },
  confirmed: { status: 'pre_transit', detail: 'status_update' },
  carrier_picked_up: { status: 'in_transit', detail: 'received_at_origin_facility' },
  in_transit: { status: 'in_transit', detail: 'in_transit' },
  delayed: { status: 'in_transit', detail: 'delayed' },
  out_for_delivery: { status: 'out_for_delivery', detail: 'out_for_delivery' },
  attempted_delivery: { status: 'in_transit', detail: 'delivery_exception' },
  ready_for_pickup: { status: 'available_for_pickup', detail: 'arrived_at_pickup_location' },
  picked_up: { status: 'delivered', detail: 'arrived_at_destination' },
  delivered: { status: 'delivered', detail: 'arrived_at_destination' },
  failure: { status: 'failure', detail: 'failure' },
  returned_to_sender: { status: 'return_to_sender', detail: 'return' },
  lost: { status: 'failure', detail: 'lost' },
};

/** A voided label: EasyPost stops tracking it. */
export const CANCELLED = { status: 'cancelled', detail: 'cancelled' };

/** World carrier names → EasyPost carrier codes (the Tracker's `carrier`). */
export const CARRIER_CODES: Record<string, string> = {
  UPS: 'UPS',
  USPS: 'USPS',
  FedEx: 'FedEx',
  'DHL Express': 'DHLExpress',
  DPD: 'DPD',
  'Royal Mail': 'RoyalMail',
  'Canada Post': 'CanadaPost',
  'Japan Post': 'JapanPost',
  Aramex: 'Aramex',
};

/** Statuses after which EasyPost stops updating the tracker. */
export const FINAL = new Set(['delivered', 'return_to_sender', 'failure', 'cancelled']);
