import { z } from 'zod';

/**
 * EasyPost's Tracker: every field the hub reads, declared; the rest pass through (loose objects).
 * The connector parses each reply with these, and mappings/easypost/tracker.yaml may read only
 * what `trackerSchema` declares (checked at boot). https://docs.easypost.com/docs/trackers
 */
const text = z.string().nullish();

/** TrackingLocation: where a scan happened, as far as the carrier says. */
const trackingLocation = z.looseObject({ city: text, state: text, country: text, zip: text });

/** TrackingDetail: one scan. `status` as the Tracker's; `datetime` local to the scan when known. */
const trackingDetail = z.looseObject({
  message: text,
  description: text,
  status: text,
  status_detail: text,
  datetime: text,
  tracking_location: trackingLocation.nullish(),
});

/** CarrierDetail: what the carrier adds; not every carrier sends it. */
const carrierDetail = z.looseObject({
  service: text,
  guaranteed_delivery_date: text,
});

/** The `tracker` record: one Tracker, its scans oldest first. */
export const trackerSchema = z.looseObject({
  id: z.string(),
  tracking_code: z.string(),
  /** unknown, pre_transit, in_transit, out_for_delivery, delivered, available_for_pickup, … */
  status: text,
  status_detail: text,
  carrier: text,
  carrier_detail: carrierDetail.nullish(),
  public_url: text,
  est_delivery_date: text,
  created_at: text,
  tracking_details: z.array(trackingDetail).nullish(),
});
export type Tracker = z.infer<typeof trackerSchema>;

/** `GET /trackers`: a page of trackers, newest first. */
export const trackersReplySchema = z.looseObject({
  trackers: z.array(trackerSchema),
  has_more: z.boolean().optional(),
});
