import { type Harness, KEYS, startHarness } from '../support/hub-harness';
import { uniquePrefix } from '../support/redis-prefix';

/** Per-key rate limits, shared through Redis by every hub process. */
describe('rate limits per API key (two hubs on one Redis)', () => {
  let a: Harness;
  let b: Harness;
  const prefix = uniquePrefix('rate');
  beforeAll(async () => {
    const adjust = (c: Harness['config']) => {
      c.redis.keyPrefix = prefix;
      c.rateLimit = { requests: 5, windowSeconds: 60 };
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

  it('leaves routes without a key alone', async () => {
    for (let i = 0; i < 8; i++) expect((await a.get('/health/live')).status).toBe(200);
    expect((await a.get('/v1/interfaces')).status).toBe(401);
  });
});
