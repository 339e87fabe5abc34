import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/** Card links over HTTP (docs/doors/card.md): minted with a key, opened with the link alone. */
describe('card links', () => {
  let hub: Harness;

  beforeAll(async () => {
    hub = await startHarness((config) => {
      config.cards!.frameAncestors = ['https://*.freshdesk.com'];
    });
  });
  afterAll(() => hub.close());

  const tokenOf = (url: string) => new URL(url).hash.replace(/^#t=/, '');

  async function mint(body: unknown, key = KEYS.helpdesk) {
    return hub.post('/v1/cards/links', body, key);
  }

  it("mints a link that opens exactly that customer's context, with no key and nothing personal in it", async () => {
    const minted = await mint({ email: 'Benjamin.Carter@example.com' });
    expect(minted.status).toBe(201);
    const url = new URL(minted.body.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${hub.hubUrl}/card`);
    expect(url.search).toBe('');
    expect(minted.body.url).not.toContain('benjamin');
    expect(minted.body.url).not.toContain(KEYS.helpdesk);
    // 300 s from when the hub answered (its Date header, to the second).
    const lifetime = Date.parse(minted.body.expiresAt) - Date.parse(minted.headers.get('date')!);
    expect(lifetime).toBeGreaterThan(299_000);
    expect(lifetime).toBeLessThanOrEqual(301_000);

    const card = await hub.get('/v1/cards/context', undefined, { 'x-card-token': tokenOf(minted.body.url) });
    expect(card.status).toBe(200);
    expect(card.body.customer.email).toBe('benjamin.carter@example.com');
    expect(card.body.orders.map((o: { number: string }) => o.number)).toContain('1037');
    expect(card.body.insights.escalate).toBe(true);
  });

  it('opens by phone too, and answers an unknown customer with customer null', async () => {
    const byPhone = await mint({ phone: '+13125550178' });
    const card = await hub.get('/v1/cards/context', undefined, { 'x-card-token': tokenOf(byPhone.body.url) });
    expect(card.body.customer.email).toBe('benjamin.carter@example.com');

    const nobody = await mint({ email: 'nobody-at-all@example.com' });
    const empty = await hub.get('/v1/cards/context', undefined, { 'x-card-token': tokenOf(nobody.body.url) });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ customer: null, orders: [] });
  });

  it('asks for less time when the caller does, never for more than the config allows', async () => {
    const lifetime = (res: { headers: Headers; body: { expiresAt: string } }) =>
      Math.round((Date.parse(res.body.expiresAt) - Date.parse(res.headers.get('date')!)) / 1000);
    const short = await mint({ email: 'alice.martin@example.com', ttlSeconds: 60 });
    expect(lifetime(short)).toBeGreaterThanOrEqual(59);
    expect(lifetime(short)).toBeLessThanOrEqual(61);
    const long = await mint({ email: 'alice.martin@example.com', ttlSeconds: 3_600 });
    expect(lifetime(long)).toBeLessThanOrEqual(301);
  });

  it('refuses to mint without a key, with a key that cannot read context, or for no one', async () => {
    expect((await mint({ email: 'a@example.com' }, '')).status).toBe(401);
    const bot = await mint({ email: 'a@example.com' }, KEYS.bot);
    expect(bot.status).toBe(403);
    const both = await mint({ email: 'a@example.com', phone: '+13125550178' });
    expect(both.status).toBe(400);
    expect(both.body.errors[0]).toMatchObject({ path: 'email', message: 'give either email or phone' });
    expect((await mint({ email: 'a@example.com', extra: 1 })).status).toBe(400);
  });

  it('refuses a missing, forged or tampered token with 401 and a stable code', async () => {
    const none = await hub.get('/v1/cards/context');
    expect(none.status).toBe(401);
    expect(none.body.code).toBe('card_link_invalid');

    const token = tokenOf((await mint({ email: 'benjamin.carter@example.com' })).body.url);
    const raw = Buffer.from(token, 'base64url');
    raw[raw.length - 20] ^= 0x01;
    const tampered = await hub.get('/v1/cards/context', undefined, {
      'x-card-token': raw.toString('base64url'),
    });
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe('card_link_invalid');
    // An API key is not a card link.
    const key = await hub.get('/v1/cards/context', undefined, { 'x-card-token': KEYS.helpdesk });
    expect(key.body.code).toBe('card_link_invalid');
  });

  it('records who opened whose card in the audit trail, as the key that minted the link', async () => {
    const token = tokenOf((await mint({ email: 'alice.martin@example.com' })).body.url);
    const opened = await hub.get('/v1/cards/context', undefined, { 'x-card-token': token });
    await hub.audited();
    const audit = await hub.get('/v1/audit?route=/v1/cards/context', KEYS.admin);
    expect(audit.status).toBe(200);
    const row = audit.body.events.find(
      (r: { requestId: string }) => r.requestId === opened.headers.get('x-request-id'),
    );
    expect(row).toMatchObject({
      subjectType: 'customer',
      detail: 'card link of key demo-helpdesk',
      status: 200,
    });
    expect(row.subject).toMatch(/^email:[0-9a-f]{64}$/);
  });

  it('serves the card page under a strict policy, framed only where the config allows', async () => {
    const page = await fetch(`${hub.hubUrl}/card`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain('frame-ancestors https://*.freshdesk.com');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await page.text();
    expect(html).toContain('<context-card>');
    for (const asset of ['context-card.js', 'context-card.css', 'card-page.js']) {
      const res = await fetch(`${hub.hubUrl}/card/${asset}`);
      expect(res.status).toBe(200);
    }
    expect((await fetch(`${hub.hubUrl}/card/package.json`)).status).toBe(404);
    expect((await fetch(`${hub.hubUrl}/card/..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('card links across hub processes', () => {
  let minting: Harness;
  let rotated: Harness;
  let same: Harness;
  beforeAll(async () => {
    minting = await startHarness();
    same = await startHarness();
    rotated = await startHarness((config) => {
      config.apiKeys.find((k) => k.name === 'demo-helpdesk')!.key = 'demo-helpdesk-key-rotated-after-a-leak';
    });
  });
  afterAll(async () => {
    await Promise.all([minting, same, rotated].map((h) => h?.close()));
  });

  it('open on any process with the same secret and key, and on none once the key is rotated', async () => {
    const minted = await minting.post(
      '/v1/cards/links',
      { email: 'alice.martin@example.com' },
      KEYS.helpdesk,
    );
    const token = { 'x-card-token': new URL(minted.body.url).hash.slice(3) };
    expect((await same.get('/v1/cards/context', undefined, token)).status).toBe(200);
    const refused = await rotated.get('/v1/cards/context', undefined, token);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('card_link_revoked');
    expect(refused.body.detail).not.toContain('demo-helpdesk');
  });
});

describe('card links, off', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((config) => {
      delete config.cards;
    });
  });
  afterAll(() => hub.close());

  it('say the card is not configured rather than minting links nobody can open', async () => {
    const minted = await hub.post('/v1/cards/links', { email: 'a@example.com' }, KEYS.helpdesk);
    expect(minted.status).toBe(404);
    expect(minted.body.code).toBe('cards_not_configured');
    const opened = await hub.get('/v1/cards/context', undefined, { 'x-card-token': 'x'.repeat(60) });
    expect(opened.body.code).toBe('cards_not_configured');
    const page = await fetch(`${hub.hubUrl}/card`);
    expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });
});
