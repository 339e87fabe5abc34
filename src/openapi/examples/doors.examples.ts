import { type GladlyAnswer } from '../../doors/gladly/gladly-lookup.schema';
import { PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from './common-problems';
import { INITIALIZE_REQUEST, ORDER_CANVAS, OVERVIEW_CANVAS, SUBMIT_REQUEST } from './intercom-canvases';
import { type OperationExamples } from './operation-examples';

/**
 * gladlyLookup, intercomInitialize and intercomSubmit: the help desks that call the hub themselves,
 * signed with their own secrets. Gladly fetches Benjamin Carter's profile with order 1037; Intercom
 * shows his orders, then order 1037.
 */

const BENJAMIN_IN_GLADLY: GladlyAnswer = {
  results: [
    {
      externalCustomerId: 'benjamin.carter@example.com',
      name: 'Benjamin Carter',
      address: '180 N Michigan Ave, Chicago, IL 60601, US',
      emails: [{ original: 'benjamin.carter@example.com' }],
      phones: [{ original: '+12125550178' }],
      customAttributes: {
        lifetimeValue: '$551.97',
        ordersCount: '5',
        openCases: '1',
        flags: 'Order 1037: Shipment 9400772087805493362083 reports a delivery exception.',
        escalate: 'yes',
        escalationReasons: 'Order 1037: Shipment 9400772087805493362083 reports a delivery exception.',
        policy:
          '#1037 Where is my order? (lost-in-transit): reship · refund $74.91 (approval) · escalate to carrier-claims',
        remediesGranted: '',
        unavailableSystems: '',
      },
      transactions: [
        {
          type: 'ORDER',
          orderNumber: '1037',
          orderStatus: 'Shipped',
          orderTotal: '$74.91',
          currencyCode: 'USD',
          createdAt: '2026-11-19T22:36:12Z',
          orderLink: 'https://admin.shopify.com/store/sandbox-shop/orders/5001037',
          itemCount: '2',
          products: [
            {
              id: 'gid://shopify/LineItem/13100048',
              name: 'Insulated Steel Bottle (750 ml)',
              sku: 'BTL-STL-750',
              quantity: '1',
              unitPrice: '$34.00',
              status: 'fulfilled',
            },
            {
              id: 'gid://shopify/LineItem/13100049',
              name: 'Organic Cotton Tee (White / L)',
              sku: 'TEE-ORG-WHT-L',
              quantity: '1',
              unitPrice: '$28.00',
              status: 'fulfilled',
            },
          ],
          fulfillments: [
            {
              status: 'Exception',
              carrier: 'USPS',
              trackingNumber: '9400772087805493362083',
              trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400772087805493362083',
              estimatedDeliveryDate: '2026-11-24T11:00:00Z',
              productIds: ['gid://shopify/LineItem/13100048', 'gid://shopify/LineItem/13100049'],
            },
          ],
        },
      ],
    },
  ],
};

/** What Intercom's two URLs answer alike when the request is not one the hub takes. */
const INTERCOM_REFUSALS = {
  '400': {
    type: 'https://context-hub.dev/problems/invalid_request',
    title: 'Invalid request',
    status: 400,
    detail: "Body is not valid JSON but content-type is set to 'application/json'",
    code: 'invalid_request',
    requestId: '6aff7f7b-5bde-402a-ab4b-8766f698eea0',
  },
  '401': {
    type: 'https://context-hub.dev/problems/door_unauthorized',
    title: 'Unauthorized',
    status: 401,
    detail: 'Intercom: the signature does not match the body',
    code: 'door_unauthorized',
    reason: 'signature_invalid',
    requestId: 'a7a6d11f-cafb-4e2b-82c9-6cb20774c433',
  },
  '404': {
    type: 'https://context-hub.dev/problems/door_not_configured',
    title: 'Door not configured',
    status: 404,
    detail: 'The Intercom door is off: set doors.intercom in the config (docs/doors/intercom.md).',
    code: 'door_not_configured',
    requestId: 'c730d72b-1322-4b0c-85de-46c31ddec5c3',
  },
  '413': PAYLOAD_TOO_LARGE,
  '415': UNSUPPORTED_MEDIA_TYPE,
};

export const DOORS_EXAMPLES: Record<string, OperationExamples> = {
  gladlyLookup: {
    request: {
      lookupLevel: 'DETAILED',
      uniqueMatchRequired: true,
      query: {
        externalCustomerId: 'benjamin.carter@example.com',
        emails: ['benjamin.carter@example.com'],
      },
    },
    responses: {
      '200': BENJAMIN_IN_GLADLY,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'not a Gladly lookup',
        code: 'invalid_request',
        errors: [{ path: 'lookupLevel', message: 'Invalid option: expected one of "BASIC"|"DETAILED"' }],
        requestId: '2442c4c9-ee66-4d08-93b7-7daca3d31931',
      },
      '401': {
        type: 'https://context-hub.dev/problems/door_unauthorized',
        title: 'Unauthorized',
        status: 401,
        detail: 'Gladly: the Basic credentials are wrong',
        code: 'door_unauthorized',
        reason: 'credentials_invalid',
        requestId: '550fac24-4ecd-4e6f-a680-161b5a3b41d5',
      },
      '404': {
        type: 'https://context-hub.dev/problems/door_not_configured',
        title: 'Door not configured',
        status: 404,
        detail: 'The Gladly door is off: set doors.gladly in the config (docs/doors/gladly.md).',
        code: 'door_not_configured',
        requestId: '2f1c1854-0b28-4b74-9d58-295fe97977b3',
      },
      '413': PAYLOAD_TOO_LARGE,
      '415': UNSUPPORTED_MEDIA_TYPE,
    },
  },

  intercomInitialize: {
    request: INITIALIZE_REQUEST,
    responses: { '200': OVERVIEW_CANVAS, ...INTERCOM_REFUSALS },
  },

  intercomSubmit: {
    request: SUBMIT_REQUEST,
    responses: { '200': ORDER_CANVAS, ...INTERCOM_REFUSALS },
  },
};
