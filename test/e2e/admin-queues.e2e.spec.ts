import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/** bull-board at /admin/queues behind the admin scope (Bearer, or Basic for a browser). */
describe('GET /admin/queues (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness(undefined, { only: ['shopify', 'stripe'] });
  });
  afterAll(() => hub.close());

  const basic = (key: string) => `Basic ${Buffer.from(`agent:${key}`).toString('base64')}`;

  it('asks a browser for credentials, and refuses keys without admin', async () => {
    const none = await hub.get('/admin/queues');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic realm="Context Hub admin"/);
    expect(none.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await hub.get('/admin/queues/api/queues', KEYS.helpdesk)).status).toBe(403);
    expect(
      (await hub.get('/admin/queues', undefined, { authorization: basic('wrong-key-123') })).status,
    ).toBe(401);
  });

  it('serves the board and lists every action queue and the webhooks queue to an admin', async () => {
    const page = await hub.get('/admin/queues', undefined, { authorization: basic(KEYS.admin) });
    expect(page.status).toBe(200);
    expect(String(page.body)).toMatch(/<html/i);
    const api = await hub.get('/admin/queues/api/queues', KEYS.admin);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'actions.shopify',
      'actions.stripe',
      'webhooks',
    ]);
  });
});
