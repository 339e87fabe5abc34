import { type ActionFailure, type Connector, type ManualSteps } from '../connectors/contract';
import { type NewTask } from '../tasks/tasks.service';
import { type ActionRow } from './action.entity';
import { toActionRequest } from './action-request';

/**
 * What an action is, in words that hold in every system: a CRM files a note on the customer's
 * contact, not on an order, so a note is "about" the order.
 */
const WHAT: Record<ActionRow['type'], (row: ActionRow) => string> = {
  cancel: (row) => `Cancel order #${row.orderNumber}`,
  refund: (row) =>
    `Refund ${String(row.params.amount)} ${String(row.params.currency)} on order #${row.orderNumber}`,
  note: (row) => `Add a note about order #${row.orderNumber}`,
  replacement: (row) => `Send a replacement for order #${row.orderNumber}`,
  store_credit: (row) =>
    `Give ${String(row.params.amount)} ${String(row.params.currency)} store credit for order #${row.orderNumber}`,
};

const what = (row: ActionRow) => WHAT[row.type](row);
const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The hub's part of each action task: the title and how a person closes the task. Where to look
 * and what to do in the vendor's admin come from the connector (manualAction, manualCheck,
 * manualLookup), which knows its own admin.
 */
const TEXT = {
  action_failed: {
    title: (row: ActionRow, c: Connector) => `${what(row)} by hand (${c.id})`,
    close: 'Then resolve this task as "done", or as "cancelled" if it should not be done.',
  },
  action_unknown_outcome: {
    title: (row: ActionRow, c: Connector) => `${what(row)} (${c.id}): check whether it happened`,
    ifDone: 'If it did, resolve this task as "done"; there is nothing else to do.',
    ifNot: 'If it did not:',
    close: 'Then resolve this task as "done" (or "cancelled" if it should not be done).',
  },
  approval: {
    title: (row: ActionRow, c: Connector) =>
      `Approve: ${what(row)} (${c.id}, requested by ${row.apiKeyName})`,
    before: 'Before deciding, look at what was paid and what was already refunded or granted:',
    close: (row: ActionRow, c: Connector) =>
      row.type === 'refund'
        ? `Then resolve this task as "approved" (the hub sends the refund to ${c.id}) or "rejected" ` +
          '(nothing is refunded). A key cannot approve its own refund.'
        : `Then resolve this task as "approved" (the hub sends it to ${c.id}) or "rejected" ` +
          '(nothing is done). A key cannot approve its own request.',
  },
} as const;

/** The connector's steps, or, from a connector without them, its look-up and the action. */
function byHand(row: ActionRow, connector: Connector, failure?: ActionFailure): ManualSteps {
  const manual = connector.manualAction?.(toActionRequest(row), failure);
  if (manual) return manual;
  const lookup = connector.manualLookup({ orderNumber: row.orderNumber });
  return { instructions: `${lookup.instructions} There, ${lower(what(row))} by hand.`, url: lookup.url };
}

/** Where to see whether the action landed, or, from a connector that does not say, its look-up. */
function check(row: ActionRow, connector: Connector): ManualSteps {
  const steps = connector.manualCheck?.(toActionRequest(row));
  if (steps) return steps;
  const lookup = connector.manualLookup({ orderNumber: row.orderNumber });
  return {
    instructions: `${lookup.instructions} Look there for this ${row.type} (the hub's action ${row.id}).`,
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
  const hand = byHand(row, connector, { code: error.code, message: error.message });
  const why = exhausted
    ? `failed ${row.attempts} time(s), the last with ${error.code}: ${error.message}`
    : `was refused by ${connector.type} (${error.code}): ${error.message}`;
  return {
    kind: 'action_failed',
    connector: connector.id,
    system: connector.system,
    title: TEXT.action_failed.title(row, connector),
    whatFailed: `Action ${row.id} (${row.type}, requested by ${row.apiKeyName}) ${why}.`,
    instructions: `${hand.instructions} ${TEXT.action_failed.close}`,
    url: hand.url,
    actionId: row.id,
    orderNumber: row.orderNumber,
  };
}

/** The task for a write that may have landed: its worker stopped mid-call and the vendor cannot deduplicate it. */
export function unknownOutcomeTask(
  row: ActionRow,
  connector: Connector,
  why = 'the hub process handling it stopped mid-call',
): NewTask {
  const look = check(row, connector);
  const hand = byHand(row, connector);
  const text = TEXT.action_unknown_outcome;
  return {
    kind: 'action_unknown_outcome',
    connector: connector.id,
    system: connector.system,
    title: text.title(row, connector),
    whatFailed:
      `Action ${row.id} (${row.type}) was sent to ${connector.id}, and whether it landed is unknown: ${why}. ` +
      `${connector.type} cannot tell a repeat from a new request, so the hub did not send it again.`,
    instructions: `${look.instructions} ${text.ifDone} ${text.ifNot} ${hand.instructions} ${text.close}`,
    url: look.url ?? hand.url,
    actionId: row.id,
    orderNumber: row.orderNumber,
  };
}

/**
 * The approval an action waits for: a refund (`refund_approval`) or store credit above the
 * requesting key's limit, or a remedy its playbook offers only with approval (`remedy_approval`).
 */
export function approvalTask(row: ActionRow, connector: Connector, reason: string): NewTask {
  const lookup = connector.manualLookup({ orderNumber: row.orderNumber });
  const text = TEXT.approval;
  return {
    kind: row.type === 'refund' ? 'refund_approval' : 'remedy_approval',
    connector: connector.id,
    system: connector.system,
    title: text.title(row, connector),
    whatFailed: `Not a failure: ${reason}.`,
    instructions: `${text.before} ${lookup.instructions} ${text.close(row, connector)}`,
    url: lookup.url,
    actionId: row.id,
    orderNumber: row.orderNumber,
  };
}
