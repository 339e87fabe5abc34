import { type Order, type Shipment } from '../../canonical';
import { type Insights } from '../../insights/insights.schema';
import { orderStage } from '../../insights/order-stage';
import { formatMoney } from '../../money';
import { decisionWords } from '../../playbooks/decision-words';
import { type CanvasComponent } from './intercom-canvas.schema';
import { day, link, md, STAGE_WORDS, words } from './intercom-text';

/** An order with its own insights (flags, return eligibility), as the canvases show it. */
export interface OrderView {
  order: Order;
  insights: Insights;
}

/** Parcels listed one by one on an order's canvas; more are counted (the canvas has a size limit). */
const PARCELS = 10;

/** One line per parcel: carrier, tracking number linked to the carrier's page, status, dates. */
function shipmentLine(s: Shipment): string {
  const tracking = s.trackingNumber ? link(s.trackingNumber, s.trackingUrl) : 'Parcel';
  const parts = [
    [s.carrier ? md(s.carrier) : undefined, tracking].filter(Boolean).join(' '),
    words(s.status),
    s.deliveredAt
      ? `delivered ${day(s.deliveredAt)}`
      : s.estimatedDeliveryAt
        ? `expected ${day(s.estimatedDeliveryAt)}`
        : undefined,
  ];
  return parts.filter(Boolean).join(' · ');
}

/** "**#1037** · On its way · $83.99": the order's first line. */
export function orderHeadline(order: Order): string {
  const total = order.totals.total ? formatMoney(order.totals.total) : undefined;
  return [`**#${md(order.number)}**`, STAGE_WORDS[orderStage(order)], total].filter(Boolean).join(' · ');
}

function returnText(insights: Insights): string | undefined {
  const r = insights.returnEligibility;
  if (!r) return undefined;
  return r.eligible && r.until ? `Eligible until ${day(r.until)}` : `Not eligible: ${r.reason}`;
}

/**
 * An order as a teammate reads it: headline, a table (placed, payment, fulfilment, return
 * eligibility, flags), each live parcel with its tracking link, and a link to the order in the
 * system that holds it.
 */
export function orderSection(view: OrderView): CanvasComponent[] {
  const { order, insights } = view;
  const refunded =
    order.totals.refunded && !/^0+(\.0+)?$/.test(order.totals.refunded.amount)
      ? order.totals.refunded
      : undefined;
  const rows: [string, string | undefined][] = [
    ['Placed', day(order.placedAt)],
    ['Payment', words(order.financialStatus)],
    ['Fulfilment', words(order.fulfillmentStatus)],
    ['Refunded', refunded ? formatMoney(refunded) : undefined],
    ['Return', returnText(insights)],
    ['Flags', insights.flags.map((f) => f.message).join('; ') || undefined],
    // What the playbooks let support offer, the same decision every channel gets (docs/playbooks.md).
    ['Policy', insights.decisions?.map(decisionWords).join('; ') || undefined],
  ];
  const components: CanvasComponent[] = [
    { type: 'text', text: orderHeadline(order), bottom_margin: 'none' },
    {
      type: 'data-table',
      items: rows
        .filter((r): r is [string, string] => Boolean(r[1]))
        .map(([field, value]) => ({ type: 'field-value', field, value: value.slice(0, 300) })),
    },
  ];
  const parcels = order.shipments.filter((p) => p.status !== 'cancelled');
  for (const s of parcels.slice(0, PARCELS)) {
    components.push({ type: 'text', text: shipmentLine(s), bottom_margin: 'none' });
  }
  if (parcels.length > PARCELS) {
    components.push({ type: 'text', style: 'muted', text: `and ${parcels.length - PARCELS} more parcels` });
  }
  const admin = order.sources.find((s) => s.url);
  if (admin) {
    components.push({
      type: 'text',
      style: 'muted',
      text: link(`Open #${order.number} in ${admin.connector}`, admin.url),
    });
  }
  return components;
}
