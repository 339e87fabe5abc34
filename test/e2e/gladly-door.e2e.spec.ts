import { type Harness, startHarness } from '../support/hub-harness';
import { gladlySignature } from '../support/gladly-signer';

const PATH = '/v1/doors/gladly/lookup';
const SECRET = 'e2e-gladly-signing-key-0001';

describe('Gladly Lookup Adaptor (hub + sandbox over HTTP, Gladly played by the test)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((config) => {
      config.doors.gladly = { signingSecret: SECRET, toleranceSeconds: 300, orders: 5 };
    });
  });
  afterEach(() => hub.resetFaults());
  afterAll(() => hub.close());

  /** POSTs a lookup as Gladly sends it: signed over these exact bytes unless told otherwise. */
  async function lookup(
    body: unknown,
    sign: { secret?: string; time?: Date; tamper?: (raw: string) => string } | false = {},
  ) {
    const raw = JSON.stringify(body);
    const headers = { accept: 'application/json', 'gladly-correlation-id': 'e2e-correlation' };
    const signature =
      sign === false
        ? {}
        : gladlySignature({
            secret: sign.secret ?? SECRET,
            time: sign.time ?? new Date(),
            path: PATH,
            // content-type is signed too; the harness sends application/json
            body: raw,
            headers: { ...headers, 'content-type': 'application/json' },
          });
    const sent = sign && sign.tamper ? sign.tamper(raw) : raw;
    return hub.post(PATH, sent, undefined, { ...headers, ...signature });
  }

  const alice = () => hub.world.customers.find((c) => c.email === 'alice.martin@example.com')!;
  const ownerOf = (number: number) => hub.world.orders.find((o) => o.number === number)!;

  it('BASIC by email: one candidate, so Gladly can auto-link it', async () => {
    const res = await lookup({
      lookupLevel: 'BASIC',
      uniqueMatchRequired: false,
      query: { emails: ['Alice.Martin@Example.com'], name: 'Alice Martin', id: 'gladly-internal-id' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0]).toMatchObject({
      externalCustomerId: 'alice.martin@example.com',
      emails: [{ original: 'alice.martin@example.com' }],
      phones: [{ original: alice().phone }],
    });
    expect(res.body.results[0].transactions).toBeUndefined();
  });

  it("BASIC from an agent's search, the phone sent as one string, finds the same person", async () => {
    const res = await lookup({ lookupLevel: 'BASIC', query: { phones: alice().phone } });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { externalCustomerId: string }) => r.externalCustomerId)).toEqual([
      'alice.martin@example.com',
    ]);
  });

  it("an agent's search by name alone lists the people the shop knows by that name", async () => {
    const res = await lookup({ lookupLevel: 'BASIC', query: { name: 'alice  martin' } });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      expect.objectContaining({ externalCustomerId: 'alice.martin@example.com', name: 'Alice Martin' }),
    ]);
  });

  it('nobody known, or nothing to look up by, is 200 with no results (never an error Gladly counts)', async () => {
    for (const query of [{ emails: ['nobody.here@example.com'] }, { name: 'Nobody By This Name' }, {}]) {
      const res = await lookup({ lookupLevel: 'BASIC', query });
      expect([res.status, res.body]).toEqual([200, { results: [] }]);
    }
  });

  it('DETAILED: exactly one profile, with flags as attributes and the recent orders as ORDER cards (#1037)', async () => {
    const email = ownerOf(1037).email;
    const res = await lookup({
      lookupLevel: 'DETAILED',
      uniqueMatchRequired: true,
      query: { externalCustomerId: email, emails: [email] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    const [profile] = res.body.results;
    expect(profile.externalCustomerId).toBe(email);
    expect(Object.values(profile.customAttributes).every((v) => typeof v === 'string')).toBe(true);
    expect(profile.customAttributes.escalate).toBe('yes');
    expect(profile.customAttributes.unavailableSystems).toBe('');
    expect(profile.transactions.length).toBeGreaterThan(0);
    expect(profile.transactions.length).toBeLessThanOrEqual(5);
    const card = profile.transactions.find((t: { orderNumber: string }) => t.orderNumber === '1037');
    expect(card).toMatchObject({
      type: 'ORDER',
      orderTotal: expect.stringMatching(/^\D+[\d,]+(\.\d+)?$/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(card.fulfillments[0]).toMatchObject({ status: 'Exception', trackingNumber: expect.any(String) });
    expect(card.products.length).toBeGreaterThan(0);
  });

  it('a system that is down still gives 200 with what the others know, and says which one is missing', async () => {
    await hub.fault('stripe', { errorRate: 1 });
    const res = await lookup({
      lookupLevel: 'DETAILED',
      query: { externalCustomerId: 'alice.martin@example.com' },
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toHaveLength(1);
    expect(res.body.results[0].customAttributes.unavailableSystems).toMatch(/stripe \((unavailable|stale)\)/);
    expect(res.body.results[0].transactions.length).toBeGreaterThan(0);
  });

  it.each([
    ['unsigned', false as const, 'signature_missing'],
    ['forged (another key)', { secret: 'someone-elses-key-000' }, 'signature_invalid'],
    ['stale (signed 10 minutes ago)', { time: new Date(Date.now() - 600_000) }, 'timestamp_stale'],
    ['tampered after signing', { tamper: (raw: string) => raw.replace('alice', 'bob') }, 'signature_invalid'],
  ])('refuses a request that is %s with 401, before reading it', async (_what, sign, reason) => {
    const res = await lookup({ lookupLevel: 'BASIC', query: { emails: ['alice.martin@example.com'] } }, sign);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'door_unauthorized', reason });
    expect(res.body.results).toBeUndefined();
  });

  it('a signed body that is not a lookup is a 400 naming the field', async () => {
    const res = await lookup({ lookupLevel: 'EVERYTHING', query: {} });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'lookupLevel' })]);
  });
});
