import { randomUUID } from 'node:crypto';
import { type ActionRow } from '../../src/actions/action.entity';

/** A queued note action on order 1001, as the intake stores it; `over` changes what a test needs. */
export function actionRow(over: Partial<ActionRow> = {}): ActionRow {
  const now = new Date();
  return {
    id: randomUUID(),
    apiKeyName: 'helpdesk',
    idempotencyKey: randomUUID(),
    requestHash: 'h'.repeat(64),
    orderNumber: '1001',
    type: 'note',
    connector: 'shopify',
    params: { text: 'hello', author: 'helpdesk' },
    status: 'queued',
    attempts: 0,
    maxAttempts: 3,
    lastError: null,
    result: null,
    taskId: null,
    resolution: null,
    decision: null,
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    ...over,
  };
}
