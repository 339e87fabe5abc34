import { HubException } from '../common/problem';

/** A door that the config leaves off: 404, naming the config key and the page that explains it. */
export function doorNotConfigured(door: 'gladly' | 'intercom'): HubException {
  const name = door === 'gladly' ? 'Gladly' : 'Intercom';
  return new HubException(
    404,
    'door_not_configured',
    'Door not configured',
    `The ${name} door is off: set doors.${door} in the config (docs/doors/${door}.md).`,
  );
}

/** A caller that did not prove it is the helpdesk: 401 with a stable `reason`. */
export function doorUnauthorized(
  reason: string,
  detail: string,
  headers?: Record<string, string>,
): HubException {
  return new HubException(401, 'door_unauthorized', 'Unauthorized', detail, undefined, { reason }, headers);
}
