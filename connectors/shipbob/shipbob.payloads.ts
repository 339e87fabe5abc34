import { z } from 'zod';

/**
 * The least a ShipBob reply must have before the connector hands it on; the mapping and the
 * canonical schema check the rest, and unknown fields pass through (loose objects).
 * Shapes: https://developer.shipbob.com/2026-01/api/orders/get-orders (Orders.OrderViewModel,
 * Orders.ShipmentViewModel) and .../api/tracking/get-tracking-by-shipment-ids.
 */
export const shipmentSchema = z.looseObject({
  id: z.number().int(),
  status: z.string().nullish(),
  tracking: z.looseObject({ tracking_number: z.string().nullish() }).nullish(),
});
export type ShipBobShipment = z.infer<typeof shipmentSchema>;

export const orderSchema = z.looseObject({
  id: z.number().int(),
  reference_id: z.string().nullish(),
  /** Documented as embedded (nullable); the connector fetches them when it is missing. */
  shipments: z.array(shipmentSchema).nullish(),
});
export type ShipBobOrder = z.infer<typeof orderSchema>;

/** `GET /order?ReferenceIds=…`: a plain array, no envelope. */
export const ordersReplySchema = z.array(orderSchema);

/** `GET /order/{id}/shipment`. */
export const shipmentsReplySchema = z.array(shipmentSchema);

/**
 * `GET /shipments-tracking?ShipmentIds=…` (Tracking.ShipmentTrackingResponse): the carrier's view
 * of each shipment; `status` uses ShipBob's mixed spellings ("InTransit", "Delivery attempt Failed").
 */
export const trackingReplySchema = z.array(
  z.looseObject({ shipment_id: z.number().int().nullish(), status: z.string().nullish() }),
);
export type ShipBobTracking = z.infer<typeof trackingReplySchema>[number];

/** `GET /channel` (Channels.ChannelsV2ViewModel): the cheap authenticated call of the health check. */
export const channelsReplySchema = z.looseObject({
  items: z.array(z.looseObject({ id: z.number().int() })).nullish(),
});
