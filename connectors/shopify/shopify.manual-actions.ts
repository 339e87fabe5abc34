import { type ActionRequest } from '../../src/connectors/contract';
import { noteLine, refundNote, staffNote } from './shopify.marker';

type Of<T extends ActionRequest['type']> = Extract<ActionRequest, { type: T }>;

/** The reasons as Shopify admin's cancel dialog words them. */
const REASON_LABEL: Record<Of<'cancel'>['params']['reason'], string> = {
  customer: 'Customer changed or canceled order',
  inventory: 'Items unavailable',
  fraud: 'Fraudulent order',
  declined: 'Payment declined',
  staff: 'Staff error',
  other: 'Other',
};

const yesNo = (flag: boolean) => (flag ? 'yes' : 'no');

/**
 * Steps a person follows in Shopify admin to do an action by hand (a manual-backup task). The
 * texts they type carry the hub's marker, so the hub recognises the write if it tries again.
 */
export function cancelSteps(name: string, action: Of<'cancel'>): string {
  const p = action.params;
  return [
    `In Shopify admin open order ${name} and choose More actions → Cancel order.`,
    `Reason: "${REASON_LABEL[p.reason]}". Refund payment: ${yesNo(p.refund)}. Restock items: ${yesNo(p.restock)}.`,
    `Send a notification to the customer: ${yesNo(p.notifyCustomer)}.`,
    `Staff note: "${staffNote(p.staffNote, action.id)}". Then click Cancel order.`,
    'If the order already shows Canceled, there is nothing to do.',
  ].join(' ');
}

export function refundSteps(name: string, action: Of<'refund'>): string {
  const p = action.params;
  return [
    `In Shopify admin open order ${name} and click Refund.`,
    `Refund ${p.amount} ${p.currency.toUpperCase()} to the original payment method (enter it as the refund amount, no items).`,
    `Reason for refund: "${refundNote(p.reason, action.id)}". Leave "Send a notification to the customer" unticked, then click Refund.`,
    'If the order already lists a refund with that reason, there is nothing to do.',
  ].join(' ');
}

export function noteSteps(name: string, action: Of<'note'>): string {
  return [
    `In Shopify admin open order ${name}, edit the Notes card and add this line at the end:`,
    `"${noteLine(action)}". Then click Save.`,
    'If the note already has that line, there is nothing to do.',
  ].join(' ');
}
