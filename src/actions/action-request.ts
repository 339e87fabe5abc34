import { type ActionRequest } from '../connectors/contract';
import { type ActionRow } from './action.entity';

/** What a connector is asked to do, from the stored action. */
export function toActionRequest(row: ActionRow): ActionRequest {
  return {
    id: row.id,
    type: row.type,
    orderNumber: row.orderNumber,
    params: row.params,
  } as unknown as ActionRequest;
}
