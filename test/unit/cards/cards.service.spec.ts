import { ApiKeyStore } from '../../../src/auth/api-key.store';
import { CardsService } from '../../../src/cards/cards.service';
import { type HubConfig } from '../../../src/config/config.schema';
import { type CustomerContextService } from '../../../src/context/customer-context.service';
import { HubException } from '../../../src/common/problem';

const cards = {
  signingSecret: 'a-card-link-secret-of-32-characters!!',
  ttlSeconds: 300,
  frameAncestors: ['*'],
};
const config = { cards, webhooks: {} } as unknown as HubConfig;
const helpdesk = { name: 'helpdesk', key: 'k1', scopes: ['context:read' as const] };

/** The service as the container builds it; the customer read path is never reached by these refusals. */
function service(keys: ConstructorParameters<typeof ApiKeyStore>[0]) {
  return new CardsService(config, new ApiKeyStore(keys), {} as CustomerContextService);
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubException) return `${error.status} ${error.code}`;
    throw error;
  }
  return undefined;
}

describe('CardsService', () => {
  const minting = service([helpdesk]);
  const { url } = minting.mint(
    new ApiKeyStore([helpdesk]).find('k1')!,
    { email: 'ann@example.com' },
    'https://hub.example.com',
  );
  const token = new URL(url).hash.slice(3);

  it('names the hub by its public address in links', () => {
    expect(url.startsWith('https://hub.example.com/card#t=')).toBe(true);
  });

  it('names the hub by cards.publicUrl, then webhooks.publicUrl, before the address the call reached', () => {
    const at = (over: object) =>
      new CardsService(
        { ...config, ...over } as HubConfig,
        new ApiKeyStore([helpdesk]),
        {} as CustomerContextService,
      ).mint(new ApiKeyStore([helpdesk]).find('k1')!, { email: 'ann@example.com' }, 'http://10.0.0.7:3000')
        .url;
    expect(at({ cards: { ...cards, publicUrl: 'https://cards.example.com/' } })).toMatch(
      /^https:\/\/cards\.example\.com\/card#t=/,
    );
    expect(at({ webhooks: { publicUrl: 'https://hooks.example.com' } })).toMatch(
      /^https:\/\/hooks\.example\.com\/card#t=/,
    );
    expect(at({})).toMatch(/^http:\/\/10\.0\.0\.7:3000\/card#t=/);
  });

  it('opens nothing once the minting key is removed from the config', async () => {
    const audit = jest.fn();
    expect(await codeOf(service([]).context(token, audit))).toBe('401 card_link_revoked');
    expect(audit).not.toHaveBeenCalled();
  });

  it('opens nothing once the key is rotated: another value under the same name', async () => {
    const rotated = service([{ ...helpdesk, key: 'k2-rotated-value' }]);
    expect(await codeOf(rotated.context(token, jest.fn()))).toBe('401 card_link_revoked');
  });

  it('opens nothing once the minting key lost context:read', async () => {
    const demoted = service([{ ...helpdesk, scopes: ['shipments:read' as const] }]);
    expect(await codeOf(demoted.context(token, jest.fn()))).toBe('401 card_link_revoked');
  });

  it('refuses an expired link as expired, not as forged', async () => {
    const later = new Date(Date.now() + 301_000);
    expect(await codeOf(minting.context(token, jest.fn(), later))).toBe('401 card_link_expired');
  });
});
