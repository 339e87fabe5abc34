import { ApiKeyStore } from '../../../src/auth/api-key.store';

describe('ApiKeyStore', () => {
  const store = new ApiKeyStore([
    { name: 'helpdesk', key: 'helpdesk-key-123', scopes: ['context:read'] },
    { name: 'ops', key: 'ops-admin-key-1', scopes: ['admin'] },
  ]);

  it('finds a key and its scopes; an unknown key finds nothing', () => {
    expect(store.find('helpdesk-key-123')?.name).toBe('helpdesk');
    expect(store.find('helpdesk-key-12')).toBeUndefined();
    expect(store.find('')).toBeUndefined();
  });

  it('allows any one of the required scopes, and admin allows all', () => {
    const helpdesk = store.find('helpdesk-key-123')!;
    const ops = store.find('ops-admin-key-1')!;
    expect(ApiKeyStore.allows(helpdesk, ['context:read'])).toBe(true);
    expect(ApiKeyStore.allows(helpdesk, ['shipments:read', 'context:read'])).toBe(true);
    expect(ApiKeyStore.allows(helpdesk, ['interfaces:read'])).toBe(false);
    expect(ApiKeyStore.allows(ops, ['interfaces:read'])).toBe(true);
  });
});
