import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/** GET /v1/audit: who asked what, over HTTP, on the hub's own database. */
describe('the audit trail (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  const started = new Date().toISOString();
  beforeAll(async () => {
    hub = await startHarness(undefined, { only: ['shopify'] });
  });
  afterAll(() => hub.close());

  const audit = async (query = '') => {
    const res = await hub.get(`/v1/audit${query}`, KEYS.admin);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('records each read with key, endpoint, subject, result and time', async () => {
    const customer = hub.world.customers[0];
    await hub.get('/v1/orders/%231001/context', KEYS.helpdesk, { 'x-request-id': 'audit-read-1' });
    await hub.get(`/v1/customers/context?email=${encodeURIComponent(customer.email)}`, KEYS.helpdesk);
    await hub.get('/v1/orders/99999/context', KEYS.helpdesk);
    await hub.get('/v1/orders/1001/context', KEYS.bot);
    await hub.get('/v1/orders/1001/context');

    const byOrder = await audit('?orderNumber=1001');
    expect(byOrder.events).toEqual([
      expect.objectContaining({ status: 401, outcome: 'unauthorized', subject: '1001' }),
      expect.objectContaining({ apiKey: 'demo-bot', status: 403, outcome: 'forbidden' }),
      {
        id: expect.any(String),
        at: expect.any(String),
        apiKey: 'demo-helpdesk',
        method: 'GET',
        route: '/v1/orders/:orderNumber/context',
        subjectType: 'order',
        subject: '1001',
        status: 200,
        outcome: 'ok',
        requestId: 'audit-read-1',
        latencyMs: expect.any(Number),
      },
    ]);
    expect(byOrder.events[0].apiKey).toBeUndefined();
    expect((await audit('?orderNumber=99999')).events[0]).toMatchObject({
      status: 404,
      outcome: 'not_found',
    });

    // A customer is found by the same email (any case), and the trail never holds the address.
    const byEmail = await audit(`?email=${encodeURIComponent(customer.email.toUpperCase())}`);
    expect(byEmail.events).toEqual([
      expect.objectContaining({ route: '/v1/customers/context', subjectType: 'customer', status: 200 }),
    ]);
    expect(byEmail.events[0].subject).toMatch(/^email:[0-9a-f]{64}$/);
    expect(JSON.stringify(await audit())).not.toContain(customer.email);
  });

  it('records actions, and filters by key, endpoint, outcome and time, with paging', async () => {
    const res = await hub.post('/v1/orders/1002/actions', { type: 'note', text: 'audited' }, KEYS.helpdesk, {
      'idempotency-key': 'audit-note-0001',
    });
    expect(res.status).toBe(202);
    await hub.get(`/v1/actions/${res.body.id}`, KEYS.helpdesk);

    const actions = await audit('?route=/v1/orders/:orderNumber/actions');
    expect(actions.events).toEqual([
      expect.objectContaining({ method: 'POST', subject: '1002', status: 202, apiKey: 'demo-helpdesk' }),
    ]);
    expect((await audit(`?subjectType=action`)).events[0]).toMatchObject({
      subject: res.body.id,
      status: 200,
    });
    const helpdesk = await audit('?apiKey=demo-helpdesk&limit=2');
    expect(helpdesk).toMatchObject({ limit: 2, offset: 0 });
    expect(helpdesk.events).toHaveLength(2);
    expect(helpdesk.total).toBeGreaterThanOrEqual(5);
    const page2 = await audit('?apiKey=demo-helpdesk&limit=2&offset=2');
    expect(page2.events.map((e: { id: string }) => e.id)).not.toContain(helpdesk.events[0].id);
    expect((await audit(`?outcome=forbidden&from=${encodeURIComponent(started)}`)).total).toBe(1);
    expect((await audit('?to=2000-01-01T00:00:00Z')).total).toBe(0);
  });

  it('is for admins only, and says which filter is wrong', async () => {
    expect((await hub.get('/v1/audit', KEYS.helpdesk)).status).toBe(403);
    const bad = await hub.get('/v1/audit?from=yesterday&limit=9999', KEYS.admin);
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['from', 'limit']);
    expect((await hub.get('/v1/audit?orderNumber=1001&email=a@b.co', KEYS.admin)).status).toBe(400);
  });
});
