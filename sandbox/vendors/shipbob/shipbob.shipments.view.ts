import { ORIGINS } from '../../world/carriers.data';
import { days, iso } from '../../world/time.util';
import { type LineItem, type Order, type Parcel } from '../../world/world.types';
import {
  CANCELLED_TRACKING,
  parcelShipmentStatus,
  pendingShipmentStatus,
  type ShipmentStatus,
  TRACKING,
} from './shipbob.status';
import { type Json, sbTime, shipbobIds } from './shipbob.ids';

/**
 * ShipBob shipments (Orders.ShipmentViewModel) and their carrier tracking
 * (Tracking.ShipmentTrackingResponse), from the world's parcels and warehouse state.
 */
export interface ShipBobShipmentView {
  id: number;
  status: ShipmentStatus;
  body: Json;
  /** Tracking.ShipmentTrackingResponse, for shipments with a tracking number. */
  tracking?: Json;
}

export interface OrderCtx {
  order: Order;
  id: number;
  created: string;
  recipient: { name: string; full_name: string; address: Json; email: string; phone_number: string | null };
}

function products(order: Order, items: { line: LineItem | undefined; quantity: number }[]) {
  return items
    .filter((i): i is { line: LineItem; quantity: number } => i.line !== undefined)
    .map(({ line, quantity }) => {
      const name = line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title;
      return {
        id: shipbobIds.product(line.sku),
        reference_id: line.sku,
        name,
        sku: line.sku,
        inventory_items: [
          {
            id: shipbobIds.inventory(line.sku),
            name,
            quantity,
            quantity_committed: order.warehouse === 'on_hold' ? 0 : quantity,
            lot: null,
            expiration_date: null,
            serial_numbers: [],
            is_dangerous_goods: false,
          },
        ],
      };
    });
}

/** The fulfillment center a parcel leaves from: the world's warehouse, else the origin by destination. */
function location(order: Order, parcel?: Parcel): Json {
  const origin = ORIGINS[order.shippingAddress.countryCode] ?? ORIGINS.US;
  const name = parcel?.warehouse ?? `${origin.city} (${origin.region ?? origin.countryCode})`;
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) % 1000;
  return { id: 100 + hash, name };
}

function shipmentBase(ctx: OrderCtx, id: number, status: ShipmentStatus, parcel?: Parcel): Json {
  return {
    id,
    order_id: ctx.id,
    reference_id: String(ctx.order.number),
    recipient: ctx.recipient,
    created_date: sbTime(ctx.created),
    last_update_at: sbTime(ctx.created),
    last_tracking_update_at: null,
    status,
    status_details: [],
    location: location(ctx.order, parcel),
    invoice_amount: null,
    invoice_currency_code: null,
    insurance_value: null,
    ship_option: 'Standard',
    tracking: null,
    products: [],
    parent_cartons: null,
    measurements: null,
    package_material_type: 'Box',
    require_signature: false,
    gift_message: null,
    is_tracking_uploaded: false,
    estimated_fulfillment_date: null,
    estimated_fulfillment_date_status: 'Unavailable',
    actual_fulfillment_date: null,
    delivery_date: null,
  };
}

export function parcelShipment(ctx: OrderCtx, parcel: Parcel): ShipBobShipmentView {
  const id = shipbobIds.parcelShipment(parcel.id);
  const status = parcelShipmentStatus(parcel);
  const lines = new Map(ctx.order.lineItems.map((l) => [l.id, l]));
  const items = parcel.items.map((i) => ({ line: lines.get(i.lineItemId), quantity: i.quantity }));
  const last = parcel.events[parcel.events.length - 1];
  const units = parcel.items.reduce((sum, i) => sum + i.quantity, 0);
  const body: Json = {
    ...shipmentBase(ctx, id, status, parcel),
    last_update_at: sbTime(parcel.cancelledAt ?? last?.at ?? parcel.createdAt),
    last_tracking_update_at: sbTime(last?.at),
    invoice_amount: 4.5 + units * 1.25,
    invoice_currency_code: 'USD',
    tracking: {
      bol: null,
      carrier: parcel.carrier,
      carrier_service: parcel.service,
      pro_number: null,
      scac: null,
      shipping_date: null,
      tracking_number: parcel.trackingNumber,
      tracking_url: parcel.trackingUrl,
    },
    products: products(ctx.order, items),
    measurements: { depth_in: 4, length_in: 12, total_weight_oz: 8 * units, width_in: 9 },
    // ShipBob pushed the tracking to the shop, unless the shop has not got it yet.
    is_tracking_uploaded: !parcel.omsLacksTracking && !parcel.cancelledAt,
    estimated_fulfillment_date: sbTime(parcel.createdAt),
    estimated_fulfillment_date_status: parcel.cancelledAt ? 'Unavailable' : 'FulfilledOnTime',
    // "Picked, packed and label printed": the label is the parcel's first fact.
    actual_fulfillment_date: parcel.cancelledAt ? null : sbTime(parcel.createdAt),
    delivery_date: sbTime(parcel.deliveredAt),
  };
  return { id, status, body, tracking: trackingView(id, parcel) };
}

export function pendingShipment(
  ctx: OrderCtx,
  left: { line: LineItem; quantity: number }[],
): ShipBobShipmentView {
  const id = shipbobIds.pendingShipment(ctx.order.number);
  const status = pendingShipmentStatus(ctx.order);
  const details =
    status === 'OnHold'
      ? [
          {
            id: 13,
            name: 'Manual',
            description:
              ctx.order.warehouse === 'scheduled'
                ? 'Held until the pre-order release date'
                : 'Placed on hold by the merchant',
            inventory_id: null,
            exception_fulfillment_center_id: null,
            extra_information: null,
          },
        ]
      : [];
  const body: Json = {
    ...shipmentBase(ctx, id, status),
    last_update_at: sbTime(ctx.order.cancellation?.at ?? ctx.created),
    status_details: details,
    products: products(ctx.order, left),
    estimated_fulfillment_date:
      status === 'Processing' ? sbTime(iso(Date.parse(ctx.created) + days(1))) : null,
    estimated_fulfillment_date_status: status === 'Processing' ? 'PendingOnTime' : 'Unavailable',
  };
  return { id, status, body };
}

/** Tracking.ShipmentTrackingResponse: the carrier's view of one shipment. */
function trackingView(shipmentId: number, parcel: Parcel): Json {
  const last = parcel.events[parcel.events.length - 1];
  const now = parcel.cancelledAt ? CANCELLED_TRACKING : TRACKING[parcel.status];
  const place = (l: Parcel['events'][number]['location']) =>
    l ? [l.city, l.region, l.countryCode].filter(Boolean).join(', ') : null;
  return {
    shipment_id: shipmentId,
    tracking_id: parcel.trackingNumber,
    carrier: parcel.carrier,
    carrier_tracking_number: parcel.trackingNumber,
    service: parcel.service,
    status: now.status,
    substatus: now.substatus,
    message: last?.message ?? null,
    carrier_message: last?.message.toUpperCase() ?? null,
    location: place(last?.location),
    eta: parcel.cancelledAt ? null : sbTime(parcel.estimatedDeliveryAt),
    last_updated: sbTime(parcel.cancelledAt ?? last?.at),
    public_tracking_url: parcel.trackingUrl,
    history: parcel.events.map((e) => ({
      timestamp: sbTime(e.at),
      status: TRACKING[e.status].status,
      message: e.message,
      location: place(e.location),
    })),
  };
}
