import { randomUUID } from 'node:crypto';
import { type Order } from '../../sandbox/world/world.types';
import { type Harness, KEYS, quickActions, startHarness, until } from '../support/hub-harness';

/** Actions over HTTP: hub (API + worker in one process) on SQLite and Redis, vendors in the sandbox. */
describe('POST /v1/orders/{n}/actions (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => {
      quickActions(c, 3);
      c.actions.callTimeoutMs = 2_000;
      c.apiKeys.push({
        name: 'team-lead',
        key: 'team-lead-key-0001',
        scopes: ['actions:write', 'tasks:write'],
        refundLimit: { USD: '10.00' },
      });
    });
  });
  afterAll(() => hub.close());
  afterEach(() => hub.resetFaults());

  const act = (
    order: number | string,
    body: unknown,
    key = KEYS.helpdesk,
    idem: string | null = randomUUID(),
  ) => hub.post(`/v1/orders/${order}/actions`, body, key, idem ? { 'idempotency-key': idem } : {});
  const action = (id: string, key = KEYS.helpdesk) => hub.get(`/v1/actions/${id}`, key);
  const settled = (id: string, key = KEYS.helpdesk) =>
    until(
      async () => (await action(id, key)).body,
      (a) => !['queued', 'running', 'retrying'].includes(a.status),
    );
  const paid = (o: Order) =>
    !o.omsMissing &&
    !o.cancellation &&
    o.refunds.length === 0 &&
    o.currency === 'USD' &&
    o.payments.some((p) => p.outcome === 'succeeded' && p.capture === 'automatic' && !p.dispute);
  const orders = () => hub.world.orders.filter(paid);
  const writesFor = async (key: string) => (await hub.writes()).writes.filter((w) => w.key === key);

  it('adds a note to the order in the OMS: 202 with a Location, then succeeded, written once', async () => {
    const res = await act(1001, { type: 'note', text: 'Customer called about the delivery date.' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'queued',
      type: 'note',
      orderNumber: '1001',
      connector: 'shopify',
    });
    expect(res.headers.get('location')).toBe(`/v1/actions/${res.body.id}`);
    const done = await settled(res.body.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      params: { text: 'Customer called about the delivery date.', author: 'demo-helpdesk' },
      result: { summary: expect.any(String) },
      finishedAt: expect.any(String),
    });
    expect(await writesFor(res.body.id)).toHaveLength(1);
  });

  it('returns the same action for the same Idempotency-Key and body, 409 for another body', async () => {
    const key = randomUUID();
    const body = { type: 'note', text: 'Same request twice.' };
    const first = await act(1002, body, KEYS.helpdesk, key);
    const again = await act('%231002', { text: 'Same request twice.', type: 'note' }, KEYS.helpdesk, key);
    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
    const other = await act(1002, { type: 'note', text: 'Something else.' }, KEYS.helpdesk, key);
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'idempotency_key_reused', actionId: first.body.id });
    // Keys are per API key: another caller's key space is its own.
    const admins = await act(1002, body, KEYS.admin, key);
    expect(admins.body.id).not.toBe(first.body.id);
    await settled(first.body.id);
    await settled(admins.body.id, KEYS.admin);
    expect(await writesFor(first.body.id)).toHaveLength(1);
  });

  it('rejects bad requests with the field named, and keys without actions:write', async () => {
    expect((await act(1001, { type: 'note', text: 'x' }, KEYS.helpdesk, null)).body).toMatchObject({
      status: 400,
      errors: [{ path: 'headers.idempotency-key' }],
    });
    const unknownType = await act(1001, { type: 'teleport' });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.errors[0].message).toMatch(/cancel, refund, note/);
    const badAmount = await act(1001, { type: 'refund', amount: { amount: '-5', currency: 'USD' } });
    expect(badAmount.body.errors).toEqual([expect.objectContaining({ path: 'amount.amount' })]);
    const extra = await act(1001, { type: 'note', text: 'hi', sneaky: true });
    expect(extra.status).toBe(400);
    expect((await act(1001, { type: 'note', text: 'x' }, KEYS.bot)).status).toBe(403);
    expect((await act(1001, { type: 'note', text: 'x' }, 'nope-not-a-key')).status).toBe(401);
    expect((await act(1001, { type: 'cancel', connector: 'aftership' })).body).toMatchObject({
      status: 422,
      code: 'action_not_supported',
    });
    expect((await act(1001, { type: 'note', text: 'x', connector: 'hubspot' })).body.errors).toEqual([
      expect.objectContaining({ path: 'customerEmail' }),
    ]);
  });

  it("hides another key's action", async () => {
    const res = await act(1003, { type: 'note', text: 'mine' });
    expect((await action(res.body.id, KEYS.backoffice)).status).toBe(404);
    expect((await action(res.body.id, KEYS.admin)).status).toBe(200);
    expect((await action('not-a-uuid')).status).toBe(400);
    await settled(res.body.id);
  });

  it('runs a refund within the key limit through Stripe, exactly once', async () => {
    const order = orders()[0];
    const res = await act(order.number, {
      type: 'refund',
      amount: { amount: '5.00', currency: 'USD' },
      reason: 'requested_by_customer',
      connector: 'stripe',
    });
    expect(res.status).toBe(202);
    const done = await settled(res.body.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      connector: 'stripe',
      result: { externalId: expect.any(String) },
    });
    expect(await writesFor(res.body.id)).toEqual([expect.objectContaining({ vendor: 'stripe' })]);
  });

  it('holds a refund above the key limit for approval; another key approves and it runs', async () => {
    const order = orders().filter((o) => o.payments.length === 1 && o.payments[0].amount >= 200_00)[0]; // minor units
    const res = await act(order.number, { type: 'refund', amount: { amount: '150.00', currency: 'USD' } });
    expect(res.body).toMatchObject({ status: 'manual', taskId: expect.any(String) });
    const task = (await hub.get(`/v1/tasks/${res.body.taskId}`, KEYS.backoffice)).body;
    expect(task).toMatchObject({
      kind: 'refund_approval',
      status: 'open',
      actionId: res.body.id,
      orderNumber: String(order.number),
      allowedOutcomes: ['approved', 'rejected'],
    });
    expect(task.whatFailed).toMatch(/150\.00 USD is above the 100\.00 USD/);
    // The helpdesk may read tasks but not resolve them; nothing ran meanwhile.
    expect(
      (await hub.post(`/v1/tasks/${task.id}/resolve`, { outcome: 'approved' }, KEYS.helpdesk)).status,
    ).toBe(403);
    expect(await writesFor(res.body.id)).toHaveLength(0);
    const wrong = await hub.post(`/v1/tasks/${task.id}/resolve`, { outcome: 'done' }, KEYS.backoffice);
    expect(wrong.body).toMatchObject({ status: 400, errors: [{ path: 'outcome' }] });

    const approved = await hub.post(
      `/v1/tasks/${task.id}/resolve`,
      { outcome: 'approved', note: 'Checked with the customer', by: 'Dana' },
      KEYS.backoffice,
    );
    expect(approved.body).toMatchObject({ status: 'resolved', outcome: 'approved', resolvedBy: 'Dana' });
    const done = await settled(res.body.id);
    expect(done).toMatchObject({ status: 'succeeded', connector: 'shopify' });
    expect(done.lastError).toBeUndefined();
    expect(await writesFor(res.body.id)).toHaveLength(1);
    expect(
      (await hub.post(`/v1/tasks/${task.id}/resolve`, { outcome: 'rejected' }, KEYS.backoffice)).status,
    ).toBe(409);
  });

  it('does not let a key approve its own refund; rejecting cancels the action', async () => {
    const order = orders()[2];
    const res = await act(
      order.number,
      { type: 'refund', amount: { amount: '20.00', currency: 'USD' } },
      'team-lead-key-0001',
    );
    expect(res.body.status).toBe('manual');
    const self = await hub.post(
      `/v1/tasks/${res.body.taskId}/resolve`,
      { outcome: 'approved' },
      'team-lead-key-0001',
    );
    expect(self.body).toMatchObject({ status: 403, code: 'self_approval' });
    await hub.post(`/v1/tasks/${res.body.taskId}/resolve`, { outcome: 'rejected' }, KEYS.backoffice);
    expect((await action(res.body.id, 'team-lead-key-0001')).body).toMatchObject({
      status: 'cancelled',
      resolution: { by: 'demo-backoffice', outcome: 'rejected' },
    });
    expect(await writesFor(res.body.id)).toHaveLength(0);
  });

  it('retries a vendor that is down, then hands the action to a person; resolving closes it', async () => {
    await hub.fault('shopify', { errorRate: 1 });
    const res = await act(1004, { type: 'note', text: 'During an outage.' });
    const manual = await settled(res.body.id);
    expect(manual).toMatchObject({
      status: 'manual',
      attempts: 3,
      lastError: { code: 'upstream_unavailable' },
      taskId: expect.any(String),
    });
    // Only the write met the outage, and the interface's health shows it: /v1/interfaces, metrics, alerts.
    const shopify = (await hub.get('/v1/interfaces', KEYS.admin)).body.find(
      (i: { connector: string }) => i.connector === 'shopify',
    );
    expect(shopify).toMatchObject({ lastError: { code: 'upstream_unavailable' } });
    expect(shopify.window.errors).toBeGreaterThanOrEqual(3);
    const task = (await hub.get(`/v1/tasks/${manual.taskId}`, KEYS.helpdesk)).body;
    expect(task).toMatchObject({
      kind: 'action_failed',
      connector: 'shopify',
      allowedOutcomes: ['done', 'cancelled'],
    });
    expect(task.whatFailed).toMatch(/failed 3 time\(s\), the last with upstream_unavailable/);
    expect(task.instructions).toMatch(/Shopify/i);
    expect(task.url).toMatch(/^https:\/\/admin\.shopify\.com\/store\/sandbox-shop\/orders/);

    const claimed = await hub.post(`/v1/tasks/${task.id}/claim`, { by: 'Sam' }, KEYS.backoffice);
    expect(claimed.body).toMatchObject({ status: 'claimed', claimedBy: 'Sam' });
    expect((await hub.post(`/v1/tasks/${task.id}/claim`, {}, KEYS.admin)).status).toBe(409);
    await hub.post(
      `/v1/tasks/${task.id}/resolve`,
      { outcome: 'done', note: 'Added by hand', by: 'Sam' },
      KEYS.backoffice,
    );
    expect((await action(res.body.id)).body).toMatchObject({
      status: 'succeeded',
      resolution: { by: 'Sam', outcome: 'done', note: 'Added by hand', at: expect.any(String) },
    });
    expect(await writesFor(res.body.id)).toHaveLength(0);
  });

  it('does not retry what the vendor refused: a second cancel is a no-op, a refund too large is a task', async () => {
    // Shopify refuses to cancel an order with fulfillments; this one has none yet.
    const order = orders().filter((o) => o.parcels.length === 0)[0];
    const first = await settled((await act(order.number, { type: 'cancel', reason: 'customer' })).body.id);
    expect(first).toMatchObject({ status: 'succeeded', attempts: 1 });
    const second = await settled((await act(order.number, { type: 'cancel', reason: 'customer' })).body.id);
    expect(second).toMatchObject({
      status: 'succeeded',
      result: { summary: expect.stringMatching(/already/i) },
    });

    const tooMuch = await settled(
      (
        await act(
          orders()[4].number,
          { type: 'refund', amount: { amount: '99999.00', currency: 'USD' }, connector: 'stripe' },
          KEYS.admin,
        )
      ).body.id,
      KEYS.admin,
    );
    expect(tooMuch).toMatchObject({ status: 'manual', attempts: 1, lastError: { code: 'rejected' } });
  });

  it('lists tasks with filters and paging', async () => {
    const all = (await hub.get('/v1/tasks?status=resolved&limit=1', KEYS.backoffice)).body;
    expect(all).toMatchObject({
      limit: 1,
      offset: 0,
      tasks: [expect.objectContaining({ status: 'resolved' })],
    });
    expect(all.total).toBeGreaterThanOrEqual(2);
    const next = (await hub.get('/v1/tasks?status=resolved&limit=1&offset=1', KEYS.backoffice)).body;
    expect(next.tasks[0].id).not.toBe(all.tasks[0].id);
    expect((await hub.get('/v1/tasks?status=weird', KEYS.backoffice)).body.errors).toEqual([
      expect.objectContaining({ path: 'status' }),
    ]);
    expect((await hub.get('/v1/tasks', KEYS.bot)).status).toBe(403);
    expect((await hub.get(`/v1/tasks/${randomUUID()}`, KEYS.backoffice)).status).toBe(404);
  });

  it('documents actions and tasks in the OpenAPI document', async () => {
    const doc = (await hub.get('/docs/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/orders/{orderNumber}/actions',
        '/v1/actions/{id}',
        '/v1/tasks',
        '/v1/tasks/{id}',
        '/v1/tasks/{id}/claim',
        '/v1/tasks/{id}/resolve',
      ]),
    );
    const post = doc.paths['/v1/orders/{orderNumber}/actions'].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['202', '400', '409', '422']));
    expect(JSON.stringify(post.requestBody)).toContain('refund');
  });
});
