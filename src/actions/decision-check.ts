import { type ActionDecision } from './action.entity';
import { type DecidedBody } from './action-request.schema';

/** What the playbooks say about an action that names the decision it carries out. */
export interface CheckedDecision {
  decision: ActionDecision;
  /** Why a person approves it first (the playbook's offer asks for approval); undefined: it may run. */
  approval?: string;
  /** A replacement's items, when the request left them to the decision (the items reported). */
  items?: { sku: string; quantity?: number }[];
}

/**
 * Decides again for the order and checks the action against the decision (src/playbooks/
 * remedy-gate.ts): throws a HubException when the decision does not offer it now. Registered by
 * the playbooks module, which the actions module cannot import (playbooks read the order context,
 * which lists the actions).
 */
export type DecisionCheck = (orderNumber: string, body: DecidedBody) => Promise<CheckedDecision>;
