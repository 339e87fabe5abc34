import { createHash } from 'node:crypto';
import {
  type EventLocation,
  type Order,
  type Parcel,
  type TrackingEvent,
  type World,
} from '../../world/world.types';

/**
 * What the carrier-tracking views (EasyPost, AfterShip) share: the parcels of the world as a
 * tracker knows them. A tracker follows every parcel that has a tracking number, whatever the OMS
 * knows (parcels with `omsLacksTracking` and parcels of `omsMissing` orders included).
 */
export interface TrackedParcel {
  order: Order;
  parcel: Parcel;
}

export function trackedParcels(world: World): TrackedParcel[] {
  return world.orders.flatMap((order) => order.parcels.map((parcel) => ({ order, parcel })));
}

/** A fixed-length lower-case hex id, the same for the same purpose and number on every run. */
export function hexId(purpose: string, n: number, length = 32): string {
  return createHash('sha256').update(`${purpose}:${n}`).digest('hex').slice(0, length);
}

/** The time of the parcel's last change: its newest scan, or the label's cancellation. */
export function lastChange(parcel: Parcel): string {
  const newest = parcel.events[parcel.events.length - 1]?.at ?? parcel.createdAt;
  return parcel.cancelledAt && parcel.cancelledAt > newest ? parcel.cancelledAt : newest;
}

/** The first scan of one of these kinds, if any (delivery attempts, for instance). */
export function firstEvent(parcel: Parcel, kinds: readonly string[]): TrackingEvent | undefined {
  return parcel.events.find((e) => kinds.includes(e.status));
}

/** Where the parcel left from: the first scan with a place. */
export function originOf(parcel: Parcel): EventLocation | undefined {
  return parcel.events.find((e) => e.location)?.location;
}

const COUNTRIES: Record<string, { iso3: string; name: string }> = {
  AE: { iso3: 'ARE', name: 'United Arab Emirates' },
  CA: { iso3: 'CAN', name: 'Canada' },
  DE: { iso3: 'DEU', name: 'Germany' },
  FR: { iso3: 'FRA', name: 'France' },
  GB: { iso3: 'GBR', name: 'United Kingdom' },
  JP: { iso3: 'JPN', name: 'Japan' },
  KW: { iso3: 'KWT', name: 'Kuwait' },
  NL: { iso3: 'NLD', name: 'Netherlands' },
  US: { iso3: 'USA', name: 'United States' },
};

/** ISO 3166-1 alpha-3 and English name of a world (alpha-2) country code. */
export function country(code: string): { iso3: string; name: string } {
  return COUNTRIES[code] ?? { iso3: code, name: code };
}
