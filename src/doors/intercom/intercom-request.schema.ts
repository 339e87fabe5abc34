import { z } from 'zod';

/**
 * What Intercom POSTs to an inbox app's initialize and submit URLs (docs/doors/intercom.md). Read
 * tolerantly: Intercom sends ids as strings or numbers and more fields than the door reads, and a
 * field may be null or absent (a lead without an email, an app outside a conversation).
 */

/** An id Intercom sends as a string in one object and a number in another (context.conversation_id). */
const IdText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((v) =>
    v === null || v === undefined || String(v).trim() === '' ? undefined : String(v).trim(),
  );
const OptionalText = z
  .string()
  .nullish()
  .transform((s) => (s?.trim() ? s.trim() : undefined));

/** A contact (user or lead) as Intercom sends it; the door reads its email. */
const IntercomPersonSchema = z.looseObject({
  id: IdText,
  email: OptionalText,
  name: OptionalText,
  /** user or lead: a lead's email is what they typed in the Messenger, unverified. */
  role: OptionalText,
});

/** The canvas a teammate was looking at when they clicked, with the data the hub stored in it. */
const ShownCanvasSchema = z.looseObject({
  content: z.unknown().optional(),
  stored_data: z.unknown().optional(),
  /** Intercom's typed client nests the canvas once more (CurrentCanvas.current_canvas); both are read. */
  current_canvas: z.looseObject({ stored_data: z.unknown().optional() }).nullish(),
});

export const IntercomRequestSchema = z.looseObject({
  workspace_id: IdText,
  workspace_region: OptionalText,
  admin: z.looseObject({ id: IdText, name: OptionalText, email: OptionalText }).nullish(),
  context: z.looseObject({ conversation_id: IdText, location: OptionalText, locale: OptionalText }).nullish(),
  conversation: z.looseObject({ id: IdText }).nullish(),
  contact: IntercomPersonSchema.nullish(),
  /** Older payloads name the contact `customer`. */
  customer: IntercomPersonSchema.nullish(),
  /** Submit only: the id of the component the teammate clicked. */
  component_id: OptionalText,
  current_canvas: ShownCanvasSchema.nullish(),
  /** Submit only: input id → what the teammate typed. */
  input_values: z.record(z.string(), z.unknown()).nullish(),
  user: IntercomPersonSchema.nullish(),
});
export type IntercomRequestBody = z.infer<typeof IntercomRequestSchema>;

/** The contact's email (lower case), from `contact`, else `customer`; undefined for a contact without one. */
export function contactEmail(body: IntercomRequestBody): string | undefined {
  return (body.contact?.email ?? body.customer?.email)?.toLowerCase();
}

/** The conversation the app is shown in: `context.conversation_id`, else `conversation.id`. */
export function conversationId(body: IntercomRequestBody): string | undefined {
  return body.context?.conversation_id ?? body.conversation?.id;
}

/** The stored data the clicked canvas carried, wherever Intercom put it. */
export function shownStoredData(body: IntercomRequestBody): unknown {
  const shown = body.current_canvas;
  return shown?.stored_data ?? shown?.current_canvas?.stored_data;
}

/** A typed value of an input, trimmed; undefined when empty or not text. */
export function inputText(body: IntercomRequestBody, id: string): string | undefined {
  const value = body.input_values?.[id];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * What the hub keeps in a canvas it renders (`stored_data`), returned by Intercom with the next
 * click: whom the canvas is about, which orders it showed (the only ones a click may act on), a
 * nonce that makes each rendering's clicks their own actions, and when it was rendered.
 */
export const DoorStateSchema = z.object({
  v: z.literal(1),
  email: z.string().min(3).max(254),
  nonce: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  issuedAt: z.iso.datetime(),
  orders: z
    .array(z.object({ number: z.string().min(1).max(64), currency: z.string().length(3).optional() }))
    .max(50),
  /** The order the canvas is about, on an order's own canvas. */
  order: z.string().min(1).max(64).optional(),
  /** The action the canvas reports on. */
  actionId: z.uuid().optional(),
});
export type DoorState = z.infer<typeof DoorStateSchema>;
