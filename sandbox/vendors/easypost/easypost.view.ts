import { type Address, type EventLocation, type Parcel, type World } from '../../world/world.types';
import { firstEvent, hexId, lastChange, originOf, trackedParcels } from '../tracking/tracking.world';
import { CANCELLED, CARRIER_CODES, FINAL, TRACKER_STATUS } from './easypost.status';

export type EasyPostTracker = Record<string, unknown> & {
  id: string;
  tracking_code: string;
  carrier: string;
};

/** The world as EasyPost's Tracker API shows it, built once at start and only read after. */
export interface EasyPostView {
  /** Newest first, as `GET /v2/trackers` lists them. */
  trackers: EasyPostTracker[];
  byId: Map<string, EasyPostTracker>;
  byCode: Map<string, EasyPostTracker[]>;
}

export function buildEasyPostView(world: World): EasyPostView {
  const trackers = trackedParcels(world)
    .map(({ order, parcel }) => trackerView(parcel, order.shippingAddress))
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)) || a.id.localeCompare(b.id));
  const byCode = new Map<string, EasyPostTracker[]>();
  for (const t of trackers) byCode.set(t.tracking_code, [...(byCode.get(t.tracking_code) ?? []), t]);
  return { trackers, byId: new Map(trackers.map((t) => [t.id, t])), byCode };
}

/** https://docs.easypost.com/docs/trackers (Tracker, TrackingDetail, CarrierDetail, TrackingLocation) */
function trackerView(parcel: Parcel, to: Address): EasyPostTracker {
  const id = `trk_${hexId('easypost-tracker', parcel.id)}`;
  const carrier = CARRIER_CODES[parcel.carrier] ?? parcel.carrier.replace(/\s+/g, '');
  const current = parcel.cancelledAt ? CANCELLED : TRACKER_STATUS[parcel.status];
  const destination: EventLocation = {
    city: to.city,
    region: to.regionCode,
    postalCode: to.postalCode,
    countryCode: to.countryCode,
  };
  const origin = originOf(parcel);
  const attempt = firstEvent(parcel, ['attempted_delivery', 'delivered', 'picked_up']);
  return {
    id,
    object: 'Tracker',
    mode: 'test',
    tracking_code: parcel.trackingNumber,
    status: current.status,
    status_detail: current.detail,
    created_at: parcel.createdAt,
    updated_at: lastChange(parcel),
    signed_by: null,
    weight: null,
    est_delivery_date: parcel.estimatedDeliveryAt ?? null,
    shipment_id: null,
    carrier,
    tracking_details: parcel.events.map((e) => ({
      object: 'TrackingDetail',
      message: e.message,
      description: '',
      status: TRACKER_STATUS[e.status].status,
      status_detail: TRACKER_STATUS[e.status].detail,
      datetime: e.at,
      source: carrier,
      carrier_code: null,
      tracking_location: location(e.location),
    })),
    carrier_detail: {
      object: 'CarrierDetail',
      service: parcel.service,
      container_type: null,
      est_delivery_date_local: parcel.estimatedDeliveryAt?.slice(0, 10) ?? null,
      est_delivery_time_local: null,
      origin_location: origin ? place(origin) : null,
      origin_tracking_location: origin ? location(origin) : null,
      destination_location: place(destination),
      destination_tracking_location: location(destination),
      guaranteed_delivery_date: null,
      alternate_identifier: null,
      initial_delivery_attempt: attempt?.at ?? null,
    },
    finalized: FINAL.has(current.status),
    is_return: false,
    // EasyPost's public pages are track.easypost.com/<base64 of "v1:<tracker id>">.
    public_url: `https://track.easypost.com/${Buffer.from(`v1:${id}`).toString('base64url')}`,
    fees: [],
  };
}

function location(l: EventLocation | undefined) {
  return {
    object: 'TrackingLocation',
    city: l?.city ?? null,
    state: l?.region ?? null,
    country: l?.countryCode ?? null,
    zip: l?.postalCode ?? null,
  };
}

/** "RENO NV, 89502": EasyPost's presentation string. */
function place(l: EventLocation): string {
  return `${[l.city, l.region].filter(Boolean).join(' ').toUpperCase()}${l.postalCode ? `, ${l.postalCode}` : ''}`;
}
