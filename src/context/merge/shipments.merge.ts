import { type Shipment } from '../../canonical';
import { firstDefined, unionSources } from './sources.merge';

/** Tracking numbers compare without case, spaces or dashes ("1z 999-aa1" is "1Z999AA1"). */
export function trackingKey(trackingNumber: string | undefined): string | undefined {
  const key = trackingNumber?.toUpperCase().replace(/[\s-]/g, '');
  return key || undefined;
}

/**
 * One shipment per tracking number (docs/canonical.md "Merging"): the carrier's tracking is freshest and
 * wins for status, events and dates; the WMS supplies warehouseStatus and tracking numbers before
 * the OMS knows them; the OMS fulfillment is the fallback. Shipments without a tracking number
 * (still in the warehouse) stay as they are.
 */
export function mergeShipments(oms: Shipment[], wms: Shipment[], carrier: Shipment[]): Shipment[] {
  const byKey = new Map<string, Shipment>();
  const untracked: Shipment[] = [];
  const add = (s: Shipment, over: (base: Shipment, s: Shipment) => Shipment) => {
    const key = trackingKey(s.trackingNumber);
    if (!key) return untracked.push(s);
    const base = byKey.get(key);
    byKey.set(key, base ? over(base, s) : s);
  };
  for (const s of oms)
    add(s, (base, next) => ({ ...base, sources: unionSources(base.sources, next.sources) }));
  for (const s of wms) add(s, (base, next) => fromWarehouse(base, next));
  for (const s of carrier) {
    const key = trackingKey(s.trackingNumber);
    const base = key ? byKey.get(key) : undefined;
    // A tracker only refines parcels the shop or the warehouse shipped; it never adds one.
    if (base && key) byKey.set(key, fromCarrier(base, s));
  }
  return [...byKey.values(), ...untracked];
}

/** States a warehouse's own guess (without carrier tracking) must never move a shipment back from. */
const FINAL: ReadonlySet<Shipment['status']> = new Set(['delivered', 'returned_to_sender', 'cancelled']);

function fromWarehouse(base: Shipment, wms: Shipment): Shipment {
  return {
    ...base,
    carrier: firstDefined(base.carrier, wms.carrier),
    service: firstDefined(base.service, wms.service),
    trackingUrl: firstDefined(base.trackingUrl, wms.trackingUrl),
    status:
      wms.status === 'unknown' || (FINAL.has(base.status) && !FINAL.has(wms.status))
        ? base.status
        : wms.status,
    statusDetail: firstDefined(wms.statusDetail, base.statusDetail),
    warehouseStatus: firstDefined(wms.warehouseStatus, base.warehouseStatus),
    shippedAt: firstDefined(wms.shippedAt, base.shippedAt),
    estimatedDeliveryAt: firstDefined(wms.estimatedDeliveryAt, base.estimatedDeliveryAt),
    promisedDeliveryAt: firstDefined(wms.promisedDeliveryAt, base.promisedDeliveryAt),
    deliveredAt: firstDefined(wms.deliveredAt, base.deliveredAt),
    items: firstDefined(base.items, wms.items),
    events: wms.events.length ? wms.events : base.events,
    sources: unionSources(base.sources, wms.sources),
  };
}

function fromCarrier(base: Shipment, carrier: Shipment): Shipment {
  return {
    ...base,
    carrier: firstDefined(base.carrier, carrier.carrier),
    service: firstDefined(carrier.service, base.service),
    trackingUrl: firstDefined(base.trackingUrl, carrier.trackingUrl),
    status: carrier.status !== 'unknown' ? carrier.status : base.status,
    statusDetail: firstDefined(carrier.statusDetail, base.statusDetail),
    shippedAt: firstDefined(carrier.shippedAt, base.shippedAt),
    estimatedDeliveryAt: firstDefined(carrier.estimatedDeliveryAt, base.estimatedDeliveryAt),
    promisedDeliveryAt: firstDefined(carrier.promisedDeliveryAt, base.promisedDeliveryAt),
    deliveredAt: firstDefined(carrier.deliveredAt, base.deliveredAt),
    events: carrier.events.length ? carrier.events : base.events,
    sources: unionSources(base.sources, carrier.sources),
  };
}
