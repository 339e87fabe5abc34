import { priceIn, SHIPPING_FEE } from './currency.util';
import { type LinePick, type OrderSpec } from './order-spec.types';
import { buildParcel } from './parcel.builder';
import { buildPayment, capturedAmount } from './payment.builder';
import { taxRateOf } from './places.data';
import { product } from './products.data';
import { int, type Rng } from './random';
import { buildRefunds, buildReturns } from './after-sale.builder';
import { days, hours, iso } from './time.util';
import { type Customer, type LineItem, type Order, type Parcel } from './world.types';

export type IdKind =
  'lineItem' | 'parcel' | 'event' | 'payment' | 'capture' | 'dispute' | 'refund' | 'return';

export interface BuildContext {
  rng: Rng;
  anchorMs: number;
  nextId: (kind: IdKind) => number;
  customers: Map<string, Customer>;
}

/** Turns a described order into world facts: ids, money in minor units, times before the anchor. */
export function buildOrder(ctx: BuildContext, number: number, spec: OrderSpec): Order {
  const { rng, anchorMs } = ctx;
  const customer = ctx.customers.get(spec.customer);
  if (!customer) throw new Error(`sandbox scenario #${number}: unknown customer ${spec.customer}`);
  const currency = spec.currency ?? customer.currency;
  const latestMs = anchorMs - hours(0.25);
  const placedMs =
    anchorMs - days(spec.daysAgo) - hours(spec.hoursAgo ?? int(rng, 1, 20)) - int(rng, 0, 3599) * 1000;

  const lineItems: LineItem[] = spec.items.map((item) => {
    const p = product(item.sku);
    return {
      id: ctx.nextId('lineItem'),
      sku: p.sku,
      title: p.title,
      variantTitle: p.variantTitle,
      quantity: item.quantity,
      unitPrice: item.unitPrice ?? priceIn(p.usdCents, currency),
      requiresShipping: true,
    };
  });
  const itemsTotal = lineItems.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  const discount = Math.round((itemsTotal * (spec.discountPercent ?? 0)) / 100);
  const shipping = spec.freeShipping ? 0 : SHIPPING_FEE[currency];
  const address = { ...customer.address };
  const tax = Math.round((itemsTotal - discount) * taxRateOf(address.countryCode, address.city));
  const total = itemsTotal - discount + shipping + tax;
  const pick = (lines: readonly LinePick[] | undefined) =>
    (lines ?? lineItems.map((l, i) => [i, l.quantity] as const)).map(([index, quantity]) => ({
      lineItemId: lineItems[index].id,
      quantity,
    }));

  const payments = (spec.payments ?? [{}]).map((p) =>
    buildPayment({ rng, nextId: ctx.nextId, placedMs, anchorMs, latestMs, total, email: customer.email }, p),
  );

  const parcels: Parcel[] = (spec.parcels ?? []).map((p, i) =>
    buildParcel(rng, () => ctx.nextId('event'), {
      id: ctx.nextId('parcel'),
      index: i + 1,
      carrier: p.carrier,
      service: p.service,
      trackingNumber: p.trackingNumber,
      items: pick(p.items),
      status: p.status,
      startMs: Math.min(placedMs + hours(p.afterHours ?? int(rng, 6, 30)), latestMs),
      anchorMs,
      destination: address,
      cancelled: p.cancelled,
      omsLacksTracking: p.omsLacksTracking,
      omsMissesLast: p.omsMissesLast,
      etaHours: p.etaHours,
      lastScanHoursAgo: p.lastScanHoursAgo,
    }),
  );

  const cancelMs = spec.cancel
    ? Math.min(placedMs + hours(spec.cancel.afterHours ?? int(rng, 2, 10)), latestMs)
    : undefined;
  const deliveredMs = Math.max(0, ...parcels.map((p) => (p.deliveredAt ? Date.parse(p.deliveredAt) : 0)));
  const afterSale = { rng, nextId: ctx.nextId, latestMs, lineItems, itemsTotal, shipping, total, pick };
  const refunds = buildRefunds(
    afterSale,
    spec.refunds ?? [],
    payments,
    cancelMs ?? (deliveredMs || placedMs),
  );
  const returns = buildReturns(afterSale, spec.returns ?? [], deliveredMs || placedMs);

  const order: Order = {
    number,
    scenario: spec.scenario,
    customerId: customer.id,
    email: customer.email,
    phone: customer.phone,
    currency,
    placedAt: iso(placedMs),
    updatedAt: iso(placedMs),
    lineItems,
    itemsTotal,
    discount,
    shipping,
    tax,
    total,
    shippingAddress: address,
    tags: spec.tags ?? [],
    ...(spec.note ? { note: spec.note } : {}),
    ...(spec.cancel && cancelMs ? { cancellation: { at: iso(cancelMs), reason: spec.cancel.reason } } : {}),
    warehouse: spec.warehouse ?? 'unsubmitted',
    risk: { facts: [], ...(spec.risk ?? { level: 'low', recommendation: 'accept' }) },
    parcels,
    payments,
    refunds,
    returns,
    ...(spec.omsMissing ? { omsMissing: true } : {}),
  };
  const closedMs = closedAt(order, cancelMs, deliveredMs, latestMs);
  if (closedMs) order.closedAt = iso(closedMs);
  order.updatedAt = iso(Math.max(...timesOf(order)));
  return order;
}

/**
 * Orders close when cancelled, or once every unit was delivered, the money is settled and no
 * return is pending (Shopify archives such orders a day later by default).
 */
function closedAt(order: Order, cancelMs: number | undefined, deliveredMs: number, latestMs: number) {
  if (cancelMs) return cancelMs;
  const delivered = new Map<number, number>();
  for (const parcel of order.parcels) {
    if (parcel.cancelledAt || !parcel.deliveredAt) continue;
    for (const item of parcel.items)
      delivered.set(item.lineItemId, (delivered.get(item.lineItemId) ?? 0) + item.quantity);
  }
  const allDelivered = order.lineItems.every((l) => (delivered.get(l.id) ?? 0) >= l.quantity);
  const captured = order.payments.reduce((sum, p) => sum + capturedAmount(p), 0);
  const pendingReturn = order.returns.some((r) => r.status === 'requested' || r.status === 'open');
  const closeMs = deliveredMs + days(1);
  return allDelivered && captured >= order.total && !pendingReturn && closeMs <= latestMs
    ? closeMs
    : undefined;
}

function timesOf(order: Order): number[] {
  const times = [order.placedAt, order.cancellation?.at, order.closedAt];
  for (const p of order.parcels) times.push(p.createdAt, p.cancelledAt, ...p.events.map((e) => e.at));
  for (const p of order.payments)
    times.push(p.createdAt, p.voidedAt, p.expiredAt, p.dispute?.openedAt, ...p.captures.map((c) => c.at));
  for (const r of order.refunds) times.push(r.at);
  for (const r of order.returns) times.push(r.createdAt, r.closedAt);
  return times.filter((t): t is string => t !== undefined).map((t) => Date.parse(t));
}
