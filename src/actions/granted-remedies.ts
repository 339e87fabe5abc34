import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { MoneySchema } from '../canonical/money.schema';
import { ACTION_STATUSES, type ActionRow } from './action.entity';
import { ActionStore } from './action.store';
import { REMEDY_ACTIONS, type RemedyAction } from './remedy-actions';

/** Statuses that grant nothing: the remedy was refused, given up or called off. */
const NOTHING_GRANTED = new Set<ActionRow['status']>(['failed', 'cancelled']);

export const GrantedRemedySchema = z
  .object({
    actionId: z.string(),
    orderNumber: z.string(),
    remedy: z.enum(REMEDY_ACTIONS),
    status: z
      .enum(ACTION_STATUSES)
      .describe('succeeded: carried out; queued, running, retrying, manual: on its way'),
    amount: MoneySchema.optional().describe('refund and store credit'),
    items: z
      .array(z.object({ sku: z.string(), quantity: z.number().int().optional() }))
      .optional()
      .describe('replacement: the items sent again; absent: every item'),
    decision: z
      .object({ playbook: z.string(), rule: z.string(), situation: z.string() })
      .optional()
      .describe('the playbook decision it carries out, when the request named one'),
    requestedBy: z.string().describe('the API key that asked for it'),
    requestedAt: z.string(),
    finishedAt: z.string().optional(),
    resolvedBy: z.string().optional().describe('who carried it out by hand (its task), when a person did'),
    summary: z.string().optional().describe("what the vendor now shows, or the person's note"),
  })
  .meta({ id: 'GrantedRemedy' });
export type GrantedRemedy = z.infer<typeof GrantedRemedySchema>;

/** One remedy action as an order's context shows it. */
export function grantedRemedy(row: ActionRow): GrantedRemedy {
  const p = row.params;
  const amount =
    typeof p.amount === 'string' && typeof p.currency === 'string'
      ? { amount: p.amount, currency: p.currency }
      : undefined;
  const items = Array.isArray(p.items) ? p.items : undefined;
  return {
    actionId: row.id,
    orderNumber: row.orderNumber,
    remedy: row.type as RemedyAction,
    status: row.status,
    ...(amount ? { amount } : {}),
    ...(items ? { items } : {}),
    ...(row.decision
      ? {
          decision: {
            playbook: row.decision.playbook,
            rule: row.decision.rule,
            situation: row.decision.situation,
          },
        }
      : {}),
    requestedBy: row.apiKeyName,
    requestedAt: new Date(row.createdAt).toISOString(),
    ...(row.finishedAt ? { finishedAt: new Date(row.finishedAt).toISOString() } : {}),
    ...(row.resolution ? { resolvedBy: row.resolution.by } : {}),
    ...(row.result?.summary || row.resolution?.note
      ? { summary: row.result?.summary ?? row.resolution?.note }
      : {}),
  };
}

/** What counts as already granted: remedies carried out or on their way, not refused or called off. */
export function stillGranted(remedies: readonly GrantedRemedy[]): GrantedRemedy[] {
  return remedies.filter((r) => !NOTHING_GRANTED.has(r.status));
}

/**
 * The remedies the hub was asked to carry out on an order (docs/playbooks.md "Closed loop"): the
 * order's context lists them and the playbooks' facts count them, so a second agent, or a bot,
 * does not grant the same order twice. Null when the database does not answer: the answer goes on
 * without them, and says so in the log.
 */
@Injectable()
export class GrantedRemedies {
  private readonly logger = new Logger('GrantedRemedies');

  constructor(@Inject(ActionStore) private readonly store: ActionStore) {}

  forOrder(orderNumber: string): Promise<GrantedRemedy[] | null> {
    return this.forOrders([orderNumber]);
  }

  /** A customer's view: the remedies granted on any of their orders, newest first. */
  async forOrders(orderNumbers: readonly string[]): Promise<GrantedRemedy[] | null> {
    try {
      const rows = await this.store.forOrders(orderNumbers, REMEDY_ACTIONS);
      return rows.map(grantedRemedy);
    } catch (error) {
      this.logger.warn(
        `remedies granted on ${orderNumbers.map((n) => `#${n}`).join(', ')} unknown: ${(error as Error).message}`,
      );
      return null;
    }
  }
}
