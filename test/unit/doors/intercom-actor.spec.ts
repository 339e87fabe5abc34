import { ApiKeyStore } from '../../../src/auth/api-key.store';
import { ConfigError, parseConfig } from '../../../src/config/config.loader';
import { type HubConfig } from '../../../src/config/config.schema';
import { intercomActor } from '../../../src/doors/intercom/intercom-actor';

const config = (keys: string, door: string) =>
  parseConfig(`apiKeys:\n${keys}\ndoors:\n  intercom: ${door}\nconnectors: {}`, {}, 'test');
const KEYS = [
  "  - { name: helpdesk, key: helpdesk-key-0001, scopes: [context:read, actions:write], refundLimit: { USD: '50.00' } }",
  '  - { name: reader, key: reader-key-00001, scopes: [context:read] }',
  '  - { name: root, key: root-key-0000001, scopes: [admin] }',
].join('\n');
const actor = (c: HubConfig) => intercomActor(new ApiKeyStore(c.apiKeys), c);
const door = (actAs: string) => `{ clientSecret: an-app-client-secret-01, actAs: ${actAs} }`;

describe('the API key the Intercom door acts as (doors.intercom.actAs)', () => {
  it("is that key's principal: its name, scopes and refund limit", () => {
    const principal = actor(config(KEYS, door('helpdesk')));
    expect(principal.name).toBe('helpdesk');
    expect([...principal.scopes]).toEqual(['context:read', 'actions:write']);
    expect(principal.refundLimit).toEqual({ USD: '50.00' });
    // admin holds every scope.
    expect(actor(config(KEYS, door('root'))).name).toBe('root');
  });

  it('stops boot when the key is missing or may not request actions, naming what to fix', () => {
    expect(() => actor(config(KEYS, door('nobody')))).toThrow(ConfigError);
    expect(() => actor(config(KEYS, door('nobody')))).toThrow(
      'doors.intercom.actAs: no API key is named "nobody" (apiKeys: helpdesk, reader, root)',
    );
    expect(() => actor(config(KEYS, door('reader')))).toThrow(
      /API key "reader" lacks the actions:write scope/,
    );
  });

  it('the door config itself is checked when the config is read', () => {
    expect(() => config(KEYS, '{ clientSecret: short, actAs: helpdesk }')).toThrow(
      /doors\.intercom\.clientSecret/,
    );
    expect(() => config(KEYS, '{ clientSecret: an-app-client-secret-01 }')).toThrow(/doors\.intercom\.actAs/);
    expect(config(KEYS, door('helpdesk')).doors.intercom).toEqual({
      clientSecret: 'an-app-client-secret-01',
      actAs: 'helpdesk',
      orders: 5,
      actionWindowSeconds: 3_600,
    });
  });
});
