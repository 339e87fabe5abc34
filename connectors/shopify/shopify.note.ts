import { type CallOptions } from '../../src/connectors/contract';
import { orderUpdateReplySchema, type UserError } from './shopify.action-payloads';
import { type RunGraphql } from './shopify.actions';
import { ORDER_UPDATE_NOTE } from './shopify.mutations';

/**
 * Appends one line to the order's note (`orderUpdate`; Shopify keeps a single note field, so the
 * whole text is sent): what Shopify refused, empty when it took it.
 */
export async function appendNoteLine(
  run: RunGraphql,
  order: { id: string; note?: string | null },
  line: string,
  options: CallOptions | undefined,
): Promise<UserError[]> {
  const before = order.note?.trimEnd();
  const data = await run(
    'OrderUpdateNote',
    ORDER_UPDATE_NOTE,
    { input: { id: order.id, note: before ? `${before}\n${line}` : line } },
    orderUpdateReplySchema,
    options,
  );
  return data.orderUpdate.userErrors;
}
