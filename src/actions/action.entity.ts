import { EntitySchema } from 'typeorm';
import { type ActionResult, type ActionType } from '../connectors/contract';
import { type DatabaseKind, timestampType } from '../database/column-types';

export const ACTION_STATUSES = [
  'queued',
  'running',
  'retrying',
  'succeeded',
  'failed',
  'manual',
  'cancelled',
] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
export const FINAL_ACTION_STATUSES: ReadonlySet<ActionStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export interface ActionError {
  code: string;
  message: string;
  at: string;
}

/** Who closed an action by hand (through its task), when, and how it ended. */
export interface ActionResolution {
  by: string;
  at: string;
  outcome: string;
  note?: string;
}

/** The playbook decision an action carries out, as the hub checked it on accepting the action. */
export interface ActionDecision {
  playbook: string;
  rule: string;
  situation: string;
  /** The remedy offered; absent for a note that records the decision. */
  remedy?: string;
}

/** One row of `hub_actions`: a write requested through the API, from 202 to its final state. */
export interface ActionRow {
  id: string;
  apiKeyName: string;
  idempotencyKey: string;
  /** sha256 of the order number and the body: the same key with another body is a 409. */
  requestHash: string;
  orderNumber: string;
  type: ActionType;
  connector: string;
  /** What the connector needs (ActionRequest params), as JSON: scalars and a replacement's items. */
  params: Record<string, string | number | boolean | { sku: string; quantity?: number }[]>;
  status: ActionStatus;
  attempts: number;
  maxAttempts: number;
  lastError: ActionError | null;
  result: ActionResult | null;
  taskId: string | null;
  resolution: ActionResolution | null;
  decision: ActionDecision | null;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export const ACTION_ENTITY = 'Action';

/** The table as TypeORM sees it; column types depend on the database (see timestampType). */
export function actionEntity(kind: DatabaseKind): EntitySchema<ActionRow> {
  const ts = timestampType(kind);
  return new EntitySchema<ActionRow>({
    name: ACTION_ENTITY,
    tableName: 'hub_actions',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      apiKeyName: { name: 'api_key_name', type: 'varchar', length: 100 },
      idempotencyKey: { name: 'idempotency_key', type: 'varchar', length: 255 },
      requestHash: { name: 'request_hash', type: 'varchar', length: 64 },
      orderNumber: { name: 'order_number', type: 'varchar', length: 64 },
      type: { type: 'varchar', length: 20 },
      connector: { type: 'varchar', length: 40 },
      params: { type: 'simple-json' },
      status: { type: 'varchar', length: 20 },
      attempts: { type: 'integer', default: 0 },
      maxAttempts: { name: 'max_attempts', type: 'integer' },
      lastError: { name: 'last_error', type: 'simple-json', nullable: true },
      result: { type: 'simple-json', nullable: true },
      taskId: { name: 'task_id', type: 'varchar', length: 36, nullable: true },
      resolution: { type: 'simple-json', nullable: true },
      decision: { type: 'simple-json', nullable: true },
      createdAt: { name: 'created_at', type: ts },
      updatedAt: { name: 'updated_at', type: ts },
      startedAt: { name: 'started_at', type: ts, nullable: true },
      finishedAt: { name: 'finished_at', type: ts, nullable: true },
    },
    uniques: [{ name: 'uq_hub_actions_key', columns: ['apiKeyName', 'idempotencyKey'] }],
    indices: [
      { name: 'ix_hub_actions_status', columns: ['status', 'updatedAt'] },
      { name: 'ix_hub_actions_created', columns: ['createdAt'] },
      { name: 'ix_hub_actions_key_created', columns: ['apiKeyName', 'createdAt'] },
      { name: 'ix_hub_actions_order', columns: ['orderNumber', 'createdAt'] },
    ],
  });
}
