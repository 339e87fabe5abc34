import { CARRIERS, HUBS, ORIGINS, type CarrierKey } from './carriers.data';
import { int, pick, type Rng } from './random';
import { days, hours, iso, roundToHour } from './time.util';
import {
  type Address,
  type EventLocation,
  type Parcel,
  type ParcelStatus,
  type TrackingEvent,
} from './world.types';

/** How a parcel got to its current status: the usual carrier scan sequence, oldest first. */
const MOVING: ParcelStatus[] = [
  'label_created',
  'confirmed',
  'carrier_picked_up',
  'in_transit',
  'in_transit',
];
const PATHS: Record<ParcelStatus, ParcelStatus[]> = {
  label_created: ['label_created'],
  label_printed: ['label_created', 'label_printed'],
  confirmed: ['label_created', 'confirmed'],
  carrier_picked_up: ['label_created', 'confirmed', 'carrier_picked_up'],
  in_transit: MOVING,
  delayed: [...MOVING, 'delayed'],
  out_for_delivery: [...MOVING, 'out_for_delivery'],
  delivered: [...MOVING, 'out_for_delivery', 'delivered'],
  attempted_delivery: [...MOVING, 'out_for_delivery', 'attempted_delivery'],
  ready_for_pickup: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'ready_for_pickup'],
  picked_up: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'ready_for_pickup', 'picked_up'],
  failure: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'out_for_delivery', 'failure'],
  returned_to_sender: [...MOVING, 'out_for_delivery', 'attempted_delivery', 'failure', 'returned_to_sender'],
  lost: [...MOVING, 'lost'],
};

/** Hours between one scan and the next, by the status reached. */
const STEP_HOURS: Record<ParcelStatus, [number, number]> = {
  label_created: [0, 0],
  label_printed: [1, 3],
  confirmed: [2, 6],
  carrier_picked_up: [4, 12],
  in_transit: [6, 26],
  delayed: [20, 30],
  out_for_delivery: [6, 14],
  delivered: [2, 8],
  attempted_delivery: [2, 8],
  ready_for_pickup: [18, 26],
  picked_up: [20, 50],
  failure: [2, 8],
  returned_to_sender: [48, 96],
  lost: [72, 120],
};

const MESSAGES: Record<ParcelStatus, string[]> = {
  label_created: ['Shipping label created'],
  label_printed: ['Shipping label printed'],
  confirmed: ['Shipment information received by carrier'],
  carrier_picked_up: ['Picked up by carrier'],
  in_transit: ['Departed facility', 'Arrived at sort facility'],
  delayed: ['Delayed: weather conditions in the region', 'Delayed: missed connection at hub'],
  out_for_delivery: ['Out for delivery'],
  delivered: ['Delivered, left at front door', 'Delivered, signed for by recipient', 'Delivered to mailroom'],
  attempted_delivery: ['Delivery attempted: no one available to sign', 'Delivery attempted: business closed'],
  ready_for_pickup: ['Available for pickup at access point'],
  picked_up: ['Picked up by recipient at access point'],
  failure: ['Delivery failed: address could not be found', 'Delivery failed: recipient refused package'],
  returned_to_sender: ['Returned to sender'],
  lost: ['Carrier reports the parcel lost'],
};

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
  const room = input.anchorMs - hours(0.25) - input.startMs;
  const scale = at > room ? Math.max(room, 0) / at : 1;

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
  const estimate = stillComing ? Math.max(promised, roundToHour(input.anchorMs + days(1))) : promised;

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
    estimatedDeliveryAt: iso(last.status === 'delayed' ? estimate + days(1) : estimate),
    ...(delivered ? { deliveredAt: delivered.at } : {}),
    ...(input.cancelled ? { cancelledAt: iso(input.startMs + hours(2)) } : {}),
    ...(input.omsLacksTracking ? { omsLacksTracking: true } : {}),
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
