import { type z } from 'zod';
import { type AuditPageSchema } from '../../audit/audit.schemas';
import { type OperationExamples } from './operation-examples';

/**
 * listAuditEvents: an admin asks who touched order 1037 through the help desk's key: it read the
 * order's context, then refunded it.
 */

const PAGE: z.infer<typeof AuditPageSchema> = {
  events: [
    {
      id: '635c03f0-d9cf-4244-82f8-03e42ecf3c47',
      at: '2026-12-03T16:02:11.221Z',
      apiKey: 'demo-helpdesk',
      method: 'POST',
      route: '/v1/orders/:orderNumber/actions',
      subjectType: 'order',
      subject: '1037',
      status: 202,
      outcome: 'ok',
      requestId: '8d5e875e-1b8e-4cff-a5c2-b19e29489efe',
      latencyMs: 18,
    },
    {
      id: '77d17128-c2a3-4a03-b037-794b99a2f97a',
      at: '2026-12-03T15:54:27.441Z',
      apiKey: 'demo-helpdesk',
      method: 'GET',
      route: '/v1/orders/:orderNumber/context',
      subjectType: 'order',
      subject: '1037',
      status: 200,
      outcome: 'ok',
      requestId: '2b7118f4-3d8a-4ff4-a0e7-f6f8f4f7969a',
      latencyMs: 52,
    },
  ],
  total: 2,
  limit: 50,
  offset: 0,
};

export const AUDIT_EXAMPLES: Record<string, OperationExamples> = {
  listAuditEvents: {
    parameters: {
      apiKey: 'demo-helpdesk',
      subjectType: 'order',
      orderNumber: '1037',
      from: '2026-12-01T00:00:00Z',
      to: '2026-12-04T00:00:00Z',
      limit: 50,
      offset: 0,
    },
    responses: {
      '200': PAGE,
      '400': {
        type: 'https://context-hub.dev/problems/invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: 'orderNumber: give at most one of orderNumber, email, phone',
        code: 'invalid_request',
        errors: [{ path: 'orderNumber', message: 'give at most one of orderNumber, email, phone' }],
        requestId: '43dcb997-a216-42ac-bfbe-0ab28c5c2818',
      },
    },
  },
};
