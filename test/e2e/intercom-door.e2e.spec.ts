import fc from 'fast-check';
import { CanvasResponseSchema } from '../../src/doors/intercom/intercom-canvas.schema';
import { type Harness, KEYS, quickActions, startHarness, until } from '../support/hub-harness';
import { intercomInitialize } from '../support/intercom-requests';
import { intercomSignature } from '../support/intercom-signer';

const SECRET = 'e2e-intercom-client-secret-0001';
const INITIALIZE = '/v1/doors/intercom/initialize';
const SUBMIT = '/v1/doors/intercom/submit';
const BENJAMIN = 'benjamin.carter@example.com';
const ALICE = 'alice.martin@example.com';

type Canvas = { content: { components: any[] }; stored_data?: Record<string, any> };

const initializeBody = intercomInitialize;

/** A click on a canvas the hub answered, as Intercom sends it: the canvas shown comes back whole. */
function submitBody(
  email: string,
  shown: Canvas,
  componentId: string,
  inputValues: Record<string, string> = {},
  conversation?: string,
) {
  const base = initializeBody(email, conversation);
  return {
    ...base,
    component_id: componentId,
    current_canvas: shown,
    input_values: inputValues,
    user: base.contact,
  };
}

const texts = (canvas: Canvas) =>
  canvas.content.components.filter((c) => c.type === 'text').map((c) => c.text as string);
const table = (canvas: Canvas) =>
  canvas.content.components.filter((c) => c.type === 'data-table').flatMap((c) => c.items);
const items = (canvas: Canvas) =>
  canvas.content.components.filter((c) => c.type === 'list').flatMap((c) => c.items);
const buttonIds = (canvas: Canvas) =>
  canvas.content.components.filter((c) => c.type === 'button').map((c) => c.id as string);

