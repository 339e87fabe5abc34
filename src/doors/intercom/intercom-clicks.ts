/**
 * The ids of the door's buttons and inputs, declared once: a canvas renders them and a submit's
 * `component_id` is read back with `parseClick`. A button about one order carries its number
 * (`refund:1037`); the click may act only on an order the canvas itself showed (DoorState.orders).
 */
export const VIEW_CLICKS = ['refresh', 'home', 'status'] as const;
export const ORDER_CLICKS = ['order', 'cancel', 'cancel-confirm', 'refund', 'note'] as const;
export type ViewClick = (typeof VIEW_CLICKS)[number];
export type OrderClick = (typeof ORDER_CLICKS)[number];
/** The clicks that request an action: the ones an idempotency key guards. */
export type ActionClick = Exclude<OrderClick, 'order' | 'cancel'>;

export const INPUTS = { refundAmount: 'refund-amount', noteText: 'note-text' } as const;

export type Click =
  | { [K in ViewClick]: { kind: K } }[ViewClick]
  | { kind: OrderClick; order: string }
  | { kind: 'unknown'; componentId: string | undefined };

/** The id of a button about one order. */
export function orderButton(kind: OrderClick, orderNumber: string): string {
  return `${kind}:${orderNumber}`;
}

/** What the teammate clicked, from Intercom's `component_id`. */
export function parseClick(componentId: string | undefined): Click {
  if (!componentId) return { kind: 'unknown', componentId };
  const view = VIEW_CLICKS.find((k) => k === componentId);
  if (view) return { kind: view };
  const colon = componentId.indexOf(':');
  const kind = ORDER_CLICKS.find((k) => k === componentId.slice(0, colon));
  const order = componentId.slice(colon + 1);
  if (colon > 0 && kind && order) return { kind, order };
  return { kind: 'unknown', componentId };
}
