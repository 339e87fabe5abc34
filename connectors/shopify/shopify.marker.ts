import { type ActionRequest } from '../../src/connectors/contract';

/**
 * What the hub writes into Shopify's free text (the order note, a refund's note, a cancellation's
 * staff note) always ends with its marker `[hub:<action id>]`: reading it back tells the hub an
 * earlier attempt landed, and tells staff where the text came from.
 */
export const marker = (actionId: string) => `[hub:${actionId}]`;

/**
 * Staff notes are short texts; the note is cut to 255 characters (marker included) so a long one
 * cannot make Shopify refuse the cancellation. No limit is documented; this is a cautious one.
 */
const STAFF_NOTE_MAX = 255;

export function staffNote(text: string | undefined, actionId: string): string {
  const tag = marker(actionId);
  const room = STAFF_NOTE_MAX - tag.length - 1;
  let body = (text ?? '').trim();
  if (body.length > room) body = `${body.slice(0, Math.max(0, room - 1))}…`;
  return body ? `${body} ${tag}` : tag;
}

/** One line of the order note: "<text> — <author> [hub:<id>]". */
export function noteLine(action: Extract<ActionRequest, { type: 'note' }>): string {
  return `${action.params.text.trim()} — ${action.params.author} ${marker(action.id)}`;
}

/** A refund's note ("reason for refund" in the admin). */
export function refundNote(reason: string | undefined, actionId: string): string {
  return `${reason?.trim() || 'Refund'} ${marker(actionId)}`;
}
