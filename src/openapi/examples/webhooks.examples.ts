import { type z } from 'zod';
import { type WebhookReceiptSchema } from '../../webhooks/webhooks.dto';
import { PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from './common-problems';
import { type OperationExamples } from './operation-examples';

/**
 * receiveVendorWebhook: Shopify tells the hub that order 1037's fulfillment failed (the parcel USPS
 * lost); the hub queues it, acknowledges a repeat, and refuses what it cannot verify.
 */

type Receipt = z.infer<typeof WebhookReceiptSchema>;

const DELIVERY_ID = 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043';

/** Shopify's own fulfillments/update event (its REST shape), as Shopify signed it. */
const FULFILLMENT_UPDATE = {
  id: 4400026,
  order_id: 5001037,
  name: '#1037.1',
  status: 'success',
  shipment_status: 'failure',
  tracking_company: 'USPS',
  tracking_number: '9400772087805493362083',
  tracking_numbers: ['9400772087805493362083'],
  tracking_url: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400772087805493362083',
  updated_at: '2026-11-26T06:12:12Z',
};

const QUEUED: Receipt = {
  status: 'queued',
  connector: 'shopify',
  deliveryId: DELIVERY_ID,
  kind: 'fulfillments/update',
};

const DUPLICATE: Receipt = { status: 'duplicate', connector: 'shopify', deliveryId: DELIVERY_ID };

export const WEBHOOKS_EXAMPLES: Record<string, OperationExamples> = {
  receiveVendorWebhook: {
    parameters: { connectorId: 'shopify' },
    request: FULFILLMENT_UPDATE,
    responses: {
      '200': DUPLICATE,
      '202': QUEUED,
      '400': {
        type: 'https://context-hub.dev/problems/webhook_payload_invalid',
        title: 'Webhook payload invalid',
        status: 400,
        detail: 'Shopify: no X-Shopify-Webhook-Id header',
        code: 'webhook_payload_invalid',
        requestId: '5fa055a6-2b88-4be6-a2b6-7b3672613f84',
      },
      '401': {
        type: 'https://context-hub.dev/problems/webhook_signature_invalid',
        title: 'Webhook signature invalid',
        status: 401,
        detail: 'Shopify: X-Shopify-Hmac-Sha256 does not match the body',
        code: 'webhook_signature_invalid',
        reason: 'signature_invalid',
        requestId: '6f7bb0ae-3796-4988-adba-293a9dc7d8d2',
      },
      '404': {
        type: 'https://context-hub.dev/problems/connector_not_found',
        title: 'Unknown connector',
        status: 404,
        detail: 'No connector "shopfiy" is configured.',
        code: 'connector_not_found',
        requestId: '0050e645-a730-4c8c-a840-61e4d460b4d8',
      },
      '413': PAYLOAD_TOO_LARGE,
      '415': UNSUPPORTED_MEDIA_TYPE,
      '503': {
        type: 'https://context-hub.dev/problems/webhook_queue_unavailable',
        title: 'Webhook queue unavailable',
        status: 503,
        detail: 'The webhook queue did not answer in time; retry later.',
        code: 'webhook_queue_unavailable',
        requestId: '4a443600-3247-487c-9cc2-2ee2bac02fad',
      },
    },
  },
};
