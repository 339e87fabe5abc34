import { type Harness, KEYS, startHarness } from '../support/hub-harness';
import { captureLogs } from '../support/log-capture';

/**
 * Issue 11, part 1: a hung or slow source never delays calls that do not need its answer. Stripe
 * knows orders by number too, but the tracking numbers and the customer come from the shop.
 */
describe('the order context with one source hanging', () => {
  let hub: Harness;
  const logs = captureLogs();
  const level = process.env.LOG_LEVEL;
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'debug';
    hub = await startHarness(
      (c) => {
        c.context.deadlineMs = 1_500;
      },
      { logStream: logs.stream },
    );
  });
  afterAll(async () => {
    await hub.close();
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  });

  afterEach(() => hub.resetFaults());

  /** The carriers that tracked a parcel of this answer. */
  const trackersOk = (body: { sources: { connector: string; status: string }[] }) => {
    const ok = Object.entries(statuses(body))
      .filter(([id, status]) => ['easypost', 'aftership'].includes(id) && status === 'ok')
      .map(([id]) => id);
    expect(ok.length).toBeGreaterThan(0);
    return ok;
  };

  const statuses = (body: { sources: { connector: string; status: string }[] }) =>
    Object.fromEntries(body.sources.map((s) => [s.connector, s.status]));

  it('still asks the carriers and the help desks while Stripe hangs', async () => {
    // An order whose parcels the carriers track, as the sandbox answers with no fault.
    const healthy = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    const tracked = trackersOk(healthy.body);

    await hub.clearLastGood();
    await hub.fault('stripe', { hang: true });
    const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    const now = statuses(res.body);
    expect(now.stripe).toBe('unavailable');
    for (const id of [...tracked, 'hubspot', 'zendesk', 'shopify', 'shipbob'])
      expect([id, now[id]]).toEqual([id, 'ok']);
    expect(res.body.cases.length).toBeGreaterThan(0);
  });

  it("tracks a customer's parcels and finds their cases while the warehouse hangs", async () => {
    const order = hub.world.orders.find((o) => o.number === 1001)!;
    const email = hub.world.customers.find((c) => c.id === order.customerId)!.email;
    const path = `/v1/customers/context?email=${encodeURIComponent(email)}`;
    const healthy = await hub.get(path, KEYS.helpdesk);
    const tracked = trackersOk(healthy.body);

    await hub.clearLastGood();
    await hub.fault('shipbob', { hang: true });
    const res = await hub.get(path, KEYS.helpdesk);
    expect(res.status).toBe(200);
    const now = statuses(res.body);
    expect(now.shipbob).toBe('unavailable');
    for (const id of [...tracked, 'hubspot', 'zendesk', 'shopify']) expect([id, now[id]]).toEqual([id, 'ok']);
  });

  it("finds a customer's person and cases in the help desks and Stripe while the shop hangs", async () => {
    const order = hub.world.orders.find((o) => o.number === 1001)!;
    const email = hub.world.customers.find((c) => c.id === order.customerId)!.email;
    const path = `/v1/customers/context?email=${encodeURIComponent(email)}`;
    const healthy = await hub.get(path, KEYS.helpdesk);
    expect(healthy.body.cases.length).toBeGreaterThan(0);

    await hub.clearLastGood();
    await hub.fault('shopify', { hang: true });
    const res = await hub.get(path, KEYS.helpdesk);
    expect(res.status).toBe(200);
    const now = statuses(res.body);
    expect(now.shopify).toBe('unavailable');
    // Asked with the email the caller gave, not after the shop's answer (which never comes).
    for (const id of ['hubspot', 'zendesk', 'stripe']) expect([id, now[id]]).toEqual([id, 'ok']);
    expect(res.body.cases.map((c: { id: string }) => c.id).sort()).toEqual(
      healthy.body.cases.map((c: { id: string }) => c.id).sort(),
    );
  });

  it('answers a bot with live tracking while the warehouse hangs, and asks no carrier for a wrong factor', async () => {
    const order = hub.world.orders.find((o) => o.number === 1001)!;
    const email = hub.world.customers.find((c) => c.id === order.customerId)!.email;
    const ask = (factor: string) =>
      hub.get(`/v1/shipments/status?orderNumber=1001&email=${encodeURIComponent(factor)}`, KEYS.bot);
    const healthy = await ask(email);
    const tracked = trackersOk(healthy.body);

    await hub.clearLastGood();
    await hub.fault('shipbob', { hang: true });
    const before = await trackerCalls();
    const wrong = await ask('someone.else@example.com');
    expect(wrong.status).toBe(503);
    expect(await trackerCalls()).toBe(before);

    const res = await ask(email);
    expect(res.status).toBe(200);
    const now = statuses(res.body);
    for (const id of tracked) expect([id, now[id]]).toEqual([id, 'ok']);
  });

  /** Requests the carriers' sandboxes have counted so far. */
  const trackerCalls = async () => {
    const stats = (await (await fetch(`${hub.sandboxUrl}/_sandbox/stats`)).json()) as {
      vendors: Record<string, { requests: number }>;
    };
    return stats.vendors.easypost.requests + stats.vendors.aftership.requests;
  };

  describe("with the customer's email as a hint (?email=)", () => {
    /** The world's order and its customer, and someone else. */
    const world = () => {
      const order = hub.world.orders.find((o) => o.number === 1003)!;
      const customer = hub.world.customers.find((c) => c.id === order.customerId)!;
      const stranger = hub.world.customers.find(
        (c) => c.id !== customer.id && hub.world.tickets.some((t) => t.customerId === c.id),
      )!;
      return { customer, stranger };
    };
    /** When the shop's order lookup ended, and when each help desk call started, in answer `id`. */
    const timing = async (id: string) => {
      const line = await logs.waitFor((l) => l.reqId === id && l.msg === 'order context: the calls it took');
      const calls = line.calls as { connector: string; call: string; startMs: number; endMs: number }[];
      const shopAnswered = calls.find((c) => c.connector === 'shopify' && c.call === 'order lookup')!.endMs;
      const crmStarts = calls
        .filter((c) => ['hubspot', 'zendesk'].includes(c.connector))
        .map((c) => c.startMs);
      expect(crmStarts.length).toBeGreaterThan(0);
      return { shopAnswered, crmStarts };
    };
    const withoutTimes = (body: any) => ({ ...body, generatedAt: undefined, sources: statuses(body) });

    it('starts the customer and case lookups with the order lookups, and answers as without it', async () => {
      const { customer } = world();
      const plain = await hub.get('/v1/orders/1003/context', KEYS.helpdesk, { 'x-request-id': 'hint-none' });
      const hinted = await hub.get(
        `/v1/orders/1003/context?email=${encodeURIComponent(customer.email.toUpperCase())}`,
        KEYS.helpdesk,
        { 'x-request-id': 'hint-right' },
      );
      expect(hinted.status).toBe(200);
      expect(withoutTimes(hinted.body)).toEqual(withoutTimes(plain.body));
      const { shopAnswered, crmStarts } = await timing('hint-right');
      for (const start of crmStarts) expect(start).toBeLessThanOrEqual(shopAnswered);
    });

    it("ignores someone else's email, and shows nothing of theirs", async () => {
      const { stranger } = world();
      const plain = await hub.get('/v1/orders/1003/context', KEYS.helpdesk);
      const hinted = await hub.get(
        `/v1/orders/1003/context?email=${encodeURIComponent(stranger.email)}`,
        KEYS.helpdesk,
        { 'x-request-id': 'hint-wrong' },
      );
      expect(hinted.status).toBe(200);
      expect(withoutTimes(hinted.body)).toEqual(withoutTimes(plain.body));
      const text = JSON.stringify(hinted.body);
      expect(text).not.toContain(stranger.email);
      expect(text).not.toContain(stranger.lastName);
      const strangersTickets = hub.world.tickets
        .filter((t) => t.customerId === stranger.id)
        .map((t) => t.subject);
      for (const subject of strangersTickets) expect(text).not.toContain(subject);
      // The lookups that count started from the shop's answer, not from the hint.
      const { shopAnswered, crmStarts } = await timing('hint-wrong');
      for (const start of crmStarts) expect(start).toBeGreaterThanOrEqual(shopAnswered);
    });

    it('refuses a hint that is not an email', async () => {
      const res = await hub.get('/v1/orders/1003/context?email=not-an-email', KEYS.helpdesk);
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
    });
  });

  it('logs the calls an answer took, with when each started and ended', async () => {
    const id = 'timeline-1002';
    await hub.get('/v1/orders/1002/context', KEYS.helpdesk, { 'x-request-id': id });
    const line = await logs.waitFor((l) => l.reqId === id && l.msg === 'order context: the calls it took');
    expect(line.calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connector: 'shopify', call: 'order lookup', startMs: expect.any(Number) }),
      ]),
    );
    for (const call of line.calls) {
      expect(call.outcome).not.toBe('in_flight');
      expect(call.endMs).toBeGreaterThanOrEqual(call.startMs);
    }
  });
});
