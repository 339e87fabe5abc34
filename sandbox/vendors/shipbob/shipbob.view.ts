import { toDecimal } from '../../world/currency.util';
import { iso } from '../../world/time.util';
import { type Address, type LineItem, type Order, type World } from '../../world/world.types';
import { type Json, SANDBOX_CHANNEL_ID, sbTime, shipbobIds } from './shipbob.ids';
import {
  type OrderCtx,
  parcelShipment,
  pendingShipment,
  type ShipBobShipmentView,
} from './shipbob.shipments.view';
import { AT_WAREHOUSE, orderStatus } from './shipbob.status';

export interface ShipBobOrderView {
  id: number;
  referenceId: string;
  body: Json;
  shipments: ShipBobShipmentView[];
  createdAt: string;
}

/** The world as ShipBob's API 2026-01 shows it, built once at start and only read after. */
export interface ShipBobView {
  /** Newest first, as GET /order lists them by default. */
  orders: ShipBobOrderView[];
  byId: Map<number, ShipBobOrderView>;
  byReference: Map<string, ShipBobOrderView>;
  shipments: Map<number, { order: ShipBobOrderView; shipment: ShipBobShipmentView }>;
  channel: Json;
}

/**
 * Every world order the warehouse has received: those with parcels, and those whose warehouse
 * state says the shop sent them (submitted, in progress, on hold, scheduled, restocked), including
 * `omsMissing` orders. Orders still unsubmitted/open, or declined, never reached ShipBob.
 */
export function buildShipBobView(world: World): ShipBobView {
  const channel = { id: SANDBOX_CHANNEL_ID, name: `${world.shop.handle}.myshopify.com` };
  const orders = world.orders
    .map((o) => orderView(o, channel, world.anchor))
    .filter((o): o is ShipBobOrderView => o !== undefined)
    .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id - a.id));
  const shipments = new Map<number, { order: ShipBobOrderView; shipment: ShipBobShipmentView }>();
  for (const order of orders)
    for (const shipment of order.shipments) shipments.set(shipment.id, { order, shipment });
  return {
    orders,
    byId: new Map(orders.map((o) => [o.id, o])),
    byReference: new Map(orders.map((o) => [o.referenceId, o])),
    shipments,
    channel: {
      ...channel,
      application_name: 'Shopify',
      scopes: ['orders_read', 'orders_write', 'products_read', 'inventory_read'],
    },
  };
}

function orderView(order: Order, channel: Json, anchor: string): ShipBobOrderView | undefined {
  const id = shipbobIds.order(order.number);
  const shippable = order.lineItems.filter((l) => l.requiresShipping);
  // The shop sends the order a minute after checkout.
  const created = iso(Math.min(Date.parse(order.placedAt) + 60_000, Date.parse(anchor)));
  const ctx = { order, id, created, recipient: recipient(order) };
  const shipments = order.parcels.map((p) => parcelShipment(ctx, p));
  const left = remaining(order, shippable);
  if (left.length > 0 && AT_WAREHOUSE.has(order.warehouse)) shipments.push(pendingShipment(ctx, left));
  if (shipments.length === 0) return undefined;

  const body: Json = {
    id,
    created_date: sbTime(created),
    purchase_date: sbTime(order.placedAt),
    reference_id: String(order.number),
    order_number: String(order.number),
    status: orderStatus(shipments),
    type: 'DTC',
    channel,
    shipping_method: 'Standard',
    recipient: {
      name: ctx.recipient.name,
      address: ctx.recipient.address,
      email: order.email,
      phone_number: ctx.recipient.phone_number,
    },
    products: shippable.map((l, i) => ({
      id: shipbobIds.product(l.sku),
      reference_id: l.sku,
      sku: l.sku,
      quantity: l.quantity,
      // Documented as USD; the sandbox keeps the order's own currency.
      unit_price: Number(toDecimal(l.unitPrice, order.currency)),
      external_line_id: i + 1,
      gtin: null,
      upc: null,
      quantity_unit_of_measure_code: null,
    })),
    tags: [],
    financials: { total_price: Number(toDecimal(order.total, order.currency)) },
    gift_message: null,
    retailer_program_data: null,
    shipping_terms: { carrier_type: 'Parcel', payment_term: 'Prepaid' },
    shipments: shipments.map((s) => s.body),
  };
  return { id, referenceId: String(order.number), body, shipments, createdAt: created };
}

function recipient(order: Order): OrderCtx['recipient'] {
  const a: Address = order.shippingAddress;
  return {
    name: a.name,
    full_name: a.name,
    address: {
      address1: a.line1,
      address2: a.line2 ?? null,
      city: a.city,
      company_name: a.company ?? null,
      country: a.countryCode,
      state: a.regionCode ?? a.region ?? null,
      zip_code: a.postalCode,
    },
    email: order.email,
    phone_number: a.phone ?? order.phone ?? null,
  };
}

/** Units of each shippable line that no live parcel carries. */
function remaining(order: Order, shippable: LineItem[]): { line: LineItem; quantity: number }[] {
  const carried = new Map<number, number>();
  for (const p of order.parcels)
    if (!p.cancelledAt)
      for (const item of p.items)
        carried.set(item.lineItemId, (carried.get(item.lineItemId) ?? 0) + item.quantity);
  return shippable
    .map((line) => ({ line, quantity: line.quantity - (carried.get(line.id) ?? 0) }))
    .filter((r) => r.quantity > 0);
}
