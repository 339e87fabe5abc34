import { PRODUCTS } from '../../world/products.data';

/** ShipBob ids for world entities: plain integers in ranges that look like ShipBob's. */
export const shipbobIds = {
  order: (orderNumber: number) => 287_000_000 + orderNumber,
  /** A parcel is one shipment. */
  parcelShipment: (parcelId: number) => 195_000_000 + parcelId,
  /** What no parcel carries yet waits in one more shipment of the order. */
  pendingShipment: (orderNumber: number) => 196_000_000 + orderNumber,
  product: (sku: string) => 61_800_000 + catalogIndex(sku),
  inventory: (sku: string) => 20_100_000 + catalogIndex(sku),
};
export const SANDBOX_CHANNEL_ID = 104_571;

function catalogIndex(sku: string): number {
  const i = PRODUCTS.findIndex((p) => p.sku === sku);
  return i === -1 ? 999 : i + 1;
}

export type Json = Record<string, unknown>;

/** ShipBob prints offsets, not "Z": 2025-06-01T12:00:00+00:00. */
export function sbTime(iso: string | undefined): string | null {
  return iso ? iso.replace(/Z$/, '+00:00') : null;
}
