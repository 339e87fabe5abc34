import { type OrderContext, type SourceStatus } from '../../context/context.schemas';
import { NO_API_KEY, EITHER_EMAIL_OR_PHONE } from './common-problems';
import { type OperationExamples } from './operation-examples';
import { allAnswered, BENJAMIN, CASE_LOST_PARCEL, ORDER_1037 } from './sandbox-records';
import { ALICE_CONTEXT, CUSTOMERS_UNAVAILABLE, LOST_1037_DECISION } from './shared-answers';

/**
 * getOrderContext and getCustomerContext: order 1037 (lost by USPS, escalates) as a help desk sees
 * it, Alice Martin's customer view, and what each refusal looks like.
 */

const ORDER_1037_CONTEXT: OrderContext = {
  order: ORDER_1037,
  customer: BENJAMIN,
  cases: [CASE_LOST_PARCEL],
  insights: {
    orderStage: 'in_transit',
    flags: [
      {
        code: 'delivery_exception',
        severity: 'critical',
        message: 'Shipment 9400772087805493362083 reports a delivery exception.',
      },
      {
        code: 'delivery_overdue',
        severity: 'warning',
        message: 'Shipment 9400772087805493362083 was expected by 2026-11-24T11:00:00Z and has not arrived.',
      },
    ],
    returnEligibility: {
      eligible: false,
      reason: 'Not delivered yet; the 30-day return window starts at delivery.',
    },
    escalate: true,
    escalationReasons: ['Shipment 9400772087805493362083 reports a delivery exception.'],
    decisions: [LOST_1037_DECISION],
  },
  remedies: [],
  sources: allAnswered('2026-12-03T15:54:27.388Z'),
  generatedAt: '2026-12-03T15:54:27.437Z',
};

/** The order systems each said they do not know order 1099; the others were not asked. */
const NOT_FOUND_SOURCES: SourceStatus[] = [
  {
    connector: 'shopify',
    system: 'oms',
    status: 'not_found',
    fetchedAt: '2026-12-03T15:54:40.378Z',
    ageSeconds: 0,
    latencyMs: 7,
  },
  {
    connector: 'shipbob',
    system: 'wms',
    status: 'not_found',
    fetchedAt: '2026-12-03T15:54:40.380Z',
    ageSeconds: 0,
    latencyMs: 9,
  },
  {
    connector: 'stripe',
    system: 'payments',
    status: 'not_found',
    fetchedAt: '2026-12-03T15:54:40.381Z',
    ageSeconds: 0,
    latencyMs: 10,
  },
  { connector: 'zendesk', system: 'crm', status: 'skipped' },
];

/** Shopify timed out and ShipBob answered 503: nobody could say whether order 1037 exists. */
const ORDER_SOURCES_DOWN: SourceStatus[] = [
  {
    connector: 'shopify',
    system: 'oms',
    status: 'unavailable',
    latencyMs: 2001,
    error: { code: 'timeout', message: 'shopify did not answer within the request deadline' },
    fallback: {
      instructions:
        'Open Shopify admin → Orders and search for #1037; read status, payment and fulfillment there.',
      url: 'https://admin.shopify.com/store/sandbox-shop/orders?query=%231037',
    },
  },
  {
    connector: 'shipbob',
    system: 'wms',
    status: 'unavailable',
    latencyMs: 118,
    error: { code: 'upstream_unavailable', message: 'ShipBob answered HTTP 503' },
    fallback: {
      instructions:
        'Open ShipBob → Orders and search for 1037 (the store order number); the order page lists each ' +
        'shipment with its status, tracking number and fulfillment center.',
      url: 'https://web.shipbob.com/app/merchant/#/order-shipment-management/orders',
    },
  },
];

export const CONTEXT_EXAMPLES: Record<string, OperationExamples> = {
  getOrderContext: {
    parameters: { orderNumber: '1037', email: 'benjamin.carter@example.com' },
    responses: {
      '200': ORDER_1037_CONTEXT,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'orderNumber: must be the order number the customer sees, e.g. 1001 or #1001',
        code: 'invalid_request',
        errors: [
          { path: 'orderNumber', message: 'must be the order number the customer sees, e.g. 1001 or #1001' },
        ],
        requestId: 'b480512a-4b9a-4599-a037-00ff1d4d1b9c',
      },
      '401': NO_API_KEY,
      '403': {
        type: 'https://context-hub.dev/problems/insufficient_scope',
        title: 'Forbidden',
        status: 403,
        detail: 'API key "demo-bot" lacks the scope context:read.',
        code: 'insufficient_scope',
        requestId: '7908c806-384a-473e-9334-14691d27a2f3',
      },
      '404': {
        type: 'https://context-hub.dev/problems/order_not_found',
        title: 'Order not found',
        status: 404,
        detail: 'No system knows order 1099: shopify, shipbob, stripe each said so.',
        code: 'order_not_found',
        sources: NOT_FOUND_SOURCES,
        requestId: '99a2b888-7df8-44fc-97af-a3e07834a063',
      },
      '503': {
        type: 'https://context-hub.dev/problems/sources_unavailable',
        title: 'Sources unavailable',
        status: 503,
        detail:
          'Order 1037 is unknown to the systems that answered, and shopify, shipbob could not be asked, so the ' +
          'hub cannot tell whether it exists; see sources[].fallback for what to do by hand.',
        code: 'sources_unavailable',
        sources: ORDER_SOURCES_DOWN,
        requestId: '9211c721-51d3-4954-be41-53bea8955dc8',
      },
    },
  },

  getCustomerContext: {
    parameters: { email: 'alice.martin@example.com', limit: 1 },
    responses: {
      '200': ALICE_CONTEXT,
      '400': EITHER_EMAIL_OR_PHONE,
      '404': {
        type: 'https://context-hub.dev/problems/customer_not_found',
        title: 'Customer not found',
        status: 404,
        detail: 'No system knows this customer.',
        code: 'customer_not_found',
        sources: [
          {
            connector: 'shopify',
            system: 'oms',
            status: 'ok',
            fetchedAt: '2026-12-03T15:54:40.453Z',
            ageSeconds: 0,
            latencyMs: 10,
          },
          {
            connector: 'zendesk',
            system: 'crm',
            status: 'not_found',
            fetchedAt: '2026-12-03T15:54:40.463Z',
            ageSeconds: 0,
            latencyMs: 18,
          },
        ],
        requestId: 'd0f76fb4-d0c5-4405-91d3-5353d4197fa4',
      },
      '503': CUSTOMERS_UNAVAILABLE,
    },
  },
};
