import { z } from 'zod';

/**
 * ShipBob's replies, API 2026-01: every field the hub reads, declared; the rest pass through
 * (loose objects). The connector parses each reply with these, and mappings/shipbob/order.yaml
 * may read only what `orderRecordSchema` declares (checked at boot).
 * Shapes: https://developer.shipbob.com/2026-01/api/orders/get-orders (Orders.OrderViewModel,
 * Orders.ShipmentViewModel) and .../api/tracking/get-tracking-by-shipment-ids.
 */
const text = z.string().nullish();
const count = z.number().nullish();

const address = z.looseObject({
  company_name: text,
  address1: text,
  address2: text,
  city: text,
  state: text,
  zip_code: text,
  country: text,
});

const recipient = z.looseObject({
  name: text,
  email: text,
  phone_number: text,
  address: address.nullish(),
});

/** Orders.ProductViewModel: an ordered product (no name in 2026-01). */
const orderProduct = z.looseObject({ id: count, reference_id: text, sku: text, quantity: count });

/** Orders.ShipmentProductViewModel: a shipped product with the inventory it was packed from. */
const shipmentProduct = z.looseObject({
  reference_id: text,
  sku: text,
  inventory_items: z.array(z.looseObject({ quantity: count })).nullish(),
});

export const shipmentSchema = z.looseObject({
  id: z.number().int(),
  /** Orders.ShipmentStatus: Processing, Completed, Exception, OnHold, Cancelled, CleanSweeped, … */
  status: text,
  status_details: z.array(z.looseObject({ name: text })).nullish(),
  ship_option: text,
  actual_fulfillment_date: text,
  delivery_date: text,
  tracking: z
    .looseObject({ carrier: text, carrier_service: text, tracking_number: text, tracking_url: text })
    .nullish(),
  products: z.array(shipmentProduct).nullish(),
});
export type ShipBobShipment = z.infer<typeof shipmentSchema>;

export const orderSchema = z.looseObject({
  id: z.number().int(),
  reference_id: text,
  purchase_date: text,
  created_date: text,
  recipient: recipient.nullish(),
  products: z.array(orderProduct).nullish(),
  /** Documented as embedded (nullable); the connector fetches them when it is missing. */
  shipments: z.array(shipmentSchema).nullish(),
});
export type ShipBobOrder = z.infer<typeof orderSchema>;

/** `GET /order?ReferenceIds=…`: a plain array, no envelope. */
export const ordersReplySchema = z.array(orderSchema);

/** `GET /order/{id}/shipment`. */
export const shipmentsReplySchema = z.array(shipmentSchema);

/**
 * Tracking.ShipmentTrackingResponse: the carrier's view of one shipment; `status` uses ShipBob's
 * mixed spellings ("InTransit", "Delivery attempt Failed").
 */
const trackingSchema = z.looseObject({
  shipment_id: z.number().int().nullish(),
  carrier: text,
  service: text,
  carrier_tracking_number: text,
  public_tracking_url: text,
  status: text,
  substatus: text,
  eta: text,
});
export type ShipBobTracking = z.infer<typeof trackingSchema>;

/** `GET /shipments-tracking?ShipmentIds=…`. */
export const trackingReplySchema = z.array(trackingSchema);

/**
 * The `order` record the connector hands on: the order with each shipment's carrier tracking
 * attached as `shipment_tracking` (when ShipBob has it).
 */
export const orderRecordSchema = orderSchema.extend({
  shipments: z.array(shipmentSchema.extend({ shipment_tracking: trackingSchema.optional() })),
});

/** `GET /channel` (Channels.ChannelsV2ViewModel): the cheap authenticated call of the health check. */
export const channelsReplySchema = z.looseObject({
  items: z.array(z.looseObject({ id: z.number().int() })).nullish(),
});