describe('Intercom inbox app (hub + sandbox over HTTP, Intercom played by the test)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((config) => {
      quickActions(config);
      config.doors.intercom = {
        clientSecret: SECRET,
        actAs: 'demo-helpdesk',
        orders: 10,
        actionWindowSeconds: 600,
      };
    });
  });
  afterEach(() => hub.resetFaults());
  afterAll(() => hub.close());

  /** POSTs exactly these bytes, signed as Intercom signs them unless told otherwise. */
  async function call(
    path: string,
    body: unknown,
    sign: { secret?: string; tamper?: (raw: string) => string } | false = {},
  ) {
    const raw = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = sign === false ? {} : intercomSignature(sign.secret ?? SECRET, raw);
    const sent = sign && sign.tamper ? sign.tamper(raw) : raw;
    const res = await hub.post(path, sent, undefined, headers);
    return { ...res, raw };
  }

  /** A canvas answer: 200 and valid Canvas Kit (every component, both sizes). */
  async function canvasOf(path: string, body: unknown): Promise<Canvas> {
    const res = await call(path, body);
    expect(res.status).toBe(200);
    return CanvasResponseSchema.parse(res.body).canvas as Canvas;
  }

  const overview = (email = BENJAMIN) => canvasOf(INITIALIZE, initializeBody(email));
  const click = (email: string, shown: Canvas, id: string, inputs: Record<string, string> = {}) =>
    canvasOf(SUBMIT, submitBody(email, shown, id, inputs));
  const refundsCreated = async () => {
    const metrics = (await hub.get('/metrics', KEYS.admin)).body as string;
    return metrics
      .split('\n')
      .filter(
        (l) => l.startsWith('hub_actions_total{') && /type="refund"/.test(l) && /status="queued"/.test(l),
      )
      .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
  };
  const settled = (id: string) =>
    until(
      async () => (await hub.get(`/v1/actions/${id}`, KEYS.helpdesk)).body,
      (a) => !['queued', 'running', 'retrying'].includes(a.status),
    );
  const writesFor = async (key: string) => (await hub.writes()).writes.filter((w) => w.key === key);

  it("initialize: the contact's orders, one line each; a click shows parcels with tracking links, flags, return eligibility", async () => {
    const canvas = await overview();
    expect(texts(canvas)[0]).toBe('Benjamin Carter');
    expect(texts(canvas).join('\n')).toMatch(/\*\*Escalate:\*\* .*1037/);
    // The parcel the carrier lost, on the first canvas: stage, carrier and tracking number, the flag.
    expect(items(canvas)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          id: 'order:1037',
          title: expect.stringMatching(/^#1037 · /),
          subtitle: expect.stringMatching(/^\w+ \w+ · Exception$/),
          tertiary_text: 'Delivery exception',
          action: { type: 'submit' },
        }),
      ]),
    );
    expect(buttonIds(canvas)).toEqual(['refresh']);
    expect(canvas.stored_data).toMatchObject({
      v: 1,
      email: BENJAMIN,
      nonce: expect.any(String),
      orders: expect.arrayContaining([{ number: '1037', currency: 'USD' }]),
    });
    const order = await click(BENJAMIN, canvas, 'order:1037');
    // Its tracking number links to the carrier's page.
    expect(texts(order).join('\n')).toMatch(/\[\w+\]\(https:\/\/[^)]+\) · Exception/);
    expect(table(order)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'Return', value: expect.stringMatching(/^Not eligible: /) }),
        expect.objectContaining({ field: 'Flags', value: expect.stringMatching(/delivery exception/) }),
      ]),
    );
  });

  it('a contact without an email, or one no system knows, is a canvas that says so', async () => {
    const none = await canvasOf(INITIALIZE, initializeBody(null));
    expect(texts(none)[0]).toBe('No email for this contact');
    const nobody = await overview('nobody.here@example.com');
    expect(texts(nobody)[0]).toBe('Nothing found');
    expect(nobody.stored_data).toBeUndefined();
  });

  it('a system that is down: the canvas shows what the others know and what to check by hand', async () => {
    await hub.fault('stripe', { errorRate: 1 });
    const canvas = await overview(ALICE);
    expect(texts(canvas).join('\n')).toMatch(
      /\*\*stripe\*\* (could not be asked|answered from its last good copy)/,
    );
    expect(canvas.stored_data!.orders.length).toBeGreaterThan(0);
  });

  it('no system can be asked at all: a readable canvas listing each system and what to do by hand', async () => {
    // No last good copy either: Alice was asked before in this suite.
    await hub.clearLastGood();
    for (const vendor of ['shopify', 'shipbob', 'easypost', 'aftership', 'stripe', 'hubspot', 'zendesk']) {
      await hub.fault(vendor, { errorRate: 1 });
    }
    const canvas = await overview(ALICE);
    expect(texts(canvas)[0]).toBe('No system could answer');
    expect(texts(canvas).join('\n')).toMatch(/\*\*shopify\*\* could not be asked: .*Shopify/);
    expect(buttonIds(canvas)).toEqual(['refresh']);
  });

  it.each([
    [INITIALIZE, 'unsigned', false as const, 'signature_missing'],
    [INITIALIZE, 'forged (another secret)', { secret: 'someone-elses-secret-0001' }, 'signature_invalid'],
    [
      INITIALIZE,
      'tampered after signing',
      { tamper: (r: string) => r.replace('benjamin', 'alice') },
      'signature_invalid',
    ],
    [SUBMIT, 'unsigned', false as const, 'signature_missing'],
    [
      SUBMIT,
      'tampered after signing',
      { tamper: (r: string) => r.replace('refresh', 'order:1037') },
      'signature_invalid',
    ],
  ])('%s refuses a request that is %s with 401, before reading it', async (path, _what, sign, reason) => {
    const body =
      path === INITIALIZE
        ? initializeBody(BENJAMIN)
        : { ...initializeBody(BENJAMIN), component_id: 'refresh' };
    const res = await call(path, body, sign);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'door_unauthorized', reason });
    expect(res.body.canvas).toBeUndefined();
  });

  it('a signed body that is not a Canvas Kit request is a readable canvas, not an error', async () => {
    const canvas = await canvasOf(SUBMIT, [1, 2, 3]);
    expect(texts(canvas)[0]).toBe('The hub could not read this request');
  });

  it('refund within the limit: one action per click, a double click or replayed request does nothing twice', async () => {
    const order = await click(BENJAMIN, await overview(), 'order:1037');
    expect(order.content.components).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'input', id: 'refund-amount' })]),
    );
    expect(texts(order).join('\n')).toMatch(/Refunds up to \$100\.00 run at once/);
    const refund = submitBody(BENJAMIN, order, 'refund:1037', { 'refund-amount': '5.00' });
    const first = await call(SUBMIT, refund);
    // The same signed bytes again: a double click, or someone replaying what Intercom sent.
    const replay = await call(SUBMIT, first.raw);
    const [a, b] = [first, replay].map((r) => CanvasResponseSchema.parse(r.body).canvas as Canvas);
    expect(texts(a)[0]).toBe('Refund of $5.00 on #1037');
    expect(a.stored_data!.actionId).toEqual(expect.any(String));
    expect(b.stored_data!.actionId).toBe(a.stored_data!.actionId);
    // The audit trail names whom it was about, the teammate, and the action the door requested as its key.
    const audit = await hub.get(`/v1/audit?email=${BENJAMIN}&outcome=action_requested`, KEYS.admin);
    expect(JSON.stringify(audit.body)).toContain(
      `Intercom, Dana Reyes in conversation 215468733781234: refund #1037 as demo-helpdesk, action ${a.stored_data!.actionId}`,
    );
    const done = await settled(a.stored_data!.actionId);
    expect(done).toMatchObject({
      status: 'succeeded',
      type: 'refund',
      params: { amount: '5.00', currency: 'USD' },
    });
    expect(await writesFor(done.id)).toHaveLength(1);
    // The status button shows the outcome.
    const refreshed = await click(BENJAMIN, a, 'status');
    expect(texts(refreshed).join('\n')).toMatch(/^Done: /m);
    // The same button on a canvas rendered later is a new click: a new action.
    const again = await click(BENJAMIN, await click(BENJAMIN, refreshed, 'order:1037'), 'refund:1037', {
      'refund-amount': '5.00',
    });
    expect(again.stored_data!.actionId).not.toBe(a.stored_data!.actionId);
    await settled(again.stored_data!.actionId);
  });

  it("a refund above the key's limit waits for approval: the canvas names the task", async () => {
    const order = await click(ALICE, await overview(ALICE), 'order:1001');
    const canvas = await click(ALICE, order, 'refund:1001', { 'refund-amount': '150.00' });
    const action = (await hub.get(`/v1/actions/${canvas.stored_data!.actionId}`, KEYS.helpdesk)).body;
    expect(action).toMatchObject({ status: 'manual', taskId: expect.any(String) });
    expect(texts(canvas).join('\n')).toContain(`Waiting for approval (task ${action.taskId})`);
    const tasks = (await hub.get('/v1/tasks?kind=refund_approval', KEYS.backoffice)).body;
    expect(JSON.stringify(tasks)).toContain(action.taskId);
  });

  it('an amount that is not one is shown next to the input, and nothing is requested', async () => {
    const before = await refundsCreated();
    const order = await click(ALICE, await overview(ALICE), 'order:1001');
    for (const typed of ['', 'ten dollars', '0']) {
      const canvas = await click(ALICE, order, 'refund:1001', { 'refund-amount': typed });
      const input = canvas.content.components.find((c) => c.id === 'refund-amount');
      expect(input).toMatchObject({ save_state: 'failed' });
      expect(canvas.stored_data!.actionId).toBeUndefined();
    }
    expect(await refundsCreated()).toBe(before);
  });

  it('a click on a canvas older than actionWindowSeconds does nothing and shows the order as it is', async () => {
    const order = await click(ALICE, await overview(ALICE), 'order:1001');
    const old = {
      ...order,
      stored_data: { ...order.stored_data, issuedAt: new Date(Date.now() - 3_600_000).toISOString() },
    };
    const before = await refundsCreated();
    const canvas = await click(ALICE, old, 'refund:1001', { 'refund-amount': '1.00' });
    expect(texts(canvas).join('\n')).toMatch(/Nothing was done: that view was more than 10 minutes old/);
    expect(canvas.stored_data!.actionId).toBeUndefined();
    // The fresh canvas it answered acts.
    const fresh = await click(ALICE, canvas, 'refund:1001', { 'refund-amount': '1.00' });
    expect(fresh.stored_data!.actionId).toEqual(expect.any(String));
    expect(await refundsCreated()).toBe(before + 1);
    await settled(fresh.stored_data!.actionId);
  });

  it('a note is filed as the teammate through the door key; a cancel asks first', async () => {
    const home = await overview(ALICE);
    // An order no other test acts on, not cancelled yet.
    const number = items(home)
      .filter((i) => i.id !== 'order:1001' && !/ · Cancelled/.test(i.title))
      .map((i) => (i.id as string).slice('order:'.length))[0];
    expect(number).toEqual(expect.any(String));
    const order = await click(ALICE, home, `order:${number}`);
    const noted = await click(ALICE, order, `note:${number}`, {
      'note-text': 'Asked to keep the parcel at the door.',
    });
    const note = await settled(noted.stored_data!.actionId);
    expect(note).toMatchObject({
      status: 'succeeded',
      params: { text: 'Asked to keep the parcel at the door.', author: 'Dana Reyes', customerEmail: ALICE },
    });
    const confirm = await click(ALICE, order, `cancel:${number}`);
    expect(texts(confirm)[0]).toBe(`Cancel order #${number}?`);
    expect(confirm.stored_data!.actionId).toBeUndefined();
    const cancelled = await click(ALICE, confirm, `cancel-confirm:${number}`);
    expect(texts(cancelled)[0]).toBe(`Cancel #${number}`);
    const cancel = await settled(cancelled.stored_data!.actionId);
    expect(cancel).toMatchObject({
      type: 'cancel',
      params: { staffNote: expect.stringContaining('Dana Reyes') },
    });
  });

  it('acts only on orders the canvas showed for this contact', async () => {
    const alices = await overview(ALICE);
    const before = await refundsCreated();
    // Order 1037 is Benjamin's: a click naming it on Alice's canvas does nothing.
    const foreign = await click(ALICE, alices, 'refund:1037', { 'refund-amount': '1.00' });
    expect(texts(foreign)[0]).toMatch(/Order #1037 is not among this contact's orders/);
    // Alice's canvas, sent back for another contact (the conversation's contact changed).
    const other = await click(BENJAMIN, alices, 'refund:1001', { 'refund-amount': '1.00' });
    expect(texts(other)[0]).toMatch(/about another contact/);
    expect(await refundsCreated()).toBe(before);
  });

  it('whatever Intercom signs, the answer is a planned, valid canvas (fuzzed, fixed seed), never an error', async () => {
    const shown = await overview(ALICE);
    const text = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.constantFrom('refund:1001', 'order:1001', 'status', ''),
    );
    const body = fc.oneof(
      fc.jsonValue(),
      fc.record(
        {
          component_id: fc.oneof(text, fc.integer(), fc.constant(null)),
          contact: fc.oneof(
            fc.record({ email: fc.oneof(text, fc.constant(ALICE), fc.constant(null)) }),
            fc.jsonValue(),
          ),
          context: fc.oneof(fc.record({ conversation_id: fc.oneof(fc.integer(), text) }), fc.jsonValue()),
          current_canvas: fc.oneof(
            fc.constant(shown),
            fc.record({
              stored_data: fc.oneof(fc.jsonValue(), fc.constant({ ...shown.stored_data, issuedAt: 'x' })),
            }),
            fc.jsonValue(),
          ),
          input_values: fc.oneof(
            fc.dictionary(fc.constantFrom('refund-amount', 'note-text'), text),
            fc.jsonValue(),
          ),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const res = await call(SUBMIT, JSON.stringify(b));
        expect(res.status).toBe(200);
        const canvas = CanvasResponseSchema.parse(res.body);
        // The catch-all canvas answers an unplanned failure; no input may reach it.
        expect(canvas.canvas.content.components[0]).not.toMatchObject({ text: 'Something went wrong' });
      }),
      { seed: 20261201, numRuns: 40 },
    );
  });
});
