import { type Address, type Customer, type Order, type Shipment, type ShipmentStatus } from '../../canonical';
import { type CustomerContext, type SourceStatus } from '../../context/context.schemas';
import { orderStage } from '../../insights/order-stage';
import { decisionWords } from '../../playbooks/decision-words';
import { formatMoney } from '../../money';
import { type GladlyCustomer, type GladlyOrder } from './gladly-lookup.schema';

/** How an order stands, as an agent reads it on Gladly's order card. */
const STAGE_LABEL: Record<ReturnType<typeof orderStage>, string> = {
  pre_fulfillment: 'Not yet shipped',
  in_warehouse: 'In the warehouse',
  in_transit: 'Shipped',
  delivered: 'Delivered',
  returned: 'Returned',
  cancelled: 'Cancelled',
};

const SHIPMENT_LABEL: Record<ShipmentStatus, string> = {
  pending: 'Pending',
  info_received: 'Label created',
  in_transit: 'In transit',
  out_for_delivery: 'Out for delivery',
  available_for_pickup: 'Ready for pickup',
  failed_attempt: 'Delivery attempt failed',
  delivered: 'Delivered',
  exception: 'Exception',
  returned_to_sender: 'Returned to sender',
  expired: 'Tracking expired',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};

const OPEN_CASES = new Set(['new', 'open', 'pending', 'on_hold']);

/**
 * The key the hub finds a person by again: their email, else their phone (E.164). Gladly sends it
 * back as `externalCustomerId` in DETAILED lookups.
 */
export function externalIdOf(customer: Pick<Customer, 'email' | 'phone'>): string | undefined {
  return customer.email ?? customer.phone;
}

function oneLine(a: Address | undefined): string | undefined {
  if (!a) return undefined;
  const cityLine = [a.city, [a.region, a.postalCode].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const parts = [a.line1, a.line2, cityLine, a.countryCode].filter((p): p is string => Boolean(p));
  return parts.length ? parts.join(', ') : undefined;
}

/** A BASIC answer: who the person is, enough for Gladly to link the right profile. */
export function basicResult(customer: Customer, address?: Address): GladlyCustomer | undefined {
  const externalCustomerId = externalIdOf(customer);
  if (!externalCustomerId) return undefined;
  return {
    externalCustomerId,
    ...(customer.name ? { name: customer.name } : {}),
    ...(oneLine(address) ? { address: oneLine(address) } : {}),
    ...(customer.email ? { emails: [{ original: customer.email }] } : {}),
    ...(customer.phone ? { phones: [{ original: customer.phone }] } : {}),
  };
}

function fulfillment(order: Order, s: Shipment): GladlyOrder['fulfillments'][number] {
  const skus = new Set((s.items ?? []).map((i) => i.sku).filter(Boolean));
  return {
    status: SHIPMENT_LABEL[s.status],
    ...(s.carrier ? { carrier: s.carrier } : {}),
    ...(s.trackingNumber ? { trackingNumber: s.trackingNumber } : {}),
    ...(s.trackingUrl ? { trackingUrl: s.trackingUrl } : {}),
    ...(s.estimatedDeliveryAt ? { estimatedDeliveryDate: s.estimatedDeliveryAt } : {}),
    ...(s.deliveredAt ? { deliveredAt: s.deliveredAt } : {}),
    productIds: order.lineItems.filter((l) => l.sku && skus.has(l.sku)).map((l) => l.id),
  };
}

/** An ORDER transaction card: strings throughout, money with its currency symbol. */
export function orderTransaction(order: Order): GladlyOrder {
  const live = order.shipments.filter((s) => s.status !== 'cancelled');
  return {
    type: 'ORDER',
    orderNumber: order.number,
    orderStatus: STAGE_LABEL[orderStage(order)],
    ...(order.totals.total ? { orderTotal: formatMoney(order.totals.total) } : {}),
    ...(order.currency ? { currencyCode: order.currency } : {}),
    createdAt: order.placedAt,
    ...(order.sources.find((s) => s.url) ? { orderLink: order.sources.find((s) => s.url)!.url } : {}),
    itemCount: String(order.lineItems.reduce((n, l) => n + l.quantity, 0)),
    ...(order.note ? { note: order.note } : {}),
    products: order.lineItems.map((l) => ({
      id: l.id,
      name: l.variant ? `${l.title} (${l.variant})` : l.title,
      ...(l.sku ? { sku: l.sku } : {}),
      quantity: String(l.quantity),
      ...(l.unitPrice ? { unitPrice: formatMoney(l.unitPrice) } : {}),
      status:
        l.fulfilledQuantity === undefined
          ? 'unknown'
          : l.fulfilledQuantity >= l.quantity
            ? 'fulfilled'
            : l.fulfilledQuantity > 0
              ? 'partially fulfilled'
              : 'unfulfilled',
    })),
    fulfillments: live.map((s) => fulfillment(order, s)),
  };
}

/** A source that could not answer live, as an agent reads it: "stripe (unavailable)". */
function notLive(sources: readonly SourceStatus[]): string {
  return sources
    .filter((s) => s.status === 'unavailable' || s.status === 'stale' || s.status === 'partial')
    .map((s) => `${s.connector} (${s.status})`)
    .join(', ');
}

/**
 * Flat-string attributes of a DETAILED answer. Every key is always sent: "" clears what Gladly
 * showed before (a flag that no longer holds), where an omitted key would keep it.
 */
export function customAttributes(context: CustomerContext): Record<string, string> {
  const { customer, cases, insights, orders, sources } = context;
  return {
    lifetimeValue: customer?.totalSpent ? formatMoney(customer.totalSpent) : '',
    ordersCount: String(customer?.ordersCount ?? orders.length),
    openCases: String(cases.filter((c) => OPEN_CASES.has(c.status)).length),
    flags: insights.flags.map((f) => f.message).join('; '),
    escalate: insights.escalate ? 'yes' : 'no',
    escalationReasons: insights.escalationReasons.join('; '),
    // What the playbooks let support offer, per order: "#1037 Where is my order? (lost-in-transit): …".
    policy: (insights.decisions ?? []).map((d) => `#${d.orderNumber} ${decisionWords(d)}`).join('; '),
    remediesGranted: (context.remedies ?? [])
      .map(
        (r) =>
          `#${r.orderNumber} ${r.remedy.replace('_', ' ')}${r.amount ? ` ${formatMoney(r.amount)}` : ''} (${r.status})`,
      )
      .join('; '),
    unavailableSystems: notLive(sources),
  };
}

/** A DETAILED answer: the linked person, their attributes and their orders as transaction cards. */
export function detailedResult(externalCustomerId: string, context: CustomerContext): GladlyCustomer {
  const basic = context.customer
    ? basicResult(context.customer, context.orders[0]?.shippingAddress)
    : undefined;
  return {
    ...basic,
    externalCustomerId,
    customAttributes: customAttributes(context),
    transactions: context.orders.map(orderTransaction),
  };
}
