import { type Order, type OrderFragment, type Payment, type Shipment } from '../../canonical';
import { mergeShipments } from './shipments.merge';
import { firstDefined, unionSources } from './sources.merge';

export interface OrderParts {
  /** The order management system's order (first OMS that answered). */
  oms: Order | null;
  /** What the warehouse knows of it. */
  wms: OrderFragment[];
  /** What the payment provider knows of it. */
  payments: OrderFragment[];
  /** Live tracking from carrier aggregators. */
  tracking: Shipment[];
}

/**
 * One order from every system's view of it (docs/canonical.md "Merging"). The OMS is the base; when it
 * does not know the order (or failed), the warehouse's fragment stands in with what it knows.
 */
export function mergeOrder(parts: OrderParts): Order | null {
  const base = parts.oms ?? fromFragments([...parts.wms, ...parts.payments]);
  if (!base) return null;
  const wms = parts.wms.filter((f) => f !== undefined);
  const shipments = mergeShipments(
    parts.oms?.shipments ?? [],
    wms.flatMap((f) => f.shipments ?? []),
    parts.tracking,
  );
  const fragmentOf = (f: OrderFragment) => ({
    customer: f.customer,
    shippingAddress: f.shippingAddress,
    placedAt: f.placedAt,
    lineItems: f.lineItems,
  });
  const fill = [...wms, ...parts.payments].map(fragmentOf);
  return {
    ...base,
    placedAt: firstDefined(parts.oms?.placedAt, ...fill.map((f) => f.placedAt)) ?? base.placedAt,
    customer: firstDefined(parts.oms?.customer, ...fill.map((f) => f.customer)),
    shippingAddress: firstDefined(parts.oms?.shippingAddress, ...fill.map((f) => f.shippingAddress)),
    lineItems: parts.oms?.lineItems ?? fill.find((f) => f.lineItems?.length)?.lineItems ?? [],
    shipments,
    payments: mergePayments(
      parts.oms?.payments ?? [],
      parts.payments.flatMap((f) => f.payments ?? []),
    ),
    sources: unionSources(
      base.sources,
      ...wms.map((f) => f.sources),
      ...parts.payments.map((f) => f.sources),
    ),
  };
}

const FAILED: ReadonlySet<Payment['status']> = new Set(['failed', 'canceled']);

/**
 * The payment provider's record wins over the OMS's copy of the same payment. They share no id, so
 * an OMS payment of the same amount, currency and outcome (both went through, or both failed) is
 * taken to be the same money; a declined card attempt never stands in for the PayPal payment that
 * followed it. OMS payments the provider does not know (PayPal, manual) stay.
 */
export function mergePayments(oms: Payment[], provider: Payment[]): Payment[] {
  if (provider.length === 0) return oms;
  const claimed = new Set<Payment>();
  const keep = oms.filter((p) => {
    const twin = provider.find(
      (q) =>
        !claimed.has(q) &&
        q.amount.amount === p.amount.amount &&
        q.amount.currency === p.amount.currency &&
        FAILED.has(q.status) === FAILED.has(p.status),
    );
    if (!twin) return true;
    claimed.add(twin);
    return false;
  });
  return [...provider, ...keep];
}

/**
 * An order only the warehouse or the payment provider knows: what they say, and `unknown` for what
 * they cannot. When no fragment says when it was placed, the first payment's time stands in.
 */
function fromFragments(fragments: OrderFragment[]): Order | null {
  const fragment = fragments.find((f) => f.placedAt) ?? fragments[0];
  if (!fragment) return null;
  const paidAt = fragments
    .flatMap((f) => f.payments ?? [])
    .map((p) => p.createdAt)
    .sort()[0];
  const placedAt = fragment.placedAt ?? paidAt;
  if (!placedAt) return null;
  return {
    id: fragment.id ?? fragment.sources[0]?.id ?? fragment.number,
    number: fragment.number,
    placedAt,
    status: fragment.status ?? 'open',
    financialStatus: fragment.financialStatus ?? 'unknown',
    fulfillmentStatus: fragment.fulfillmentStatus ?? 'unknown',
    currency: fragment.currency ?? fragments.flatMap((f) => f.payments ?? [])[0]?.amount.currency,
    totals: fragment.totals ?? {},
    customer: fragment.customer,
    shippingAddress: fragment.shippingAddress,
    lineItems: fragment.lineItems ?? [],
    shipments: [],
    payments: [],
    returns: fragment.returns ?? [],
    tags: fragment.tags ?? [],
    sources: fragment.sources,
  };
}
