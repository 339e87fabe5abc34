import { type TaskView } from '../../tasks/task.schemas';
import { type OperationExamples } from './operation-examples';

/**
 * listTasks, getTask, claimTask and resolveTask: the help desk asked to refund order 1050 in full,
 * 255.96 USD, above its 100.00 USD limit, so the refund waits for the back office's approval; Dana
 * Reyes claims the task and approves it.
 */

const TASK_ID = 'c7e1a9b2-4d6f-4a8c-b0e3-9f5d2c1a7e48';
const DANA = 'dana.reyes@example.com';

const OPEN: TaskView = {
  id: TASK_ID,
  kind: 'refund_approval',
  status: 'open',
  connector: 'shopify',
  system: 'oms',
  title: 'Approve: Refund 255.96 USD on order #1050 (shopify, requested by demo-helpdesk)',
  whatFailed:
    'Not a failure: 255.96 USD is above the 100.00 USD API key "demo-helpdesk" may refund or credit without approval.',
  instructions:
    'Before deciding, look at what was paid and what was already refunded: Open Shopify admin → Orders and ' +
    'search for #1050; read status, payment and fulfillment there. Then resolve this task as "approved" (the ' +
    'hub sends the refund to shopify) or "rejected" (nothing is refunded). A key cannot approve its own refund.',
  url: 'https://admin.shopify.com/store/sandbox-shop/orders?query=%231050',
  actionId: '8a2e4f60-1c3b-4d5e-9f7a-2b6c8d0e1f34',
  orderNumber: '1050',
  allowedOutcomes: ['approved', 'rejected'],
  createdAt: '2026-12-03T16:10:04.512Z',
  updatedAt: '2026-12-03T16:10:04.512Z',
};

const CLAIMED: TaskView = {
  ...OPEN,
  status: 'claimed',
  claimedBy: DANA,
  claimedKey: 'demo-backoffice',
  claimedAt: '2026-12-03T16:14:37.090Z',
  updatedAt: '2026-12-03T16:14:37.090Z',
};

const RESOLVED: TaskView = {
  ...CLAIMED,
  status: 'resolved',
  allowedOutcomes: [],
  resolvedBy: DANA,
  resolvedAt: '2026-12-03T16:21:52.318Z',
  outcome: 'approved',
  note: 'Return received at the warehouse on 2026-12-02.',
  updatedAt: '2026-12-03T16:21:52.318Z',
};

const TASK_NOT_FOUND = {
  type: 'https://context-hub.dev/problems/task_not_found',
  title: 'Not found',
  status: 404,
  detail: 'No task 6f1c2a1e-8a7b-4c1e-9b55-0d8a3f2e4c11.',
  code: 'task_not_found',
  requestId: '7464dcd6-1087-4689-9130-d27913083679',
};

const NOT_A_TASK_ID = {
  type: 'https://context-hub.dev/problems/invalid_request',
  title: 'Invalid request',
  status: 400,
  detail: 'id: must be a task id (a UUID)',
  code: 'invalid_request',
  errors: [{ path: 'id', message: 'must be a task id (a UUID)' }],
  requestId: '045070c9-7968-42b1-901d-fd57ab3b2cac',
};

export const TASKS_EXAMPLES: Record<string, OperationExamples> = {
  listTasks: {
    parameters: {
      status: 'active',
      connector: 'shopify',
      kind: 'refund_approval',
      orderNumber: '1050',
      limit: 20,
      offset: 0,
    },
    responses: {
      '200': { tasks: [OPEN], total: 1, limit: 20, offset: 0 },
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'limit: Too big: expected number to be <=200',
        code: 'invalid_request',
        errors: [{ path: 'limit', message: 'Too big: expected number to be <=200' }],
        requestId: '019481ec-05b2-4639-a9ea-eb38e1355bbd',
      },
    },
  },

  getTask: {
    parameters: { id: TASK_ID },
    responses: { '200': OPEN, '400': NOT_A_TASK_ID, '404': TASK_NOT_FOUND },
  },

  claimTask: {
    parameters: { id: TASK_ID },
    request: { by: DANA },
    responses: {
      '200': CLAIMED,
      '400': NOT_A_TASK_ID,
      '404': TASK_NOT_FOUND,
      '409': {
        type: 'https://context-hub.dev/problems/task_not_open',
        title: 'Conflict',
        status: 409,
        detail: `Task ${TASK_ID} is already claimed by ${DANA} (API key demo-backoffice).`,
        code: 'task_not_open',
        claimedBy: DANA,
        claimedKey: 'demo-backoffice',
        claimedAt: '2026-12-03T16:14:37.090Z',
        requestId: 'c7137f01-29c1-4f24-9a2f-b216e3a0dba7',
      },
    },
  },

  resolveTask: {
    parameters: { id: TASK_ID },
    request: { outcome: 'approved', note: 'Return received at the warehouse on 2026-12-02.', by: DANA },
    responses: {
      '200': RESOLVED,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'A refund_approval task resolves as approved or rejected.',
        code: 'invalid_request',
        errors: [{ path: 'outcome', message: 'must be one of approved, rejected' }],
        requestId: '9dcfbd64-70ff-4833-9e97-4c5007995ec7',
      },
      '403': {
        type: 'https://context-hub.dev/problems/insufficient_scope',
        title: 'Forbidden',
        status: 403,
        detail: 'API key "demo-backoffice" lacks the scope admin, which "override" needs.',
        code: 'insufficient_scope',
        requestId: 'e17915a8-9bd8-495b-ad19-a2f17a1b8860',
      },
      '404': TASK_NOT_FOUND,
      '409': {
        type: 'https://context-hub.dev/problems/task_claimed_by_other',
        title: 'Conflict',
        status: 409,
        detail:
          `Task ${TASK_ID} is claimed by ${DANA} (API key demo-backoffice); only they can resolve it ` +
          '(you are sam.okafor@example.com through API key demo-backoffice). An admin key may resolve it ' +
          'anyway with "override": true.',
        code: 'task_claimed_by_other',
        claimedBy: DANA,
        claimedKey: 'demo-backoffice',
        claimedAt: '2026-12-03T16:14:37.090Z',
        requestId: '9d5797d4-7f30-43cb-94bf-b57a7cf4fbfe',
      },
    },
  },
};
