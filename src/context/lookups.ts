import { type Customer, type Shipment, type SupportCase } from '../canonical';
import { type ConnectorRegistry } from '../connectors/connector.registry';
import { type CustomerRef, type SystemKind, type TrackingRef } from '../connectors/contract';
import { type Fanout, valueOf } from './fanout';
import { mergeCases, mergeCustomers } from './merge/customer.merge';
import { trackingKey } from './merge/shipments.merge';

/** Who knows a person best: the shop, then the help desk, then the payment provider. */
const CUSTOMER_PRECEDENCE: readonly SystemKind[] = ['oms', 'crm', 'payments', 'wms', 'shipping'];

/** Live tracking of every parcel that has a tracking number, from every tracker (one call each). */
export async function trackShipments(
  run: Fanout,
  connectors: ConnectorRegistry,
  shipments: Shipment[],
): Promise<Shipment[]> {
  const refs = new Map<string, TrackingRef>();
  for (const s of shipments) {
    const key = trackingKey(s.trackingNumber);
    if (key && s.status !== 'cancelled' && !refs.has(key))
      refs.set(key, { trackingNumber: s.trackingNumber!, carrier: s.carrier });
  }
  if (refs.size === 0) return [];
  const trackers = connectors.withCapability('shipments.byTracking');
  const results = await Promise.all(trackers.map((c) => run.tracking(c, [...refs.values()])));
  return results.flatMap((r) => valueOf(r) ?? []);
}

/** The person from every system that can look them up, merged (identity by email, else phone). */
export async function findCustomer(
  run: Fanout,
  connectors: ConnectorRegistry,
  who: CustomerRef,
  /** Only these systems (all when absent). */
  systems?: readonly SystemKind[],
): Promise<Customer | null> {
  if (!who.email && !who.phone) return null;
  const asked = connectors
    .all()
    .filter((c) => !systems || systems.includes(c.system))
    .filter((c) => (who.email && c.customersByEmail) || (who.phone && c.customersByPhone))
    .sort((a, b) => CUSTOMER_PRECEDENCE.indexOf(a.system) - CUSTOMER_PRECEDENCE.indexOf(b.system));
  const results = await Promise.all(asked.map((c) => run.customer(c, who)));
  const found = results.map((r) => valueOf(r)).filter((c): c is Customer => Boolean(c));
  return mergeCustomers(found, who);
}

/** Support cases from every help desk, newest first. */
export async function findCases(
  run: Fanout,
  connectors: ConnectorRegistry,
  who: CustomerRef,
): Promise<SupportCase[]> {
  if (!who.email && !who.phone) return [];
  const desks = connectors.withCapability('cases.byCustomer');
  const results = await Promise.all(desks.map((c) => run.cases(c, who)));
  return mergeCases(results.map((r) => valueOf(r) ?? []));
}
