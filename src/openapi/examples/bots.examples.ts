import { type ShipmentStatusResponse } from '../../shipments/shipment-status.schemas';
import { type OperationExamples } from './operation-examples';

/**
 * getShipmentStatus: what a customer-facing bot gets for order 1037 (the parcel USPS lost), with no
 * personal or payment data, and the answers that turn it away.
 */

const fetchedAt = '2026-12-03T15:54:27.388Z';

const LOST_PARCEL: ShipmentStatusResponse = {
  orderNumber: '1037',
  status: 'exception',
  message:
    'The carrier reported a problem delivering order 1037; a member of our team will follow up with you.',
  locale: 'en',
  shipments: [
    {
      carrier: 'USPS',
      trackingNumber: '9400772087805493362083',
      trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400772087805493362083',
      status: 'exception',
      estimatedDeliveryAt: '2026-11-24T11:00:00Z',
      lastEvent: {
        at: '2026-11-26T06:12:12Z',
        description: 'Carrier reports the parcel lost',
        location: 'Louisville, KY, USA',
      },
    },
  ],
  escalate: true,
  escalationReasons: ['delivery_exception'],
  // The where-is-my-order playbook counts the parcel lost; of its remedies a bot may offer the claim.
  offers: [
    {
      remedy: 'escalate',
      team: 'carrier-claims',
      approval: false,
      situation: 'where_is_my_order',
      rule: 'lost-in-transit',
    },
  ],
  sources: [
    { connector: 'shopify', system: 'oms', status: 'ok', fetchedAt, ageSeconds: 4 },
    { connector: 'shipbob', system: 'wms', status: 'ok', fetchedAt, ageSeconds: 4 },
    { connector: 'easypost', system: 'shipping', status: 'ok', fetchedAt, ageSeconds: 4 },
    { connector: 'stripe', system: 'payments', status: 'ok', fetchedAt, ageSeconds: 4 },
    { connector: 'zendesk', system: 'crm', status: 'skipped' },
  ],
};

export const BOTS_EXAMPLES: Record<string, OperationExamples> = {
  getShipmentStatus: {
    parameters: {
      orderNumber: '1037',
      email: 'benjamin.carter@example.com',
      postalCode: '60601',
      locale: 'en',
      'Accept-Language': 'en-US, en;q=0.9, de;q=0.5',
    },
    responses: {
      '200': LOST_PARCEL,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'email: give email or postalCode as the second factor',
        code: 'invalid_request',
        errors: [{ path: 'email', message: 'give email or postalCode as the second factor' }],
        requestId: 'a7edc5cd-c231-4f33-8b5a-fd29fc84a133',
      },
      '404': {
        type: 'https://context-hub.dev/problems/order_not_found',
        title: 'Order not found',
        status: 404,
        detail: 'No order matches this order number and second factor.',
        code: 'order_not_found',
        requestId: 'e2e55a56-3050-46d0-881b-f423f90bf549',
      },
      '503': {
        type: 'https://context-hub.dev/problems/sources_unavailable',
        title: 'Sources unavailable',
        status: 503,
        detail: 'Shipment status cannot be checked right now.',
        code: 'sources_unavailable',
        sources: [
          { connector: 'shopify', system: 'oms', status: 'unavailable', error: { code: 'timeout' } },
          {
            connector: 'shipbob',
            system: 'wms',
            status: 'unavailable',
            error: { code: 'upstream_unavailable' },
          },
        ],
        requestId: '532fa0a5-cea8-4057-b461-1641dc92a42f',
      },
    },
  },
};
