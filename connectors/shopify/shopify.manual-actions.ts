import { type ActionFailure, type ActionRequest, type LookupSubject } from '../../src/connectors/contract';
import { marker, noteLine, refundNote, staffNote } from './shopify.marker';
import { replacementNote, replacementTag, storeCreditLine } from './shopify.remedies';

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

/** The items a replacement sends, in words: "every item" or "2 × MUG-1, TEE-M". */
function itemsOf(action: Of<'replacement'>): string {
  const items = action.params.items;
  if (!items) return 'every item of the order, as many as were ordered';
  return items
    .map((i) => (i.quantity ? `${i.quantity} × ${i.sku}` : `${i.sku} (as many as were ordered)`))
    .join(', ');
}

export function replacementSteps(name: string, action: Of<'replacement'>): string {
  return [
    `In Shopify admin open order ${name}, choose More actions → Duplicate, and keep only: ${itemsOf(action)}.`,
    "Set each item's price to 0 (or apply a 100% discount), keep the customer and shipping address, and mark it paid.",
    `Add the tag "${replacementTag(action.id)}" and the note "${replacementNote(name, action)}", then create the order.`,
    `If an order tagged "${replacementTag(action.id)}" already exists, there is nothing to do.`,
  ].join(' ');
}

export function storeCreditSteps(name: string, action: Of<'store_credit'>): string {
  const p = action.params;
  return [
    `In Shopify admin open order ${name} and click the customer's name. On the customer page, in the Store credit card, choose Issue credit.`,
    `Issue ${p.amount} ${p.currency.toUpperCase()} without an expiry date.`,
    `Then add this line to the Notes card of order ${name}: "${storeCreditLine(action)}".`,
    "If the order's notes already have that line, there is nothing to do.",
  ].join(' ');
}

const NOUN: Record<ActionRequest['type'], string> = {
  cancel: 'cancellation',
  refund: 'refund',
  note: 'note',
  replacement: 'replacement order',
  store_credit: 'store credit',
};

/** Why Shopify may refuse each action, for a person checking a refusal in the order. */
const REFUSED_BECAUSE: Record<ActionRequest['type'], string> = {
  cancel: 'an order that is already canceled, or has fulfilled items, cannot be canceled as it is.',
  refund: 'the Refund page shows how much of the order can still be refunded.',
  note: 'the Notes card may already be full; a shorter text (the marker kept) may fit.',
  replacement: 'an item may be out of stock, no longer sold, or the order cancelled.',
  store_credit:
    'a guest checkout has no customer account to hold credit; the customer page shows their store credit.',
};

/**
 * What a person does first after a failure, by what Shopify said; the action's steps follow.
 * Other failures (out of attempts, credentials) need nothing first: the steps work as they are.
 */
const BEFORE: Partial<Record<string, (name: string, action: ActionRequest) => string>> = {
  not_found: (name) =>
    `Shopify found no order ${name}. In Shopify admin → Orders search for ${name} with the "All" tab ` +
    '(archived orders included); if it is not there, this shop has no such order: resolve this task as ' +
    '"cancelled". If it is there, do as follows.',
  rejected: (name, action) =>
    `Shopify refused this ${NOUN[action.type]} (see what failed). In Shopify admin → Orders open order ${name} and ` +
    `check why before trying by hand: ${REFUSED_BECAUSE[action.type]} If it should still be done, do as follows.`,
};

export function failureSteps(
  name: string,
  action: ActionRequest,
  failure?: ActionFailure,
): string | undefined {
  return failure ? BEFORE[failure.code]?.(name, action) : undefined;
}

/** Where a person sees that an action already landed: the hub's marker in the order. */
const CHECK: { [T in ActionRequest['type']]: (name: string, action: Of<T>) => string } = {
  cancel: (name, action) =>
    `In Shopify admin → Orders open order ${name}: the cancellation happened if the order shows Canceled ` +
    `and its timeline has the staff note ending in ${marker(action.id)}.`,
  refund: (name, action) =>
    `In Shopify admin → Orders open order ${name}: the refund happened if its timeline lists a refund of ` +
    `${action.params.amount} ${action.params.currency.toUpperCase()} with the reason "${refundNote(action.params.reason, action.id)}".`,
  note: (name, action) =>
    `In Shopify admin → Orders open order ${name}: the note was added if its Notes card has the line ` +
    `"${noteLine(action)}".`,
  replacement: (name, action) =>
    `In Shopify admin → Orders search for the tag ${replacementTag(action.id)}: the replacement for order ${name} ` +
    'was created if an order carries it.',
  store_credit: (name, action) =>
    `In Shopify admin → Orders open order ${name}: the credit was given if its Notes card has the line ` +
    `"${storeCreditLine(action)}". If it does not, click the customer's name: a credit of ` +
    `${action.params.amount} ${action.params.currency.toUpperCase()} in the Store credit card at the time this ` +
    'action ran was given too (the line may be missing), and only the line is left to add.',
};

export function checkSteps(name: string, action: ActionRequest): string {
  return (CHECK[action.type] as (name: string, action: ActionRequest) => string)(name, action);
}

/**
 * Where a person looks a record up in Shopify admin when the hub cannot: the order by its name,
 * the customer by email or phone, and, with neither (an outage), where both are found.
 */
export function lookupSteps(prefix: string, subject: LookupSubject): string {
  if (subject.orderNumber) {
    return `Open Shopify admin → Orders and search for ${prefix}${subject.orderNumber}; read status, payment and fulfillment there.`;
  }
  const who = subject.email ?? subject.phone;
  if (who) {
    return `Open Shopify admin → Customers and search for ${who}; the customer page lists their orders.`;
  }
  return (
    `For an order, open Shopify admin → Orders and search for its name (e.g. ${prefix}1001); the order page ` +
    'shows status, payment and fulfillment. For a customer, open Shopify admin → Customers and search for ' +
    'their email, phone or name; the customer page shows their details and lists their orders.'
  );
}
