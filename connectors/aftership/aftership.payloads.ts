import { z } from 'zod';

/**
 * AfterShip's Tracking, API 2025-01: every field the hub reads, declared; the rest pass through
 * (loose objects). The connector parses each reply with these, and mappings/aftership/tracking.yaml
 * may read only what `trackingSchema` declares (checked at boot).
 * https://www.aftership.com/docs/tracking/2025-01/model/tracking
 */
const text = z.string().nullish();

/** Checkpoint: one scan; `country_region` is an ISO 3166-1 alpha-3 code. */
const checkpoint = z.looseObject({
  checkpoint_time: text,
  tag: text,
  subtag: text,
  message: text,
  subtag_message: text,
  city: text,
  state: text,
  country_region: text,
});

/**
 * A date ("2025-11-06") in 2025-01; an object with the date and a range from 2026-01 on. Both are
 * accepted (and read by the mapping), so a `baseUrl` on a newer version still parses.
 */
const promisedDeliveryDate = z.union([z.string(), z.looseObject({ promised_delivery_date: text })]);

/** The `tracking` record: one Tracking, its checkpoints oldest first. */
export const trackingSchema = z.looseObject({
  id: z.string(),
  tracking_number: z.string(),
  slug: text,
  /** Delivery status: Pending, InfoReceived, InTransit, OutForDelivery, AttemptFail, Delivered, … */
  tag: text,
  /** Sub-status, e.g. Exception_013 */
  subtag: text,
  shipment_type: text,
  courier_tracking_link: text,
  aftership_tracking_url: text,
  shipment_pickup_date: text,
  shipment_delivery_date: text,
  courier_estimated_delivery_date: z.looseObject({ estimated_delivery_date: text }).nullish(),
  order_promised_delivery_date: promisedDeliveryDate.nullish(),
  created_at: text,
  checkpoints: z.array(checkpoint).nullish(),
});
export type Tracking = z.infer<typeof trackingSchema>;

/** `GET /trackings`: the body envelope `{ meta, data }` around a page of trackings. */
export const trackingsReplySchema = z.looseObject({
  meta: z.looseObject({ code: z.number() }),
  data: z.looseObject({
    pagination: z.looseObject({ has_next_page: z.boolean().nullish() }).nullish(),
    trackings: z.array(trackingSchema),
  }),
});
