import { CARRIERS, HUBS, ORIGINS, type CarrierKey } from './carriers.data';
import { MESSAGES, PATHS, STEP_HOURS } from './parcel-scans.data';
import { int, pick, type Rng } from './random';
import { days, hours, iso, roundToHour } from './time.util';
import {
  type Address,
  type EventLocation,
  type Parcel,
  type ParcelStatus,
  type TrackingEvent,
} from './world.types';

export interface ParcelInput {
  id: number;
  index: number;
  carrier: CarrierKey;
  service?: string;
  trackingNumber?: string;
  items: { lineItemId: number; quantity: number }[];
  /** The status the parcel has reached at the world's anchor. */
  status: ParcelStatus;
  startMs: number;
  anchorMs: number;
  destination: Address;
  cancelled?: boolean;
  omsLacksTracking?: boolean;
  omsMissesLast?: number;
  etaHours?: number;
  lastScanHoursAgo?: number;
}

export function buildParcel(rng: Rng, nextEventId: () => number, input: ParcelInput): Parcel {
  const carrier = CARRIERS[input.carrier];
  const trackingNumber = input.trackingNumber ?? carrier.trackingNumber(rng);
  const path = PATHS[input.status];
  const country = input.destination.countryCode;
  const destination: EventLocation = {
    city: input.destination.city,
    region: input.destination.regionCode,
    postalCode: input.destination.postalCode,
    countryCode: country,
  };

  // Lay the scans out from the start, then squeeze them so the newest is still in the past.
  const offsets: number[] = [];
  let at = 0;
  for (const status of path) {
    const [min, max] = STEP_HOURS[status];
    at += hours(int(rng, min * 60, max * 60) / 60);
    offsets.push(at);
  }
  // A pinned last scan stretches or squeezes the whole sequence to end at that time.
  const pinned = input.lastScanHoursAgo !== undefined && at > 0;
  const endMs = input.anchorMs - hours(pinned ? (input.lastScanHoursAgo ?? 0) : 0.25);
  const room = endMs - input.startMs;
  const scale = pinned || at > room ? Math.max(room, 0) / at : 1;

  let transitSeen = 0;
  const events: TrackingEvent[] = path.map((status, i) => {
    if (status === 'in_transit') transitSeen++;
    const location = locate(status, transitSeen, country, destination);
    return {
      id: nextEventId(),
      at: iso(Math.floor((input.startMs + offsets[i] * scale) / 1000) * 1000),
      status,
      // The first transit scan leaves the warehouse, the next reaches the hub.
      message:
        status === 'in_transit'
          ? MESSAGES.in_transit[transitSeen === 1 ? 0 : 1]
          : pick(rng, MESSAGES[status]),
      ...(location ? { location } : {}),
    };
  });

  const last = events[events.length - 1];
  const shipped = events.find((e) => e.status === 'carrier_picked_up' || e.status === 'in_transit');
  const delivered = events.find((e) => e.status === 'delivered' || e.status === 'picked_up');
  const promised = roundToHour(input.startMs + days(4));
  const stillComing = !delivered && !['failure', 'returned_to_sender', 'lost'].includes(last.status);
  const derived = stillComing ? Math.max(promised, roundToHour(input.anchorMs + days(1))) : promised;
  const estimate =
    input.etaHours !== undefined
      ? input.anchorMs + hours(input.etaHours)
      : derived + (last.status === 'delayed' ? days(1) : 0);

  return {
    id: input.id,
    index: input.index,
    carrier: carrier.name,
    service: input.service ?? pick(rng, carrier.services),
    trackingNumber,
    trackingUrl: carrier.trackingUrl(trackingNumber),
    createdAt: iso(input.startMs),
    items: input.items,
    events,
    status: last.status,
    ...(shipped ? { shippedAt: shipped.at } : {}),
    estimatedDeliveryAt: iso(estimate),
    ...(delivered ? { deliveredAt: delivered.at } : {}),
    ...(input.cancelled ? { cancelledAt: iso(input.startMs + hours(2)) } : {}),
    ...(input.omsLacksTracking ? { omsLacksTracking: true } : {}),
    ...(input.omsMissesLast ? { omsKnownEvents: Math.max(1, events.length - input.omsMissesLast) } : {}),
  };
}

/** Scans happen at the warehouse, then a hub, then the destination city. */
function locate(
  status: ParcelStatus,
  transitSeen: number,
  country: string,
  destination: EventLocation,
): EventLocation | undefined {
  switch (status) {
    case 'label_created':
    case 'label_printed':
    case 'confirmed':
      return undefined;
    case 'carrier_picked_up':
    case 'returned_to_sender':
      return ORIGINS[country];
    case 'in_transit':
      return transitSeen === 1 ? ORIGINS[country] : HUBS[country];
    case 'delayed':
    case 'lost':
      return HUBS[country];
    default:
      return destination;
  }
}
