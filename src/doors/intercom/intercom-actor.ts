import { type ApiKeyPrincipal, ApiKeyStore } from '../../auth/api-key.store';
import { ConfigError } from '../../config/config.loader';
import { type HubConfig } from '../../config/config.schema';

/**
 * The principal the Intercom door requests actions as: the API key `doors.intercom.actAs` names,
 * with its scopes and refund limit, so a teammate's click meets the limits, approvals and audit a
 * REST call with that key meets. Throws a ConfigError at boot when the key is missing or may not
 * request actions.
 */
export function intercomActor(config: Pick<HubConfig, 'apiKeys' | 'doors'>): ApiKeyPrincipal {
  const name = config.doors.intercom?.actAs;
  if (!name) throw new ConfigError('doors.intercom.actAs: name the API key the door acts as');
  const key = config.apiKeys.find((k) => k.name === name);
  if (!key) {
    const names = config.apiKeys.map((k) => k.name).join(', ') || 'none';
    throw new ConfigError(`doors.intercom.actAs: no API key is named "${name}" (apiKeys: ${names})`);
  }
  const principal: ApiKeyPrincipal = {
    name: key.name,
    scopes: new Set(key.scopes),
    ...(key.refundLimit ? { refundLimit: key.refundLimit } : {}),
  };
  if (!ApiKeyStore.allows(principal, ['actions:write'])) {
    throw new ConfigError(
      `doors.intercom.actAs: API key "${name}" lacks the actions:write scope the door's cancels, refunds and notes need`,
    );
  }
  return principal;
}
