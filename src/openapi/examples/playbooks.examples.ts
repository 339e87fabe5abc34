import { type RemediesAnswer } from '../../playbooks/remedies.schemas';
import { type OperationExamples } from './operation-examples';
import { CONTEXT_EXAMPLES } from './context.examples';
import { LOST_1037_DECISION } from './shared-answers';

/**
 * getOrderRemedies on the sandbox: order 1037, which USPS lost (nine days past its estimate, in an
 * exception), decided by the where-is-my-order playbook without anyone reporting it.
 */
const ORDER_1037_REMEDIES: RemediesAnswer = {
  orderNumber: '1037',
  channel: 'agent',
  decisions: [LOST_1037_DECISION],
  facts: {
    situation: null,
    flags: ['delivery_exception', 'delivery_overdue'],
    stage: 'in_transit',
    order: {
      number: '1037',
      status: 'open',
      financialStatus: 'paid',
      fulfillmentStatus: 'fulfilled',
      currency: 'USD',
      total: 74.91,
      refunded: 0,
      tags: [],
    },
    customer: { tags: [], orders: 5 },
    items: [
      { sku: 'BTL-STL-750', title: 'Insulated Steel Bottle', quantity: 1, unitPrice: 34, value: 34 },
      { sku: 'TEE-ORG-WHT-L', title: 'Organic Cotton Tee', quantity: 1, unitPrice: 28, value: 28 },
    ],
    itemsValue: 62,
    shipments: [{ status: 'exception', carrier: 'USPS' }],
    daysSinceDelivery: null,
    daysPastEstimate: 9,
    daysSinceShipped: 12,
    returnEligible: false,
    priorCases: 2,
    openCases: 1,
    granted: { count: 0, remedies: [] },
  },
  errors: [],
};

const orderContext = CONTEXT_EXAMPLES.getOrderContext.responses;

export const PLAYBOOKS_EXAMPLES: Record<string, OperationExamples> = {
  getOrderRemedies: {
    parameters: { orderNumber: '1037', channel: 'agent' },
    responses: {
      '200': ORDER_1037_REMEDIES,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'Order 1001 has no item NOPE-1.',
        code: 'invalid_request',
        errors: [{ path: 'skus', message: 'not on the order: NOPE-1' }],
        requestId: '6abd1012-7e84-4542-8324-ac6c8c650973',
      },
      '404': orderContext['404'],
      '503': orderContext['503'],
    },
  },
};
