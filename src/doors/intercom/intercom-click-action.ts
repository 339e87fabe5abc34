import { createHash } from 'node:crypto';
import { type ActionBody, ActionBodySchema, IdempotencyKeySchema } from '../../actions/action-request.schema';
import { OrderNumberInput } from '../../common/inputs';
import { type IntercomDoor } from '../doors.schema';
import { type OrderFormProblem } from './intercom-canvases';
import { type ActionClick, INPUTS, orderButton } from './intercom-clicks';
import {
  conversationId,
  type DoorState,
  inputText,
  type IntercomRequestBody,
} from './intercom-request.schema';
import { clip } from './intercom-text';

/** What a click asks the actions pipeline for, or why it cannot (shown next to the input). */
export type ClickRequest = { key: string; body: ActionBody } | { problem: OrderFormProblem };

const AMOUNT = /^\d{1,12}([.,]\d{1,4})?$/;

/**
 * The idempotency key of one click: the conversation, the button, and the nonce of the canvas it
 * was on. A double click or a replayed request is the same click (one action); the same button on
 * a canvas rendered later is a new one.
 */
export function clickKey(conversation: string | undefined, componentId: string, nonce: string): string {
  // Hashed: whatever a vendor's order number (in the component id) or Intercom's ids hold, the key
  // is printable and short, and names nothing.
  const digest = createHash('sha256')
    .update(JSON.stringify([conversation ?? null, componentId, nonce]))
    .digest('hex');
  return IdempotencyKeySchema.parse(`intercom:${digest}`);
}

/** Who clicked, for the action's record: the teammate's name, else their Intercom id. */
export function teammate(body: IntercomRequestBody): string {
  const admin = body.admin;
  return admin?.name ?? (admin?.id ? `Intercom teammate ${admin.id}` : 'an Intercom teammate');
}

/**
 * The action a teammate's click requests, validated with the REST API's own body schema, or the
 * problem to show: a click on a canvas older than `actionWindowSeconds` does nothing (Intercom's
 * signature carries no time, so this bounds what a replayed request can do).
 */
export function clickRequest(
  door: IntercomDoor,
  click: ActionClick,
  body: IntercomRequestBody,
  state: DoorState,
  order: DoorState['orders'][number],
  now: Date,
): ClickRequest {
  if (!OrderNumberInput.safeParse(order.number).success) {
    return {
      problem: {
        notice: `Nothing was done: the hub can act only on orders numbered with letters, digits, ".", "_" and "-", and #${clip(order.number, 64)} is not. Do it in the shop's admin.`,
      },
    };
  }
  const age = (now.getTime() - Date.parse(state.issuedAt)) / 1000;
  if (!(age <= door.actionWindowSeconds)) {
    const minutes = Math.round(door.actionWindowSeconds / 60);
    return {
      problem: {
        notice: `Nothing was done: that view was more than ${minutes} minutes old. Here is the order as it is now; click again to go ahead.`,
      },
    };
  }
  const conversation = conversationId(body);
  const why = clip(
    `Requested in Intercom by ${teammate(body)} (conversation ${conversation ?? 'unknown'})`,
    255,
  );
  let raw: unknown;
  if (click === 'cancel-confirm') {
    raw = { type: 'cancel', staffNote: why };
  } else if (click === 'refund') {
    const typed = inputText(body, INPUTS.refundAmount);
    if (!typed || !AMOUNT.test(typed) || !order.currency) {
      return { problem: { refund: { value: typed, error: 'Enter the amount to refund, such as 12.34.' } } };
    }
    raw = {
      type: 'refund',
      amount: { amount: typed.replace(',', '.'), currency: order.currency },
      reason: why,
    };
  } else {
    const text = inputText(body, INPUTS.noteText);
    if (!text) return { problem: { note: { error: 'Write the note first.' } } };
    raw = { type: 'note', text, author: clip(teammate(body), 100), customerEmail: state.email };
  }
  const parsed = ActionBodySchema.safeParse(raw);
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'not accepted';
    const value =
      click === 'refund' ? inputText(body, INPUTS.refundAmount) : inputText(body, INPUTS.noteText);
    if (click === 'refund') return { problem: { refund: { value, error: `The amount ${message}.` } } };
    if (click === 'note') return { problem: { note: { value, error: `The note ${message}.` } } };
    return { problem: { notice: `Nothing was done: ${message}.` } };
  }
  return { key: clickKey(conversation, orderButton(click, order.number), state.nonce), body: parsed.data };
}
