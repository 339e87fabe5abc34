import { randomUUID } from 'node:crypto';
import { alertReceiver } from '../support/alert-receiver';
import { type Harness, KEYS, quickActions, startHarness, until } from '../support/hub-harness';

type Decision = {
  playbook: string;
  rule: string;
  remedies: {
    remedy: string;
    action?: string;
    amount?: { amount: string; currency: string };
    approval: boolean;
  }[];
};

/**
 * Issue 16 parts 3 and 4 on the sandbox: remedies carried out through the actions pipeline, each
 * naming the playbook decision it carries out, held to it, recorded on the order (its context and
 * its facts) and announced on the alert webhook; an outage turns a remedy into a task.
 */
describe('remedies carried out: POST /v1/orders/{n}/actions with a decision (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  let receiver: Awaited<ReturnType<typeof alertReceiver>>;
  beforeAll(async () => {
    receiver = await alertReceiver();
    hub = await startHarness((c) => {
      quickActions(c, 2);
      c.monitoring.alertWebhookUrl = receiver.url;
    });
  });
  afterAll(async () => {
    await hub.close();
    receiver.server.close();
  });
  afterEach(() => hub.resetFaults());

  const act = (order: number, body: unknown, key = KEYS.helpdesk) =>
    hub.post(`/v1/orders/${order}/actions`, body, key, { 'idempotency-key': randomUUID() });
  const settled = (id: string) =>
    until(
      async () => (await hub.get(`/v1/actions/${id}`, KEYS.helpdesk)).body,
      (a) => !['queued', 'running', 'retrying'].includes(a.status),
    );
  const remedies = async (order: number, query: string) => {
    const res = await hub.get(`/v1/orders/${order}/remedies?${query}`, KEYS.helpdesk);
    expect([order, query, res.status]).toEqual([order, query, 200]);
    return res.body as { decisions: Decision[]; facts: Record<string, any> };
  };
  /** The remedy_granted events the alert webhook received for an action (waits for the first). */
  const granted = (actionId: string) =>
    until(
      () =>
        Promise.resolve(
          receiver.alerts.filter((a) => a.kind === 'remedy_granted' && a.actionId === actionId),
        ),
      (list) => list.length > 0,
    );

  it('a broken mug is replaced: Shopify creates the order, the context lists it, and a second remedy goes to a lead', async () => {
    const damaged = 'situation=damaged_item&skus=MUG-CER-12';
    const before = await remedies(1001, damaged);
    expect(before.decisions[0]).toMatchObject({ playbook: 'damaged-item', rule: 'fragile-goods' });
    expect(before.decisions[0].remedies[0]).toMatchObject({ remedy: 'replacement', action: 'replacement' });
    const decision = { playbook: 'damaged-item', rule: 'fragile-goods', skus: ['MUG-CER-12'] };

    const res = await act(1001, { type: 'replacement', reason: 'Arrived broken', decision });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      type: 'replacement',
      connector: 'shopify',
      // The items the decision is about, since the request named none.
      params: { items: [{ sku: 'MUG-CER-12' }], reason: 'Arrived broken' },
      decision: {
        playbook: 'damaged-item',
        rule: 'fragile-goods',
        situation: 'damaged_item',
        remedy: 'replacement',
      },
    });
    const done = await settled(res.body.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: {
        summary: expect.stringMatching(
          /^Shopify created replacement order #\d+ for order #1001 \(\d+ items?, no charge\)\.$/,
        ),
      },
    });
    expect(done.result.url).toMatch(/\/orders\/\d+$/);
    const writes = (await hub.writes()).writes.filter((w) => w.key === res.body.id);
    expect(writes.map((w) => w.operation)).toEqual(['orderCreate']);

    const context = (await hub.get('/v1/orders/1001/context', KEYS.helpdesk)).body;
    expect(context.remedies).toEqual([
      expect.objectContaining({
        actionId: res.body.id,
        remedy: 'replacement',
        status: 'succeeded',
        items: [{ sku: 'MUG-CER-12' }],
        decision: { playbook: 'damaged-item', rule: 'fragile-goods', situation: 'damaged_item' },
        requestedBy: 'demo-helpdesk',
        summary: done.result.summary,
      }),
    ]);
    const after = await remedies(1001, damaged);
    expect(after.facts.granted).toEqual({ count: 1, remedies: ['replacement'] });
    expect(after.decisions[0].rule).toBe('already-compensated');
    // The same for a bot: nothing it may offer twice.
    expect((await remedies(1001, `${damaged}&channel=bot`)).decisions[0].rule).toBe('already-compensated');

    // The decision itself can still be recorded in a note: nothing is granted by it.
    const note = await act(1001, { type: 'note', text: 'Replacement sent for the broken mug', decision });
    expect(note.status).toBe(202);
    expect(note.body.decision).toEqual({
      playbook: 'damaged-item',
      rule: 'fragile-goods',
      situation: 'damaged_item',
    });
    const again = await act(1001, { type: 'replacement', decision });
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      code: 'decision_changed',
      detail: expect.stringContaining('already-compensated'),
    });

    const [alert] = await granted(res.body.id);
    expect(alert).toMatchObject({
      kind: 'remedy_granted',
      orderNumber: '1001',
      actionId: res.body.id,
      remedy: 'replacement',
      status: 'succeeded',
      decision: { playbook: 'damaged-item', rule: 'fragile-goods' },
      requestedBy: 'demo-helpdesk',
      connector: 'shopify',
      url: done.result.url,
    });
  });

  it('store credit for a damaged everyday item: at most what the playbook offers, then recorded in the order', async () => {
    // The first delivered order whose first non-fragile item the playbook answers with store credit.
    let found: { order: number; sku: string; offer: Decision['remedies'][number] } | undefined;
    for (const o of hub.world.orders) {
      const sku = o.lineItems.find((l) => !/^(MUG|CNDL)-/.test(l.sku))?.sku;
      if (o.number === 1001 || o.omsMissing || o.refunds.length || !sku) continue;
      if (!o.parcels.some((p) => p.events.some((e) => e.status === 'delivered'))) continue;
      const answer = await remedies(o.number, `situation=damaged_item&skus=${sku}`);
      const offer = answer.decisions[0]?.remedies.find((r) => r.action === 'store_credit');
      if (answer.decisions[0]?.rule === 'everyday-goods' && offer?.amount) {
        found = { order: o.number, sku, offer };
        break;
      }
    }
    expect(found).toBeDefined();
    const { order, sku, offer } = found!;
    const decision = { playbook: 'damaged-item', rule: 'everyday-goods', skus: [sku] };
    const more = (Number(offer.amount!.amount) + 0.01).toFixed(2);

    const tooMuch = await act(order, {
      type: 'store_credit',
      amount: { amount: more, currency: offer.amount!.currency },
      decision,
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ code: 'remedy_amount_exceeds_offer' });
    const notOffered = await act(order, { type: 'replacement', items: [{ sku: 'NOT-THIS-ONE' }], decision });
    expect(notOffered.status).toBe(422);
    expect(notOffered.body.code).toBe('remedy_not_offered');

    const res = await act(order, {
      type: 'store_credit',
      amount: offer.amount,
      reason: 'Damaged in transit',
      decision,
    });
    expect(res.status).toBe(202);
    const done = await settled(res.body.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      result: {
        summary: expect.stringMatching(
          new RegExp(
            `^Shopify credited [\\d.]+ ${offer.amount!.currency} store credit to .+ for order #${order} \\(balance [\\d.]+ ${offer.amount!.currency}\\)\\.$`,
          ),
        ),
        url: expect.stringMatching(/\/customers\/\d+$/),
      },
    });
    // The credit itself carries no text; the order's note records it with the hub's marker.
    const writes = (await hub.writes()).writes;
    expect(writes.filter((w) => w.operation === 'storeCreditAccountCredit')).toHaveLength(1);
    expect(writes.filter((w) => w.key === res.body.id)).toEqual([
      expect.objectContaining({ operation: 'orderUpdate', orderNumber: String(order) }),
    ]);
    const context = (await hub.get(`/v1/orders/${order}/context`, KEYS.helpdesk)).body;
    expect(context.remedies[0]).toMatchObject({
      remedy: 'store_credit',
      amount: offer.amount,
      status: 'succeeded',
    });
    expect((await granted(res.body.id))[0]).toMatchObject({
      orderNumber: String(order),
      remedy: 'store_credit',
      amount: offer.amount,
    });
  });

  it('a lost parcel’s refund the playbook offers with approval waits for a second person, then runs', async () => {
    const lost = await remedies(1037, 'situation=where_is_my_order');
    const refund = lost.decisions[0].remedies.find((r) => r.remedy === 'refund')!;
    expect(refund).toMatchObject({ approval: true, action: 'refund' });
    const decision = { playbook: 'where-is-my-order', rule: 'lost-in-transit' };

    // Below the helpdesk key's own refund limit: only the playbook holds it.
    const res = await act(1037, { type: 'refund', amount: refund.amount, decision });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'manual', taskId: expect.any(String) });
    const task = (await hub.get(`/v1/tasks/${res.body.taskId}`, KEYS.backoffice)).body;
    expect(task).toMatchObject({
      kind: 'refund_approval',
      whatFailed: expect.stringContaining('playbook where-is-my-order, rule lost-in-transit'),
    });
    // Listed while it waits: a second agent sees it is on its way.
    const waiting = (await hub.get('/v1/orders/1037/context', KEYS.helpdesk)).body.remedies;
    expect(waiting).toEqual([expect.objectContaining({ remedy: 'refund', status: 'manual' })]);

    const approved = await hub.post(`/v1/tasks/${task.id}/resolve`, { outcome: 'approved' }, KEYS.backoffice);
    expect(approved.status).toBe(200);
    expect(await settled(res.body.id)).toMatchObject({ status: 'succeeded' });

    // The decision recorded on the customer's CRM record, for the next agent in any channel.
    const email = hub.world.customers.find(
      (c) => c.id === hub.world.orders.find((o) => o.number === 1037)!.customerId,
    )!;
    const note = await act(1037, {
      type: 'note',
      text: 'Refunded the lost parcel in full (approved)',
      connector: 'hubspot',
      customerEmail: email.email,
      decision,
    });
    expect(note.status).toBe(202);
    expect(await settled(note.body.id)).toMatchObject({
      status: 'succeeded',
      connector: 'hubspot',
      decision: { playbook: 'where-is-my-order', rule: 'lost-in-transit', situation: 'where_is_my_order' },
    });
  });

  it('store credit while Shopify fails every call becomes a task; called off, it no longer counts as granted', async () => {
    const res = await act(1042, { type: 'store_credit', amount: { amount: '5.00', currency: 'USD' } });
    expect(res.body).toMatchObject({ status: 'manual' });
    await hub.fault('shopify', { errorRate: 1 });
    const approve = await hub.post(
      `/v1/tasks/${res.body.taskId}/resolve`,
      { outcome: 'approved' },
      KEYS.backoffice,
    );
    expect(approve.status).toBe(200);
    const failed = await until(
      async () => (await hub.get(`/v1/actions/${res.body.id}`, KEYS.helpdesk)).body,
      (a) => a.status === 'manual' && a.taskId !== res.body.taskId,
    );
    const task = (await hub.get(`/v1/tasks/${failed.taskId}`, KEYS.backoffice)).body;
    expect(task).toMatchObject({
      kind: 'action_failed',
      title: expect.stringContaining('Give 5.00 USD store credit for order #1042 by hand'),
      instructions: expect.stringContaining('Issue 5.00 USD'),
    });
    await hub.resetFaults();
    const waiting = await remedies(1042, 'situation=where_is_my_order');
    expect(waiting.facts.granted).toEqual({ count: 1, remedies: ['store_credit'] });

    const cancelled = await hub.post(
      `/v1/tasks/${task.id}/resolve`,
      { outcome: 'cancelled', note: 'Customer declined the credit' },
      KEYS.backoffice,
    );
    expect(cancelled.status).toBe(200);
    const after = await remedies(1042, 'situation=where_is_my_order');
    expect(after.facts.granted).toEqual({ count: 0, remedies: [] });
    expect(after.decisions[0].rule).not.toBe('already-compensated');
    const context = (await hub.get('/v1/orders/1042/context', KEYS.helpdesk)).body;
    expect(context.remedies).toEqual([
      expect.objectContaining({ remedy: 'store_credit', status: 'cancelled' }),
    ]);
  });

  it('two agents reshipping a returned parcel at the same moment: one reship, the other sees it granted; a retry gets the first', async () => {
    const decision = { playbook: 'where-is-my-order', rule: 'returned-to-sender' };
    const body = { type: 'replacement', decision };
    const key = randomUUID();
    // Dana's request, the same request again (a client's retry), and Lee's, all at once.
    const [dana, retry, lee] = await Promise.all([
      hub.post('/v1/orders/1038/actions', body, KEYS.helpdesk, { 'idempotency-key': key }),
      hub.post('/v1/orders/1038/actions', body, KEYS.helpdesk, { 'idempotency-key': key }),
      act(1038, body, KEYS.admin),
    ]);
    const context = (await hub.get('/v1/orders/1038/context', KEYS.helpdesk)).body;
    const reships = context.remedies.filter((r: { remedy: string }) => r.remedy === 'replacement');
    expect(reships).toHaveLength(1);
    // Whoever had the first turn got the reship; the retry answers as Dana's request did.
    expect(retry.status).toBe(dana.status);
    if (dana.status === 202) {
      expect([retry.body.id, reships[0].actionId]).toEqual([dana.body.id, dana.body.id]);
      expect(lee.status).toBe(422);
    } else {
      expect(lee.status).toBe(202);
      expect(reships[0].actionId).toBe(lee.body.id);
    }
    const refused = dana.status === 422 ? dana : lee;
    expect(refused.body).toMatchObject({
      code: 'decision_changed',
      detail: expect.stringContaining('already-compensated'),
    });
  });

  it('a replacement no decision names waits for a second person; approved while Shopify fails every call, it becomes a task', async () => {
    const res = await act(1009, { type: 'replacement', reason: 'Wrong size sent' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'manual', taskId: expect.any(String) });
    const approval = (await hub.get(`/v1/tasks/${res.body.taskId}`, KEYS.backoffice)).body;
    expect(approval).toMatchObject({
      kind: 'remedy_approval',
      whatFailed: 'Not a failure: no playbook decision names this replacement.',
    });
    await hub.fault('shopify', { errorRate: 1 });
    expect(
      (await hub.post(`/v1/tasks/${approval.id}/resolve`, { outcome: 'approved' }, KEYS.backoffice)).status,
    ).toBe(200);
    const failed = await until(
      async () => (await hub.get(`/v1/actions/${res.body.id}`, KEYS.helpdesk)).body,
      (a) => a.status === 'manual' && a.taskId !== approval.id,
    );
    const task = (await hub.get(`/v1/tasks/${failed.taskId}`, KEYS.backoffice)).body;
    expect(task).toMatchObject({
      kind: 'action_failed',
      title: expect.stringContaining('Send a replacement for order #1009 by hand'),
      instructions: expect.stringContaining(`hub-${res.body.id}`),
    });
    await hub.resetFaults();

    const resolved = await hub.post(
      `/v1/tasks/${task.id}/resolve`,
      { outcome: 'done', note: 'Created #1099 by hand' },
      KEYS.backoffice,
    );
    expect(resolved.status).toBe(200);
    expect(await settled(res.body.id)).toMatchObject({ status: 'succeeded' });
    const [alert] = await granted(res.body.id);
    expect(alert).toMatchObject({
      remedy: 'replacement',
      status: 'succeeded',
      resolvedBy: expect.any(String),
      summary: 'Created #1099 by hand',
    });
  });
});
