import { type Harness, KEYS, startHarness } from '../support/hub-harness';
import { intercomInitialize } from '../support/intercom-requests';
import { intercomSignature } from '../support/intercom-signer';
import { uniquePrefix } from '../support/redis-prefix';

/** Per-key rate limits, shared through Redis by every hub process. */
describe('rate limits per API key (two hubs on one Redis)', () => {
  let a: Harness;
  let b: Harness;
  const prefix = uniquePrefix('rate');
  beforeAll(async () => {
    const adjust = (c: Harness['config']) => {
      c.redis.keyPrefix = prefix;
      c.rateLimit = { requests: 5, windowSeconds: 60, perCredential: 3 };
      c.apiKeys.find((k) => k.name === 'demo-bot')!.rateLimit = 2;
    };
    a = await startHarness(adjust, { only: ['shopify'] });
    b = await startHarness(adjust, { only: ['shopify'] });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('counts one budget per key across processes, then answers 429 with Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await (i % 2 ? b : a).get('/v1/interfaces', KEYS.admin)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await b.get('/v1/interfaces', KEYS.admin);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(limited.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(limited.body.detail).toMatch(/5 requests per 60 s/);
  });

  it("gives each key its own budget, and a key's own limit wins", async () => {
    expect((await a.get('/v1/orders/1001/context', KEYS.helpdesk)).status).toBe(200);
    const bot = async () =>
      (await a.get('/v1/shipments/status?orderNumber=1001&postalCode=00000', KEYS.bot)).status;
    expect([await bot(), await bot(), await bot()]).toEqual([404, 404, 429]);
  });

  it('leaves routes without a key alone, and unsigned door requests uncounted', async () => {
    for (let i = 0; i < 8; i++) expect((await a.get('/health/live')).status).toBe(200);
    expect((await a.get('/v1/interfaces')).status).toBe(401);
    for (let i = 0; i < 5; i++) {
      const unsigned = await a.post('/v1/doors/intercom/initialize', intercomInitialize('a@example.com'));
      expect(unsigned.status).toBe(401);
    }
  });

  it('counts each card link on its own across processes: a leaked link replayed stops at rateLimit.perCredential', async () => {
    const link = async () => {
      const minted = await a.post('/v1/cards/links', { email: 'alice.martin@example.com' }, KEYS.helpdesk);
      return { 'x-card-token': new URL(minted.body.url).hash.slice(3) };
    };
    const first = await link();
    const opens: number[] = [];
    for (let i = 0; i < 4; i++)
      opens.push((await (i % 2 ? b : a).get('/v1/cards/context', undefined, first)).status);
    expect(opens).toEqual([200, 200, 200, 429]);
    const limited = await b.get('/v1/cards/context', undefined, first);
    expect(limited.body.detail).toMatch(
      /^This credential \(a signed request, a link, or a key tried at sign-in\) may make 3 requests per 60 s/,
    );
    expect((await a.get('/v1/cards/context', undefined, await link())).status).toBe(200);
  });

  it('counts each signed door request on its own: a replayed Gladly or Intercom request stops, new ones pass', async () => {
    const gladly = (email: string) =>
      a.post('/v1/doors/gladly/lookup', { lookupLevel: 'BASIC', query: { emails: [email] } }, undefined, {
        authorization: `Basic ${Buffer.from('demo-gladly:demo-gladly-password').toString('base64')}`,
      });
    const replays: number[] = [];
    for (let i = 0; i < 4; i++) replays.push((await gladly('alice.martin@example.com')).status);
    expect(replays).toEqual([200, 200, 200, 429]);
    expect((await gladly('benjamin.carter@example.com')).status).toBe(200);

    const body = JSON.stringify(intercomInitialize('alice.martin@example.com'));
    const signed = {
      'content-type': 'application/json',
      ...intercomSignature('demo-intercom-client-secret', body),
    };
    const intercom: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${(i % 2 ? b : a).hubUrl}/v1/doors/intercom/initialize`, {
        method: 'POST',
        headers: signed,
        body,
      });
      intercom.push(res.status);
    }
    expect(intercom).toEqual([200, 200, 200, 429]);
  });
});
