import { HubException } from '../common/problem';
import { type Connector } from '../connectors/contract';
import { type ActionBody } from './action-request.schema';

/** Which kind of system performs an action when the request names none, in order of preference. */
const PREFERRED_SYSTEMS: Record<ActionBody['type'], readonly Connector['system'][]> = {
  // The order management system cancels; it refunds through the order's own gateway.
  cancel: ['oms'],
  refund: ['oms', 'payments'],
  // A note belongs on the order first, then on the customer's CRM record.
  note: ['oms', 'crm'],
  // Remedies the order management system carries out: a new order, credit on the customer's account.
  replacement: ['oms'],
  store_credit: ['oms'],
};

/** The connector that performs `body`: the one named, or the first configured one that can. */
export function actionTarget(body: ActionBody, connectors: readonly Connector[]): Connector {
  const target = pick(body, connectors);
  // A CRM knows people, not order numbers: its note needs the customer's email.
  if (body.type === 'note' && target.system === 'crm' && !body.customerEmail) {
    throw HubException.badRequest(`A note in ${target.id} needs the customer's email.`, [
      { path: 'customerEmail', message: `required when the note goes to ${target.id}` },
    ]);
  }
  return target;
}

function pick(body: ActionBody, connectors: readonly Connector[]): Connector {
  if (body.connector) {
    const named = connectors.find((c) => c.id === body.connector);
    if (!named) {
      throw HubException.badRequest(`No connector "${body.connector}" is configured.`, [
        { path: 'connector', message: 'not a configured connector id' },
      ]);
    }
    if (!named.actions?.[body.type] || !named.performAction) {
      throw new HubException(
        422,
        'action_not_supported',
        'Action not supported',
        `Connector "${named.id}" (${named.type}) cannot perform ${body.type}.`,
      );
    }
    return named;
  }
  for (const system of PREFERRED_SYSTEMS[body.type]) {
    const found = connectors.find((c) => c.system === system && c.actions?.[body.type] && c.performAction);
    if (found) return found;
  }
  throw new HubException(
    422,
    'action_not_supported',
    'Action not supported',
    `No configured connector can perform ${body.type}.`,
  );
}
