import { EntitySchema } from 'typeorm';
import { type SystemKind } from '../connectors/contract';
import { type DatabaseKind, timestampType } from '../database/column-types';

/**
 * - `action_failed`: an action ran out of attempts or the vendor refused it; do it by hand.
 * - `action_unknown_outcome`: a write may or may not have landed (its worker died mid-call and
 *   the vendor cannot deduplicate it); check, then finish it by hand.
 * - `refund_approval`: a refund above the requesting key's limit, or one its playbook offers only
 *   with approval; approve or reject it.
 * - `remedy_approval`: the same for another remedy (store credit above the key's limit, a
 *   replacement the playbook offers only with approval).
 * - `interface_down`: one per outage of an interface; closed by the hub when it recovers.
 */
export const TASK_KINDS = [
  'action_failed',
  'action_unknown_outcome',
  'refund_approval',
  'remedy_approval',
  'interface_down',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const TASK_STATUSES = ['open', 'claimed', 'resolved'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** One row of `hub_tasks`: work a person does by hand because the hub could not. */
export interface TaskRow {
  id: string;
  kind: TaskKind;
  status: TaskStatus;
  connector: string;
  system: SystemKind;
  title: string;
  /** What failed, in a sentence or two, with the vendor's error code. */
  whatFailed: string;
  /** The exact steps to do by hand, in which system. */
  instructions: string;
  url: string | null;
  actionId: string | null;
  orderNumber: string | null;
  /** Makes "one open task per outage" a database rule; cleared when the task is resolved. */
  dedupeKey: string | null;
  /** The person who claimed it (the claim's `by`, else the API key name). */
  claimedBy: string | null;
  /**
   * The API key the claim came through. With `claimedBy` it is who holds the task: only the same
   * person through the same key resolves it (null on rows claimed before it was recorded).
   */
  claimedKey: string | null;
  claimedAt: Date | null;
  resolvedBy: string | null;
  /** True when an admin key resolved the task over someone else's claim (`override`). */
  claimOverridden: boolean;
  resolvedAt: Date | null;
  outcome: string | null;
  note: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const TASK_ENTITY = 'Task';

export function taskEntity(kind: DatabaseKind): EntitySchema<TaskRow> {
  const ts = timestampType(kind);
  return new EntitySchema<TaskRow>({
    name: TASK_ENTITY,
    tableName: 'hub_tasks',
    columns: {
      id: { type: 'varchar', length: 36, primary: true },
      kind: { type: 'varchar', length: 30 },
      status: { type: 'varchar', length: 20 },
      connector: { type: 'varchar', length: 40 },
      system: { type: 'varchar', length: 20 },
      title: { type: 'varchar', length: 300 },
      whatFailed: { name: 'what_failed', type: 'text' },
      instructions: { type: 'text' },
      url: { type: 'text', nullable: true },
      actionId: { name: 'action_id', type: 'varchar', length: 36, nullable: true },
      orderNumber: { name: 'order_number', type: 'varchar', length: 64, nullable: true },
      dedupeKey: { name: 'dedupe_key', type: 'varchar', length: 200, nullable: true },
      claimedBy: { name: 'claimed_by', type: 'varchar', length: 100, nullable: true },
      claimedKey: { name: 'claimed_key', type: 'varchar', length: 100, nullable: true },
      claimedAt: { name: 'claimed_at', type: ts, nullable: true },
      resolvedBy: { name: 'resolved_by', type: 'varchar', length: 100, nullable: true },
      claimOverridden: { name: 'claim_overridden', type: 'boolean', default: false },
      resolvedAt: { name: 'resolved_at', type: ts, nullable: true },
      outcome: { type: 'varchar', length: 40, nullable: true },
      note: { type: 'text', nullable: true },
      createdAt: { name: 'created_at', type: ts },
      updatedAt: { name: 'updated_at', type: ts },
    },
    uniques: [{ name: 'uq_hub_tasks_dedupe', columns: ['dedupeKey'] }],
    indices: [
      { name: 'ix_hub_tasks_status', columns: ['status', 'connector', 'createdAt'] },
      { name: 'ix_hub_tasks_action', columns: ['actionId'] },
    ],
  });
}
