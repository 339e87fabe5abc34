import { type ParcelStatus } from '../../world/world.types';

export interface Tagged {
  tag: string;
  subtag: string;
  subtag_message: string;
}

const t = (tag: string, subtag: string, subtag_message: string): Tagged => ({ tag, subtag, subtag_message });

/**
 * AfterShip's words for the world's parcel statuses: `tag`, `subtag` and `subtag_message`
 * (https://www.aftership.com/docs/tracking/2025-01/enum/delivery-statuses and
 * .../enum/delivery-sub-statuses). A delay stays in transit (the carrier's message says why), as
 * in the other views; AfterShip could also file it under Exception_005 "Delayed (External factors)".
 */
export const TAGS: Record<ParcelStatus, Tagged> = {
  label_created: t('InfoReceived', 'InfoReceived_001', 'Info Received'),
  label_printed: t('InfoReceived', 'InfoReceived_001', 'Info Received'),
  confirmed: t('InfoReceived', 'InfoReceived_001', 'Info Received'),
  carrier_picked_up: t('InTransit', 'InTransit_002', 'Acceptance scan'),
  in_transit: t('InTransit', 'InTransit_001', 'In Transit'),
  delayed: t('InTransit', 'InTransit_001', 'In Transit'),
  out_for_delivery: t('OutForDelivery', 'OutForDelivery_001', 'Out for Delivery'),
  attempted_delivery: t('AttemptFail', 'AttemptFail_001', 'Failed Attempt'),
  ready_for_pickup: t('AvailableForPickup', 'AvailableForPickup_001', 'Available for Pickup'),
  picked_up: t('Delivered', 'Delivered_002', 'Picked up by the customer'),
  delivered: t('Delivered', 'Delivered_001', 'Delivered'),
  failure: t('Exception', 'Exception_001', 'Exception'),
  returned_to_sender: t('Exception', 'Exception_011', 'Returned to sender'),
  lost: t('Exception', 'Exception_013', 'Shipment lost'),
};

/** A voided label never gets a scan: AfterShip stops tracking it as Expired. */
export const EXPIRED = t('Expired', 'Expired_001', 'Expired');

/** World carrier names → AfterShip courier slugs. */
export const SLUGS: Record<string, string> = {
  UPS: 'ups',
  USPS: 'usps',
  FedEx: 'fedex',
  'DHL Express': 'dhl',
  DPD: 'dpd',
  'Royal Mail': 'royal-mail',
  'Canada Post': 'canada-post',
  'Japan Post': 'japan-post',
  Aramex: 'aramex',
};

/** Tags after which AfterShip stops tracking (`active: false`). */
export const FINAL = new Set(['Delivered', 'Expired']);
