import { type ActionView } from '../../actions/action-request.schema';
import { PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from './common-problems';
import { type OperationExamples } from './operation-examples';

/**
 * requestOrderAction and getAction: the help desk refunds order 1037 in full after USPS lost the
 * parcel (under its 100.00 USD limit, so it runs at once), then polls the action until Shopify has
 * refunded it.
 */

const ACTION_ID = '3f6c1d2e-8b4a-4f7e-9c21-5a0d7e4b9f13';

const REFUND = {
  type: 'refund',
  amount: { amount: '74.91', currency: 'USD' },
  reason: 'Parcel lost by USPS',
} as const;

const ACCEPTED: ActionView = {
  id: ACTION_ID,
  status: 'queued',
  type: 'refund',
  orderNumber: '1037',
  connector: 'shopify',
  params: { amount: '74.91', currency: 'USD', reason: 'Parcel lost by USPS' },
  attempts: 0,
  maxAttempts: 6,
  createdAt: '2026-12-03T16:02:11.204Z',
  updatedAt: '2026-12-03T16:02:11.204Z',
};

const SUCCEEDED: ActionView = {
  ...ACCEPTED,
  status: 'succeeded',
  attempts: 1,
  result: {
    externalId: 'gid://shopify/Refund/9100037',
    url: 'https://admin.shopify.com/store/sandbox-shop/orders/5001037',
    summary: 'Shopify refunded 74.91 USD on order #1037.',
  },
  updatedAt: '2026-12-03T16:02:12.877Z',
  finishedAt: '2026-12-03T16:02:12.877Z',
};

export const ACTIONS_EXAMPLES: Record<string, OperationExamples> = {
  requestOrderAction: {
    parameters: { orderNumber: '1037', 'Idempotency-Key': '5d0c2a8e-7f41-4b9e-a3d6-1e2f9c8b7a60' },
    request: REFUND,
    responses: {
      '202': ACCEPTED,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'Send an Idempotency-Key header with each action request.',
        code: 'invalid_request',
        errors: [{ path: 'headers.idempotency-key', message: 'the Idempotency-Key header is required' }],
        requestId: 'e61e4bc4-cb46-410b-a105-9f4e56014142',
      },
      '404': {
        type: 'https://context-hub.dev/problems/not_found',
        title: 'Not found',
        status: 404,
        detail: 'No route POST /v1/orders/10/37/actions',
        code: 'not_found',
        requestId: '4f65b4e1-e3d1-4644-adf4-1e1796a57f6f',
      },
      '409': {
        type: 'https://context-hub.dev/problems/idempotency_key_reused',
        title: 'Conflict',
        status: 409,
        detail:
          'This Idempotency-Key was already used with a different order or body. Use a new key for a new action.',
        code: 'idempotency_key_reused',
        actionId: ACTION_ID,
        requestId: '8ebb0172-6d1b-4998-8301-b1a0d45059b2',
      },
      '413': PAYLOAD_TOO_LARGE,
      '415': UNSUPPORTED_MEDIA_TYPE,
      '422': {
        type: 'https://context-hub.dev/problems/action_not_supported',
        title: 'Action not supported',
        status: 422,
        detail: 'Connector "easypost" (easypost) cannot perform refund.',
        code: 'action_not_supported',
        requestId: '39bed676-b192-4c3e-ab5c-58507cca3496',
      },
      '503': {
        type: 'https://context-hub.dev/problems/remedies_unknown',
        title: 'Service unavailable',
        status: 503,
        detail:
          'The remedies already granted on order 1037 cannot be read now, so a new one cannot be decided; try again shortly.',
        code: 'remedies_unknown',
        requestId: '5b1e0f3a-2c7d-4e9b-8a61-d4f2c3b5a7e9',
      },
    },
  },

  getAction: {
    parameters: { id: ACTION_ID },
    responses: {
      '200': SUCCEEDED,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'id: must be an action id (a UUID)',
        code: 'invalid_request',
        errors: [{ path: 'id', message: 'must be an action id (a UUID)' }],
        requestId: 'a4ef7ebe-e49f-4a3d-9849-05bbaf456a68',
      },
      '404': {
        type: 'https://context-hub.dev/problems/action_not_found',
        title: 'Not found',
        status: 404,
        detail: 'No action 6f1c2a1e-8a7b-4c1e-9b55-0d8a3f2e4c11.',
        code: 'action_not_found',
        requestId: '09906073-107f-450e-9056-e962deabfaf3',
      },
    },
  },
};
