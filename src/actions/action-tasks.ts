import { type Connector } from '../connectors/contract';
import { type NewTask } from '../tasks/tasks.service';
import { type ActionRow } from './action.entity';
import { toActionRequest } from './action-request';

const VERB: Record<ActionRow['type'], string> = {
  cancel: 'Cancel',
  refund: 'Refund',
  note: 'Add a note to',
};

function describe(row: ActionRow): string {
  const p = row.params as { amount?: string; currency?: string };
  const money = row.type === 'refund' ? ` ${p.amount} ${p.currency} on` : '';
  return `${VERB[row.type]}${money} order #${row.orderNumber}`;
}

/** Steps and deep link from the connector, or generic steps when it has none. */
function byHand(row: ActionRow, connector: Connector): { instructions: string; url?: string } {
  const manual = connector.manualAction?.(toActionRequest(row));
  if (manual) return manual;
  const lookup = connector.manualLookup({ orderNumber: row.orderNumber });
  return {
    instructions: `${describe(row)} by hand in ${connector.type} (${connector.id}). ${lookup.instructions}`,
    url: lookup.url,
  };
}

/** The task for an action that ran out of attempts or that the vendor refused. */
export function failedActionTask(
  row: ActionRow,
  connector: Connector,
  error: { code: string; message: string },
  exhausted: boolean,
): NewTask {
  const hand = byHand(row, connector);
  const why = exhausted
    ? `failed ${row.attempts} time(s), the last with ${error.code}: ${error.message}`
    : `was refused by ${connector.type} (${error.code}): ${error.message}`;
  return {
    kind: 'action_failed',
    connector: connector.id,
    system: connector.system,
    title: `${describe(row)} in ${connector.id}: do it by hand`,
    whatFailed: `Action ${row.id} (${row.type}, requested by ${row.apiKeyName}) ${why}.`,
    instructions: `${hand.instructions} Then resolve this task as "done", or as "cancelled" if it should not be done.`,
    url: hand.url,
    actionId: row.id,
    orderNumber: row.orderNumber,
  };
}

/** The task for a write that may have landed: its worker stopped mid-call and the vendor cannot deduplicate it. */
export function unknownOutcomeTask(row: ActionRow, connector: Connector): NewTask {
  const hand = byHand(row, connector);
  return {
    kind: 'action_unknown_outcome',
    connector: connector.id,
    system: connector.system,
    title: `${describe(row)} in ${connector.id}: check whether it happened`,
    whatFailed:
      `Action ${row.id} (${row.type}) was being sent to ${connector.id} when the hub process handling it stopped. ` +
      `${connector.type} cannot tell a repeat from a new request, so the hub did not send it again.`,
    instructions:
      `Open the order in ${connector.type} and look for it. If it is there, resolve this task as "done". ` +
      `If not: ${hand.instructions} Then resolve as "done" (or "cancelled" if it should not be done).`,
    url: hand.url,
    actionId: row.id,
    orderNumber: row.orderNumber,
  };
}

/** The approval a refund above the requesting key's limit waits for. */
export function refundApprovalTask(row: ActionRow, connector: Connector, reason: string): NewTask {
  return {
    kind: 'refund_approval',
    connector: connector.id,
    system: connector.system,
    title: `Approve: ${describe(row)} (requested by ${row.apiKeyName})`,
    whatFailed: `Not a failure: ${reason}.`,
    instructions:
      `Check the order and the reason given, then resolve this task as "approved" (the hub runs the refund ` +
      `through ${connector.id}) or "rejected" (it does not). A key cannot approve its own refund.`,
    url: connector.manualLookup({ orderNumber: row.orderNumber }).url,
    actionId: row.id,
    orderNumber: row.orderNumber,
  };
}
