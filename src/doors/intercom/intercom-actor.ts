import { type ApiKeyPrincipal, ApiKeyStore } from '../../auth/api-key.store';
import { ConfigError } from '../../config/config.loader';
import { type HubConfig } from '../../config/config.schema';

/**
 * The principal the Intercom door requests actions as: the API key `doors.intercom.actAs` names,
 * with its scopes and refund limit, so a teammate's click meets the limits, approvals and audit a
 * REST call with that key meets. Throws a ConfigError at boot when the key is missing or may not
 * request actions.
 */
export function intercomActor(
  keys: ApiKeyStore,
  config: Pick<HubConfig, 'apiKeys' | 'doors'>,
): ApiKeyPrincipal {
  const name = config.doors.intercom?.actAs;
  if (!name) throw new ConfigError('doors.intercom.actAs: name the API key the door acts as');
  const principal = keys.named(name);
  if (!principal) {
    const names = config.apiKeys.map((k) => k.name).join(', ') || 'none';
    throw new ConfigError(`doors.intercom.actAs: no API key is named "${name}" (apiKeys: ${names})`);
  }
  if (!ApiKeyStore.allows(principal, ['actions:write'])) {
    throw new ConfigError(
      `doors.intercom.actAs: API key "${name}" lacks the actions:write scope the door's cancels, refunds and notes need`,
    );
  }
  return principal;
}
