import { randomUUID } from 'node:crypto';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * Issue 10: a claimed task is resolved only by whoever claimed it (the same person through the same
 * API key); anyone else gets 409 task_claimed_by_other; an admin key may override, and says so.
 */
describe('resolving a claimed task (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  const OPS = 'ops-desk-key-0001'; // a second non-admin key with tasks:write
  beforeAll(async () => {
    hub = await startHarness(
      (c) => {
        c.actions.reconcileIntervalMs = 0;
        c.apiKeys.push({ name: 'ops-desk', key: OPS, scopes: ['tasks:read', 'tasks:write'] });
      },
      { only: ['shopify'] },
    );
  });
  afterAll(() => hub.close());

  /** A refund above the helpdesk's limit: an open refund_approval task, nothing sent to a vendor. */
  const newTask = async (): Promise<string> => {
    const res = await hub.post(
      '/v1/orders/1001/actions',
      { type: 'refund', amount: { amount: '150.00', currency: 'USD' } },
      KEYS.helpdesk,
      { 'idempotency-key': randomUUID() },
    );
    expect(res.body).toMatchObject({ status: 'manual', taskId: expect.any(String) });
    return res.body.taskId as string;
  };
  const task = async (id: string) => (await hub.get(`/v1/tasks/${id}`, KEYS.backoffice)).body;
  const claim = (id: string, by: string | undefined, key: string) =>
    hub.post(`/v1/tasks/${id}/claim`, by ? { by } : {}, key);
  const resolve = (id: string, body: Record<string, unknown>, key: string) =>
    hub.post(`/v1/tasks/${id}/resolve`, { outcome: 'rejected', ...body }, key);

  it('answers 409 task_claimed_by_other to anyone but the claimant, then lets the claimant resolve it', async () => {
    const id = await newTask();
    const claimed = await claim(id, 'Dana', KEYS.backoffice);
    expect(claimed.body).toMatchObject({
      status: 'claimed',
      claimedBy: 'Dana',
      claimedKey: 'demo-backoffice',
    });

    const eve = await resolve(id, { by: 'Eve' }, OPS);
    expect(eve.status).toBe(409);
    expect(eve.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(eve.body).toMatchObject({
      status: 409,
      code: 'task_claimed_by_other',
      claimedBy: 'Dana',
      claimedKey: 'demo-backoffice',
      claimedAt: claimed.body.claimedAt,
    });
    expect(eve.body.detail).toMatch(/claimed by Dana/);
    // Another person on the same key, the key itself (no "by"), and "Dana" through another key: no.
    for (const [by, key] of [
      ['Eve', KEYS.backoffice],
      [undefined, KEYS.backoffice],
      ['Dana', OPS],
    ] as const) {
      const res = await resolve(id, by ? { by } : {}, key);
      expect(res.body).toMatchObject({ status: 409, code: 'task_claimed_by_other', claimedBy: 'Dana' });
    }
    // An admin key that does not ask to override is anyone else too.
    expect((await resolve(id, { by: 'Zoe' }, KEYS.admin)).body.code).toBe('task_claimed_by_other');
    expect(await task(id)).toMatchObject({ status: 'claimed', claimedBy: 'Dana' });
    expect((await task(id)).resolvedBy).toBeUndefined();

    const dana = await resolve(id, { by: 'Dana', note: 'Customer agreed to store credit' }, KEYS.backoffice);
    expect(dana.status).toBe(200);
    expect(dana.body).toMatchObject({ status: 'resolved', outcome: 'rejected', resolvedBy: 'Dana' });
    expect(dana.body.claimOverridden).toBeUndefined();
  });

  it('still lets anyone with tasks:write resolve an open task, and the key name claims without "by"', async () => {
    const open = await newTask();
    expect((await resolve(open, { by: 'Eve' }, OPS)).body).toMatchObject({
      status: 'resolved',
      resolvedBy: 'Eve',
    });

    const id = await newTask();
    expect((await claim(id, undefined, OPS)).body).toMatchObject({
      claimedBy: 'ops-desk',
      claimedKey: 'ops-desk',
    });
    expect((await resolve(id, { by: 'Eve' }, OPS)).status).toBe(409);
    expect((await resolve(id, {}, OPS)).body).toMatchObject({ status: 'resolved', resolvedBy: 'ops-desk' });
  });

  it('claims are per person and key: the same holder again is a no-op, anyone else 409', async () => {
    const id = await newTask();
    expect((await claim(id, 'Dana', KEYS.backoffice)).status).toBe(200);
    expect((await claim(id, 'Dana', KEYS.backoffice)).status).toBe(200);
    const other = await claim(id, 'Dana', OPS);
    expect(other.body).toMatchObject({ status: 409, code: 'task_not_open', claimedBy: 'Dana' });
    await resolve(id, { by: 'Dana' }, KEYS.backoffice);
    expect((await claim(id, 'Dana', KEYS.backoffice)).body).toMatchObject({
      status: 409,
      code: 'task_not_open',
    });
  });

  it('refuses "override" from a key without the admin scope (403), the claim untouched', async () => {
    const id = await newTask();
    await claim(id, 'Dana', KEYS.backoffice);
    const res = await resolve(id, { by: 'Eve', override: true }, OPS);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'insufficient_scope' });
    expect(res.body.detail).toMatch(/override/);
    // Even the claimant may not send it: override is an admin's word.
    expect((await resolve(id, { by: 'Dana', override: true }, KEYS.backoffice)).status).toBe(403);
    expect(await task(id)).toMatchObject({ status: 'claimed', claimedBy: 'Dana' });
    expect((await resolve(id, { by: 'Eve', override: 'yes' }, KEYS.admin)).status).toBe(400);
  });

  it('lets an admin override the claim; the task and the audit trail say whose claim it was', async () => {
    const id = await newTask();
    await claim(id, 'Dana', KEYS.backoffice);
    const res = await hub.post(
      `/v1/tasks/${id}/resolve`,
      { outcome: 'rejected', by: 'Zoe', override: true, note: 'Dana is away' },
      KEYS.admin,
      { 'x-request-id': `override-${id}` },
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'resolved',
      outcome: 'rejected',
      resolvedBy: 'Zoe',
      claimedBy: 'Dana',
      claimedKey: 'demo-backoffice',
      claimOverridden: true,
    });
    expect(await task(id)).toMatchObject({ claimOverridden: true, claimedBy: 'Dana', resolvedBy: 'Zoe' });
    // Too late for Dana now.
    expect((await resolve(id, { by: 'Dana' }, KEYS.backoffice)).body.code).toBe('task_already_resolved');

    const audit = (await hub.get(`/v1/audit?subjectType=task&outcome=claim_overridden`, KEYS.admin)).body;
    const row = audit.events.find((e: { requestId: string }) => e.requestId === `override-${id}`);
    expect(row).toMatchObject({
      apiKey: 'demo-admin',
      method: 'POST',
      route: '/v1/tasks/:id/resolve',
      subjectType: 'task',
      subject: id,
      status: 200,
      outcome: 'claim_overridden',
    });
    expect(row.detail).toMatch(/by Zoe .*over the claim of Dana \(API key demo-backoffice\)/);
    // An override on an open task overrides no one, and the task and trail do not pretend it did.
    const open = await newTask();
    const plain = await resolve(open, { by: 'Zoe', override: true }, KEYS.admin);
    expect(plain.body).toMatchObject({ status: 'resolved', resolvedBy: 'Zoe' });
    expect(plain.body.claimOverridden).toBeUndefined();
  });

  it('documents the 409 and the override in the OpenAPI document', async () => {
    const doc = (await hub.get('/docs/openapi.json')).body;
    const post = doc.paths['/v1/tasks/{id}/resolve'].post;
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['200', '400', '403', '409']));
    expect(JSON.stringify(post.responses['409'])).toContain('task_claimed_by_other');
    expect(doc.components.schemas.ResolveBody.properties.override).toMatchObject({ type: 'boolean' });
    expect(doc.components.schemas.Task.properties).toHaveProperty('claimOverridden');
    const conflict = post.responses['409'].content['application/problem+json'].schema.$ref.split('/').pop();
    expect(doc.components.schemas[conflict].properties).toHaveProperty('claimedKey');
  });
});
