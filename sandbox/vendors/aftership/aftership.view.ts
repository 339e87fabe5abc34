import { type EventLocation, type Order, type Parcel, type World } from '../../world/world.types';
import { country, firstEvent, hexId, lastChange, originOf, trackedParcels } from '../tracking/tracking.world';
import { EXPIRED, FINAL, SLUGS, TAGS } from './aftership.status';

export type AfterShipTracking = Record<string, unknown> & {
  id: string;
  tracking_number: string;
  slug: string;
  tag: string;
};

/** The world as AfterShip's Tracking API (2025-01) shows it, built once at start and only read after. */
export interface AfterShipView {
  /** Newest first, as `GET /trackings` lists them. */
  trackings: AfterShipTracking[];
  byId: Map<string, AfterShipTracking>;
  byNumber: Map<string, AfterShipTracking[]>;
  /** Position in `trackings`, to keep a filtered list newest first. */
  rank: Map<string, number>;
}

export function buildAfterShipView(world: World): AfterShipView {
  const trackings = trackedParcels(world)
    .map(({ order, parcel }) => trackingView(parcel, order, world.shop.handle))
    .sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)) || a.id.localeCompare(b.id));
  const byNumber = new Map<string, AfterShipTracking[]>();
  for (const t of trackings) byNumber.set(t.tracking_number, [...(byNumber.get(t.tracking_number) ?? []), t]);
  return {
    trackings,
    byId: new Map(trackings.map((t) => [t.id, t])),
    byNumber,
    rank: new Map(trackings.map((t, i) => [t.id, i])),
  };
}

/** AfterShip prints times with an offset ("2025-11-02T14:40:00+00:00"). */
const withOffset = (at: string) => at.replace(/Z$/, '+00:00');
/** Pickup and delivery dates are the carrier's local time without an offset; the sandbox's are UTC. */
const local = (at: string | undefined) => (at ? at.replace(/Z$/, '') : null);

/** https://www.aftership.com/docs/tracking/2025-01/model/tracking */
function trackingView(parcel: Parcel, order: Order, shopHandle: string): AfterShipTracking {
  const slug = SLUGS[parcel.carrier] ?? parcel.carrier.toLowerCase().replace(/\s+/g, '-');
  const current = parcel.cancelledAt ? EXPIRED : TAGS[parcel.status];
  const to = order.shippingAddress;
  const from = originOf(parcel);
  const attempt = firstEvent(parcel, ['attempted_delivery', 'delivered', 'picked_up']);
  const transitEnd = parcel.deliveredAt ?? lastChange(parcel);
  return {
    id: hexId('aftership-tracking', parcel.id),
    legacy_id: hexId('aftership-legacy', parcel.id, 24),
    created_at: withOffset(parcel.createdAt),
    updated_at: withOffset(lastChange(parcel)),
    tracking_number: parcel.trackingNumber,
    slug,
    active: !FINAL.has(current.tag),
    custom_fields: null,
    transit_time: parcel.shippedAt
      ? Math.max(0, Math.round((Date.parse(transitEnd) - Date.parse(parcel.shippedAt)) / 86_400_000))
      : null,
    origin_country_region: from ? country(from.countryCode).iso3 : null,
    origin_state: from?.region ?? null,
    origin_city: from?.city ?? null,
    origin_postal_code: from?.postalCode ?? null,
    origin_raw_location: from ? rawLocation(from) : null,
    destination_country_region: country(to.countryCode).iso3,
    destination_state: to.regionCode ?? to.region ?? null,
    destination_city: to.city,
    destination_postal_code: to.postalCode,
    destination_raw_location: null,
    courier_destination_country_region: country(to.countryCode).iso3,
    courier_estimated_delivery_date: parcel.estimatedDeliveryAt
      ? {
          estimated_delivery_date: withOffset(parcel.estimatedDeliveryAt),
          estimated_delivery_date_min: null,
          estimated_delivery_date_max: null,
        }
      : null,
    note: null,
    order_id: String(order.number),
    order_id_path: null,
    order_number: `#${order.number}`,
    order_date: withOffset(order.placedAt),
    shipment_package_count: 1,
    shipment_pickup_date: local(parcel.shippedAt),
    shipment_delivery_date: local(parcel.deliveredAt),
    shipment_type: parcel.service,
    shipment_weight: null,
    signed_by: null,
    customers: [
      {
        role: 'receiver',
        name: to.name,
        phone_number: order.phone ?? null,
        email: order.email,
        language: 'en',
      },
    ],
    source: 'api',
    ...current,
    title: `#${order.number}`,
    tracked_count: parcel.events.length,
    last_mile: null,
    language: 'en',
    return_to_sender: parcel.status === 'returned_to_sender',
    order_promised_delivery_date: null,
    delivery_type: null,
    pickup_location: null,
    pickup_note: null,
    courier_tracking_link: parcel.trackingUrl,
    first_attempted_at: attempt ? withOffset(attempt.at) : null,
    courier_redirect_link: null,
    tracking_account_number: null,
    tracking_key: null,
    tracking_ship_date: parcel.shippedAt?.slice(0, 10).replace(/-/g, '') ?? null,
    on_time_status: null,
    on_time_difference: null,
    order_tags: [],
    aftership_estimated_delivery_date: null,
    custom_estimated_delivery_date: null,
    first_estimated_delivery: null,
    latest_estimated_delivery: parcel.estimatedDeliveryAt
      ? {
          type: 'specific',
          source: 'Carrier EDD',
          datetime: withOffset(parcel.estimatedDeliveryAt),
          datetime_min: null,
          datetime_max: null,
          revise_reason: null,
        }
      : null,
    shipment_tags: [],
    courier_connection_id: null,
    first_mile: null,
    carbon_emissions: null,
    location_id: null,
    shipping_method: null,
    failed_delivery_attempts: parcel.events.filter((e) => e.status === 'attempted_delivery').length,
    signature_requirement: null,
    delivery_location_type: null,
    aftership_tracking_url: `https://${shopHandle}.aftership.com/${parcel.trackingNumber}`,
    aftership_tracking_order_url: null,
    checkpoints: parcel.events.map((e) => ({
      created_at: withOffset(e.at),
      slug,
      checkpoint_time: withOffset(e.at),
      location: e.location ? rawLocation(e.location) : null,
      city: e.location?.city ?? null,
      state: e.location?.region ?? null,
      zip: e.location?.postalCode ?? null,
      coordinate: null,
      country_region: e.location ? country(e.location.countryCode).iso3 : null,
      country_region_name: e.location ? country(e.location.countryCode).name : null,
      message: e.message,
      ...TAGS[e.status],
      raw_tag: null,
      events: [],
      source: 'carrier',
    })),
  };
}

/** "Reno, NV, 89502, USA, United States": AfterShip's raw location string. */
function rawLocation(l: EventLocation): string {
  const c = country(l.countryCode);
  return [l.city, l.region, l.postalCode, c.iso3, c.name].filter(Boolean).join(', ');
}
