import { toDecimal } from '../world/currency.util';
import { type World } from '../world/world.types';
import { displayFinancialStatus, displayFulfillmentStatus } from '../vendors/shopify/shopify.status';

export interface OrderListing {
  number: string;
  name: string;
  scenario: string;
  currency: string;
  total: string;
  customerEmail: string;
  /** Shopify's display statuses (the OMS's view of the order). */
  financialStatus: string;
  fulfillmentStatus: string;
  cancelReason: string | null;
  parcels: { carrier: string; trackingNumber: string; status: string }[];
  /** Later: true when only the WMS has this order. */
  omsMissing: boolean;
}

/** GET /_sandbox/world/orders: one line per order, to find the one a test or a demo needs. */
export function listOrders(world: World): OrderListing[] {
  return world.orders.map((o) => ({
    number: String(o.number),
    name: `#${o.number}`,
    scenario: o.scenario,
    currency: o.currency,
    total: toDecimal(o.total, o.currency),
    customerEmail: o.email,
    financialStatus: displayFinancialStatus(o),
    fulfillmentStatus: displayFulfillmentStatus(o),
    cancelReason: o.cancellation?.reason.toUpperCase() ?? null,
    parcels: o.parcels.map((p) => ({
      carrier: p.carrier,
      trackingNumber: p.trackingNumber,
      status: p.cancelledAt ? 'cancelled' : p.status,
    })),
    omsMissing: Boolean(o.omsMissing),
  }));
}
