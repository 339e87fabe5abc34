import { Connection } from '../../graphql/connection';
import { type Order, type Parcel } from '../../world/world.types';
import { gid, ids } from './shopify.ids';
import { EVENT_STATUS, fulfillmentDisplayStatus } from './shopify.status';

/** World parcels → Shopify Fulfillment objects (https://shopify.dev/docs/api/admin-graphql/latest/objects/Fulfillment). */
export function fulfillmentsView(order: Order, lineItemsById: Map<number, object>) {
  // A parcel the warehouse shipped without telling the OMS yet is no Shopify fulfillment (a WMS scenario).
  return order.parcels
    .filter((parcel) => !parcel.omsLacksTracking)
    .map((parcel) => fulfillmentView(order, parcel, lineItemsById));
}

function fulfillmentView(order: Order, parcel: Parcel, lineItemsById: Map<number, object>) {
  // When the OMS's tracking went stale it shows the parcel as of the last scan it received.
  const known = parcel.events.slice(0, parcel.omsKnownEvents ?? parcel.events.length);
  const events = parcel.cancelledAt ? known.slice(0, 1) : known;
  const inTransit = events.find((e) => e.status === 'in_transit');
  const last = events[events.length - 1];
  return {
    __typename: 'Fulfillment',
    ...ids('Fulfillment', parcel.id),
    name: `#${order.number}.${parcel.index}`,
    // FulfillmentStatus: the fulfillment itself succeeded or was cancelled; delivery is displayStatus.
    status: parcel.cancelledAt ? 'CANCELLED' : 'SUCCESS',
    displayStatus: fulfillmentDisplayStatus(last.status, Boolean(parcel.cancelledAt)),
    createdAt: parcel.createdAt,
    updatedAt: parcel.cancelledAt ?? last.at,
    inTransitAt: inTransit?.at ?? null,
    deliveredAt: parcel.cancelledAt ? null : (parcel.deliveredAt ?? null),
    estimatedDeliveryAt:
      parcel.cancelledAt || parcel.deliveredAt ? null : (parcel.estimatedDeliveryAt ?? null),
    totalQuantity: parcel.items.reduce((sum, i) => sum + i.quantity, 0),
    requiresShipping: true,
    service: { __typename: 'FulfillmentService', handle: 'manual', serviceName: 'Manual' },
    trackingInfo: [
      {
        __typename: 'FulfillmentTrackingInfo',
        company: parcel.carrier,
        number: parcel.trackingNumber,
        url: parcel.trackingUrl,
      },
    ],
    fulfillmentLineItems: new Connection(
      'FulfillmentLineItemConnection',
      parcel.items.map((item, i) => ({
        __typename: 'FulfillmentLineItem',
        id: gid('FulfillmentLineItem', parcel.id * 100 + i),
        quantity: item.quantity,
        lineItem: lineItemsById.get(item.lineItemId) ?? null,
      })),
    ),
    events: new Connection(
      'FulfillmentEventConnection',
      events.map((e) => ({
        __typename: 'FulfillmentEvent',
        id: gid('FulfillmentEvent', e.id),
        status: EVENT_STATUS[e.status],
        happenedAt: e.at,
        createdAt: e.at,
        message: e.message,
        city: e.location?.city ?? null,
        province: e.location?.region ?? null,
        zip: e.location?.postalCode ?? null,
        country: e.location?.countryCode ?? null,
        estimatedDeliveryAt: null,
        latitude: null,
        longitude: null,
      })),
    ),
  };
}
